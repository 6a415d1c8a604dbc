package org.crowdsweep.core.platform;

/**
 * The worker: reward sensitivities, time budget, start reputation and the time cost of each kind of action.
 *
 * @param payoutSensitivity multiplier on the payout in the reward of every valid answer
 * @param interestingnessSensitivity multiplier on the (shifted) interestingness in the reward of a diligent answer
 * @param timeSensitivity multiplier on the unused time in the reward for quitting (0 in all published settings)
 * @param timeBudget time available per episode
 * @param startReputation reputation at reset, in [0, 1]
 * @param randomAnswerTime time cost of a negligent answer and of an invalid answer
 * @param intentionalAnswerTime multiplier of the task's effort for a diligent answer
 * @param switchTaskTime time cost of any switch action, valid or not
 */
public record UserProperties(
    double payoutSensitivity,
    double interestingnessSensitivity,
    double timeSensitivity,
    double timeBudget,
    double startReputation,
    double randomAnswerTime,
    double intentionalAnswerTime,
    double switchTaskTime) {

  /** The published worker (both reference directories). */
  public static final UserProperties PUBLISHED = new UserProperties(1, 0.5, 0, 50, 1, 0.1, 1, 1);

  public UserProperties {
    Checks.finite("payout_sensitivity", payoutSensitivity);
    Checks.finite("interestingness_sensitivity", interestingnessSensitivity);
    Checks.finite("time_sensitivity", timeSensitivity);
    Checks.positive("time_budget", timeBudget);
    Checks.unitInterval("start_reputation", startReputation);
    Checks.nonNegative("random_answer_time", randomAnswerTime);
    Checks.nonNegative("intentional_answer_time", intentionalAnswerTime);
    Checks.nonNegative("switch_task_time", switchTaskTime);
  }
}
