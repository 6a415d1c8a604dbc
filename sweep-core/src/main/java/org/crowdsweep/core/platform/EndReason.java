package org.crowdsweep.core.platform;

/** How an episode ended ({@code info["end_reason"]} of the original). */
public enum EndReason {
  /** The worker chose to quit ({@code "user_quit"}). */
  USER_QUIT("user_quit"),
  /** The time spent exceeded the budget ({@code "end_of_user_time_budget"}). */
  TIME_BUDGET("end_of_user_time_budget");

  private final String originalName;

  EndReason(String originalName) {
    this.originalName = originalName;
  }

  /** The original's string for this reason. */
  public String originalName() {
    return originalName;
  }
}
