package org.crowdsweep.core.training;

/** Hears about a training's progress: curve rows as sb3 logs them, and a heartbeat for progress bars. */
public interface TrainingListener {
  /** A row of the training curve (every {@code log_interval} episodes). */
  default void onLog(TrainingRow row) {}

  /** Called about every 10,000 environment steps with the steps done and the budget. */
  default void onProgress(long steps, long totalSteps, double secondsElapsed) {}

  /** A checkpoint was written at this step. */
  default void onCheckpoint(long steps) {}

  /** A listener that ignores everything. */
  TrainingListener NONE = new TrainingListener() {};
}
