package org.crowdsweep.core.evaluation;

import org.crowdsweep.core.platform.CrowdworkerPlatform;

/** Sees every step of an episode, for traces and debugging. */
@FunctionalInterface
public interface StepObserver {
  /** Called after each step with the action chosen, its reward and the platform in its new state. */
  void onStep(int step, int action, double reward, CrowdworkerPlatform platform);

  /** Called after each reset, before the first step of episode {@code index}. */
  default void onEpisodeStart(int index, CrowdworkerPlatform platform) {}
}
