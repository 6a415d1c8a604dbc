package org.crowdsweep.core.platform;

import org.crowdsweep.core.rng.NumpyRandom;

/**
 * Where a task-giver's tasks come from: each reset draws one {@link TaskProperties} per task-giver.
 *
 * <p>Three kinds, as in the original {@code task.py}: the {@linkplain DefaultBeta default Beta distribution}, the
 * {@linkplain CustomBeta custom Beta distribution} with per-property parameters, and the {@linkplain Fixed fixed
 * distribution}. In every kind the interestingness is shifted by -0.5 (model-spec §3.1 and quirk 9).
 */
public sealed interface TaskGiverDistribution
    permits TaskGiverDistribution.DefaultBeta, TaskGiverDistribution.CustomBeta, TaskGiverDistribution.Fixed {

  /** The number of labels of every question (constant in the original). */
  int NUM_CLASSES = 10;

  /** The shift applied to interestingness in all three kinds. */
  double INTEREST_SHIFT = 0.5;

  /** Draws one task's properties; the draw order is payout, expertise, effort, interestingness, question count. */
  TaskProperties draw(NumpyRandom rng);

  /** {@code TaskPropertiesBetaDistribution}: Beta(10,10), Beta(40,10), Beta(10,10), Beta(10,10)−0.5, Beta(10,10)×100. */
  static DefaultBeta defaultBeta() {
    return DefaultBeta.INSTANCE;
  }

  /** The default Beta distribution ({@code TaskPropertiesBetaDistribution}). */
  final class DefaultBeta implements TaskGiverDistribution {
    static final DefaultBeta INSTANCE = new DefaultBeta();

    private DefaultBeta() {}

    @Override
    public TaskProperties draw(NumpyRandom rng) {
      double payout = rng.beta(10, 10);
      double expertise = rng.beta(40, 10);
      double effort = rng.beta(10, 10);
      double interestingness = rng.beta(10, 10) - INTEREST_SHIFT;
      double target = rng.beta(10, 10) * 100;
      return new TaskProperties(payout, expertise, effort, interestingness, target, NUM_CLASSES);
    }

    /** The same draws as a {@link CustomBeta} with its defaults. */
    public CustomBeta asCustom() {
      return CustomBeta.DEFAULTS;
    }

    @Override
    public String toString() {
      return "DefaultBeta";
    }
  }

  /**
   * {@code TaskPropertiesCustomBetaDistribution}: a Beta distribution per property and a scale for the question
   * count. Its defaults equal the default distribution.
   *
   * @param payout Beta parameters of the payout
   * @param expertise Beta parameters of the expertise
   * @param effort Beta parameters of the effort
   * @param interestingness Beta parameters of the interestingness before the -0.5 shift
   * @param targetNumInstances Beta parameters of the question count before scaling
   * @param targetNumInstancesScale the question count's scale (100)
   */
  record CustomBeta(
      BetaParameters payout,
      BetaParameters expertise,
      BetaParameters effort,
      BetaParameters interestingness,
      BetaParameters targetNumInstances,
      double targetNumInstancesScale)
      implements TaskGiverDistribution {

    /** The defaults: the same as {@link DefaultBeta}. */
    public static final CustomBeta DEFAULTS =
        new CustomBeta(
            BetaParameters.TEN_TEN,
            BetaParameters.FORTY_TEN,
            BetaParameters.TEN_TEN,
            BetaParameters.TEN_TEN,
            BetaParameters.TEN_TEN,
            100);

    public CustomBeta {
      requireNonNull("payout", payout);
      requireNonNull("expertise", expertise);
      requireNonNull("effort", effort);
      requireNonNull("interestingness", interestingness);
      requireNonNull("target_num_instances", targetNumInstances);
      Checks.positive("target_num_instances_scale", targetNumInstancesScale);
    }

    private static void requireNonNull(String field, Object value) {
      if (value == null) {
        throw new IllegalArgumentException(field + ": must be given, found null");
      }
    }

    @Override
    public TaskProperties draw(NumpyRandom rng) {
      double p = rng.beta(payout.a(), payout.b());
      double x = rng.beta(expertise.a(), expertise.b());
      double e = rng.beta(effort.a(), effort.b());
      double i = rng.beta(interestingness.a(), interestingness.b()) - INTEREST_SHIFT;
      double t = rng.beta(targetNumInstances.a(), targetNumInstances.b()) * targetNumInstancesScale;
      return new TaskProperties(p, x, e, i, t, NUM_CLASSES);
    }

    /** A copy with another payout distribution. */
    public CustomBeta withPayout(BetaParameters value) {
      return new CustomBeta(value, expertise, effort, interestingness, targetNumInstances, targetNumInstancesScale);
    }

    /** A copy with another expertise distribution. */
    public CustomBeta withExpertise(BetaParameters value) {
      return new CustomBeta(payout, value, effort, interestingness, targetNumInstances, targetNumInstancesScale);
    }

    /** A copy with another effort distribution. */
    public CustomBeta withEffort(BetaParameters value) {
      return new CustomBeta(payout, expertise, value, interestingness, targetNumInstances, targetNumInstancesScale);
    }

    /** A copy with another interestingness distribution (before the shift). */
    public CustomBeta withInterestingness(BetaParameters value) {
      return new CustomBeta(payout, expertise, effort, value, targetNumInstances, targetNumInstancesScale);
    }

    /** A copy with another question-count distribution (before scaling). */
    public CustomBeta withTargetNumInstances(BetaParameters value) {
      return new CustomBeta(payout, expertise, effort, interestingness, value, targetNumInstancesScale);
    }
  }

  /**
   * {@code TaskPropertiesCustomFixedDistribution}: the same values every episode, no random draws.
   *
   * <p>Quirk kept from the original: the interestingness is given on the 0..1 scale and 0.5 is still subtracted, so
   * the default 0.5 yields 0.
   *
   * @param payout the payout
   * @param expertise the expertise, in [0, 1]
   * @param effort the effort (time of a diligent answer)
   * @param interestingness the interestingness on the 0..1 scale (shifted by -0.5 when drawn)
   * @param targetNumInstances the number of real questions
   */
  record Fixed(double payout, double expertise, double effort, double interestingness, double targetNumInstances)
      implements TaskGiverDistribution {

    /** The original's defaults: payout 0.5, expertise 0.8, effort 0.5, interestingness 0.5, 50 questions. */
    public static final Fixed DEFAULTS = new Fixed(0.5, 0.8, 0.5, 0.5, 50);

    public Fixed {
      Checks.finite("payout", payout);
      Checks.unitInterval("expertise", expertise);
      Checks.nonNegative("effort", effort);
      Checks.finite("interestingness", interestingness);
      Checks.nonNegative("target_num_instances", targetNumInstances);
    }

    @Override
    public TaskProperties draw(NumpyRandom rng) {
      return new TaskProperties(
          payout, expertise, effort, interestingness - INTEREST_SHIFT, targetNumInstances, NUM_CLASSES);
    }
  }
}
