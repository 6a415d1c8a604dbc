package org.crowdsweep.specs;

import java.util.List;
import java.util.stream.Collectors;

/** A spec is invalid; carries every error found, one per line in the message. */
public final class SpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final transient List<SpecError> errors;

  public SpecException(List<SpecError> errors) {
    super(errors.stream().map(SpecError::toString).collect(Collectors.joining("\n")));
    this.errors = List.copyOf(errors);
  }

  /** The errors, in the order found. */
  public List<SpecError> errors() {
    return errors;
  }
}
