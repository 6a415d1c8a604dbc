package org.crowdsweep.core.platform;

/** The action space {@code Discrete(3 + K)}: quit, answer negligently, answer diligently, switch to slot i. */
public final class Actions {
  /** Quit: ends the episode. */
  public static final int QUIT = 0;

  /** Answer negligently: a random label, costs the random answer time. */
  public static final int ANSWER_NEGLIGENTLY = 1;

  /** Answer diligently: the true label with probability expertise, costs effort. */
  public static final int ANSWER_DILIGENTLY = 2;

  /** Switch to task slot 0; slot i is {@code SWITCH_TASK0 + i}. */
  public static final int SWITCH_TASK0 = 3;

  private Actions() {}

  /** Whether the action is one of the two answer actions. */
  public static boolean isAnswer(int action) {
    return action == ANSWER_NEGLIGENTLY || action == ANSWER_DILIGENTLY;
  }

  /** The original's {@code action_to_str}: "QUIT", "ANSWER NEGLIGENTLY", "ANSWER DILIGENTLY", "SWITCH TO TASK i". */
  public static String name(int action) {
    if (action < 0) {
      throw new IllegalArgumentException("action: must be >= 0, found " + action);
    }
    return switch (action) {
      case QUIT -> "QUIT";
      case ANSWER_NEGLIGENTLY -> "ANSWER NEGLIGENTLY";
      case ANSWER_DILIGENTLY -> "ANSWER DILIGENTLY";
      default -> "SWITCH TO TASK " + (action - SWITCH_TASK0);
    };
  }
}
