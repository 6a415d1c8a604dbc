package org.crowdsweep.core.evaluation;

/**
 * How to evaluate: how many episodes, from which seed, seeded which way.
 *
 * @param episodes number of episodes, at least 1 (the paper used 1000, the tutorial 100)
 * @param seed the evaluation seed, non-negative
 * @param mode the seeding mode
 */
public record EvaluationSettings(int episodes, long seed, SeedingMode mode) {
  public EvaluationSettings {
    if (episodes < 1) {
      throw new IllegalArgumentException("episodes: must be >= 1, found " + episodes);
    }
    if (seed < 0) {
      throw new IllegalArgumentException("seed: must be >= 0, found " + seed);
    }
    if (mode == null) {
      throw new IllegalArgumentException("mode: must be given, found null");
    }
  }

  /** The tutorial's evaluation: 100 episodes, seed 98765, one generator. */
  public static EvaluationSettings tutorial() {
    return new EvaluationSettings(100, 98765, SeedingMode.TUTORIAL);
  }
}
