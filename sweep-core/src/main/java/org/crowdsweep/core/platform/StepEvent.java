package org.crowdsweep.core.platform;

/** What a step actually did; the evaluator's metrics are counted from these. */
public enum StepEvent {
  /** The worker quit; the episode is over. */
  QUIT,
  /** The time was already over budget: the episode ended and the chosen action was not executed. */
  TIME_OUT,
  /** A negligent answer in an active task. */
  ANSWER_NEGLIGENT,
  /** A diligent answer in an active task. */
  ANSWER_DILIGENT,
  /** An answer with no current task or an inactive one: reward -1, random answer time. */
  ANSWER_INVALID,
  /** A switch to another active task: reward 0. */
  SWITCH,
  /** A switch to the current task: reward -1, but a new question is issued (a paid skip). */
  SWITCH_SAME,
  /** A switch to an inactive task: reward -1, no current task afterwards. */
  SWITCH_INVALID;

  /** Whether this event executed a valid answer. */
  public boolean isValidAnswer() {
    return this == ANSWER_NEGLIGENT || this == ANSWER_DILIGENT;
  }

  /** Whether this event was any switch action. */
  public boolean isSwitch() {
    return this == SWITCH || this == SWITCH_SAME || this == SWITCH_INVALID;
  }

  /** Whether this event was penalised as invalid (reward -1). */
  public boolean isInvalid() {
    return this == ANSWER_INVALID || this == SWITCH_SAME || this == SWITCH_INVALID;
  }
}
