package org.crowdsweep.specs;

/**
 * One problem in a spec: where (a JSON path, with the setting path in parentheses when there is one) and what.
 *
 * @param path the JSON path, e.g. {@code axes[1].values[2] (antiCheat.qaModeProb)}
 * @param message the rule and the value found, e.g. {@code must be in [0, 1], found 1.5}
 */
public record SpecError(String path, String message) {
  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
