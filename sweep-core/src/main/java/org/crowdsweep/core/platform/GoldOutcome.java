package org.crowdsweep.core.platform;

/** The result of the last answer for the hidden quality control. */
public enum GoldOutcome {
  /** The answered question was not a gold question (or no answer was executed). */
  NONE,
  /** A gold question answered correctly: the reputation bonus was added. */
  PASSED,
  /** A gold question answered wrongly: the reputation punishment was added and the task's failure count rose. */
  FAILED
}
