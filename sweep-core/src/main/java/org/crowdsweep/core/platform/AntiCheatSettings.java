package org.crowdsweep.core.platform;

/**
 * The cheating deterrents: hidden gold questions, a global reputation with a minimum level, and a per-task ban.
 *
 * @param qaFalseMax per-task ban: a task stays active only while its failed gold answers are fewer than this ("ban
 *     after")
 * @param qaModeProb probability that a newly issued question is a hidden gold question
 * @param reputationPunishment added to the reputation on a failed gold question (negative or zero)
 * @param reputationBonus added to the reputation on a passed gold question (positive or zero)
 * @param minReputation global block: every task is inactive while the reputation is below this
 */
public record AntiCheatSettings(
    int qaFalseMax,
    double qaModeProb,
    double reputationPunishment,
    double reputationBonus,
    double minReputation) {

  /** The deterrent world of the published qa3-0.1 model. */
  public static final AntiCheatSettings PUBLISHED = new AntiCheatSettings(3, 0.1, -0.05, 0.05, 0.9);

  /** The published no-deterrent world (qa3-0): no gold questions, so reputation and bans never fire. */
  public static final AntiCheatSettings NO_GOLD = new AntiCheatSettings(3, 0.0, -0.05, 0.05, 0.9);

  public AntiCheatSettings {
    if (qaFalseMax < 0) {
      throw new IllegalArgumentException("qa_false_max: must be >= 0, found " + qaFalseMax);
    }
    Checks.unitInterval("qa_mode_prob", qaModeProb);
    Checks.nonPositive("reputation_punishment", reputationPunishment);
    Checks.nonNegative("reputation_bonus", reputationBonus);
    Checks.unitInterval("min_reputation", minReputation);
  }
}
