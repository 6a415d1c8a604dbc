package org.crowdsweep.core.platform;

/** The range checks shared by the platform's value types; each message names the field, the rule and the value. */
final class Checks {
  private Checks() {}

  static void finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(field + ": must be a finite number, found " + value);
    }
  }

  static void positive(String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + ": must be > 0, found " + value);
    }
  }

  static void nonNegative(String field, double value) {
    if (!(value >= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + ": must be >= 0, found " + value);
    }
  }

  static void unitInterval(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + ": must be in [0, 1], found " + value);
    }
  }

  static void nonPositive(String field, double value) {
    if (!(value <= 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + ": must be <= 0, found " + value);
    }
  }
}
