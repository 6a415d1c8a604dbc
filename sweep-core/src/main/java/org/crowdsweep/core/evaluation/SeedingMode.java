package org.crowdsweep.core.evaluation;

/** How the episodes of an evaluation get their randomness. */
public enum SeedingMode {
  /**
   * The tutorial's way: seed one generator once with the evaluation seed and run the episodes back to back, so each
   * episode's start depends on everything before it. Needed to reproduce the tutorial's numbers.
   */
  TUTORIAL,
  /**
   * A fresh generator per episode, seeded with {@code StableSeeds.episodeSeed(seed, index)}: two points with the same
   * evaluation seed see the same task draws at every episode start (common random numbers), and any episode can be
   * replayed alone. The default for sweeps.
   */
  PER_EPISODE
}
