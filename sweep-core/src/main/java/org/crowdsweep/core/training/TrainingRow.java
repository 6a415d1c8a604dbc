package org.crowdsweep.core.training;

/**
 * One row of the training curve, with the columns of sb3's {@code progress.csv}.
 *
 * @param episodes episodes finished ({@code time/episodes})
 * @param epRewMean mean return of the last 100 training episodes, each rounded to 6 decimals as sb3's Monitor does
 *     ({@code rollout/ep_rew_mean})
 * @param epLenMean mean length of the last 100 training episodes ({@code rollout/ep_len_mean})
 * @param explorationRate ε at this moment ({@code rollout/exploration rate})
 * @param loss the last gradient step's loss, NaN before training started ({@code train/loss})
 * @param nUpdates gradient steps so far ({@code train/n_updates})
 * @param learningRate the learning rate ({@code train/learning_rate})
 * @param fps environment steps per second since the start ({@code time/fps})
 * @param timeElapsed whole seconds since the start ({@code time/time_elapsed})
 * @param totalTimesteps environment steps so far ({@code time/total_timesteps})
 */
public record TrainingRow(
    long episodes,
    double epRewMean,
    double epLenMean,
    double explorationRate,
    double loss,
    long nUpdates,
    double learningRate,
    long fps,
    long timeElapsed,
    long totalTimesteps) {

  /** The CSV header, in sb3's column names. */
  public static final String HEADER =
      "time/episodes,rollout/ep_rew_mean,rollout/ep_len_mean,rollout/exploration rate,train/loss,train/n_updates,"
          + "train/learning_rate,time/fps,time/time_elapsed,time/total_timesteps";

  /** The CSV line (Python's float repr; an empty loss before training, as sb3 leaves it). */
  public String csv() {
    return episodes
        + ","
        + repr(epRewMean)
        + ","
        + repr(epLenMean)
        + ","
        + repr(explorationRate)
        + ","
        + (Double.isNaN(loss) ? "" : repr(loss))
        + ","
        + nUpdates
        + ","
        + repr(learningRate)
        + ","
        + fps
        + ","
        + timeElapsed
        + ","
        + totalTimesteps;
  }

  private static String repr(double v) {
    return org.crowdsweep.core.io.PyJson.floatRepr(v);
  }
}
