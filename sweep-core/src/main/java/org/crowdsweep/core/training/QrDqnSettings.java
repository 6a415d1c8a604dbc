package org.crowdsweep.core.training;

/**
 * Every QR-DQN hyperparameter, with the values that trained the published models as defaults (model-spec §4.1).
 *
 * @param totalTimesteps environment steps to train for (paper: 10,000,000)
 * @param learningStarts uniform random actions until this many steps (500)
 * @param bufferSize replay buffer capacity in transitions (1,000,000)
 * @param batchSize transitions per gradient step (32)
 * @param gamma discount per step (0.99)
 * @param learningRate Adam learning rate (5e-5)
 * @param adamEps Adam ε, added to the bias-corrected √v̂ as torch does (0.01/32 = 3.125e-4)
 * @param adamBeta1 Adam β1 (0.9)
 * @param adamBeta2 Adam β2 (0.999)
 * @param trainFreq environment steps per training call (4)
 * @param gradientSteps gradient steps per training call (1)
 * @param targetUpdateInterval environment steps between hard target copies (10,000)
 * @param explorationFraction share of the budget over which ε falls linearly (0.2)
 * @param explorationInitialEps ε at the start (1.0)
 * @param explorationFinalEps ε after the fall (0.05)
 * @param numQuantiles quantiles per action (200)
 * @param hidden1 width of the first hidden layer (64)
 * @param hidden2 width of the second hidden layer (64)
 * @param logIntervalEpisodes episodes between rows of the training curve (1000, sb3's log_interval in the paper)
 */
public record QrDqnSettings(
    long totalTimesteps,
    long learningStarts,
    int bufferSize,
    int batchSize,
    double gamma,
    double learningRate,
    double adamEps,
    double adamBeta1,
    double adamBeta2,
    int trainFreq,
    int gradientSteps,
    long targetUpdateInterval,
    double explorationFraction,
    double explorationInitialEps,
    double explorationFinalEps,
    int numQuantiles,
    int hidden1,
    int hidden2,
    int logIntervalEpisodes) {

  /** The paper's settings: 10M steps and everything else as in the published models. */
  public static final QrDqnSettings PAPER =
      new QrDqnSettings(
          10_000_000, 500, 1_000_000, 32, 0.99, 5e-5, 0.01 / 32, 0.9, 0.999, 4, 1, 10_000, 0.2, 1.0, 0.05, 200, 64,
          64, 1000);

  public QrDqnSettings {
    positive("total_timesteps", totalTimesteps);
    nonNegative("learning_starts", learningStarts);
    positive("buffer_size", bufferSize);
    positive("batch_size", batchSize);
    if (!(gamma >= 0 && gamma <= 1)) {
      throw new IllegalArgumentException("gamma: must be in [0, 1], found " + gamma);
    }
    positiveReal("learning_rate", learningRate);
    positiveReal("adam_eps", adamEps);
    unitOpen("adam_beta1", adamBeta1);
    unitOpen("adam_beta2", adamBeta2);
    positive("train_freq", trainFreq);
    positive("gradient_steps", gradientSteps);
    positive("target_update_interval", targetUpdateInterval);
    if (!(explorationFraction > 0 && explorationFraction <= 1)) {
      throw new IllegalArgumentException("exploration_fraction: must be in (0, 1], found " + explorationFraction);
    }
    probability("exploration_initial_eps", explorationInitialEps);
    probability("exploration_final_eps", explorationFinalEps);
    positive("n_quantiles", numQuantiles);
    positive("hidden1", hidden1);
    positive("hidden2", hidden2);
    positive("log_interval", logIntervalEpisodes);
  }

  private static void positive(String field, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(field + ": must be > 0, found " + value);
    }
  }

  private static void nonNegative(String field, long value) {
    if (value < 0) {
      throw new IllegalArgumentException(field + ": must be >= 0, found " + value);
    }
  }

  private static void positiveReal(String field, double value) {
    if (!(value > 0) || !Double.isFinite(value)) {
      throw new IllegalArgumentException(field + ": must be > 0, found " + value);
    }
  }

  private static void unitOpen(String field, double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException(field + ": must be in [0, 1), found " + value);
    }
  }

  private static void probability(String field, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(field + ": must be in [0, 1], found " + value);
    }
  }

  /** A copy with another budget (everything else, the ε schedule's fraction included, unchanged). */
  public QrDqnSettings withTotalTimesteps(long value) {
    return new QrDqnSettings(
        value, learningStarts, bufferSize, batchSize, gamma, learningRate, adamEps, adamBeta1, adamBeta2, trainFreq,
        gradientSteps, targetUpdateInterval, explorationFraction, explorationInitialEps, explorationFinalEps,
        numQuantiles, hidden1, hidden2, logIntervalEpisodes);
  }

  /** A copy with another replay capacity. */
  public QrDqnSettings withBufferSize(int value) {
    return new QrDqnSettings(
        totalTimesteps, learningStarts, value, batchSize, gamma, learningRate, adamEps, adamBeta1, adamBeta2,
        trainFreq, gradientSteps, targetUpdateInterval, explorationFraction, explorationInitialEps,
        explorationFinalEps, numQuantiles, hidden1, hidden2, logIntervalEpisodes);
  }

  /** A copy with another log interval. */
  public QrDqnSettings withLogIntervalEpisodes(int value) {
    return new QrDqnSettings(
        totalTimesteps, learningStarts, bufferSize, batchSize, gamma, learningRate, adamEps, adamBeta1, adamBeta2,
        trainFreq, gradientSteps, targetUpdateInterval, explorationFraction, explorationInitialEps,
        explorationFinalEps, numQuantiles, hidden1, hidden2, value);
  }

  /**
   * sb3's {@code get_linear_fn(initial, final, fraction)} at {@code progressRemaining = 1 - steps/total}: ε falls
   * linearly over the first {@code explorationFraction} of the budget, then stays at its final value.
   */
  public double explorationRate(double progressRemaining) {
    if ((1 - progressRemaining) > explorationFraction) {
      return explorationFinalEps;
    }
    return explorationInitialEps
        + (1 - progressRemaining) * (explorationFinalEps - explorationInitialEps) / explorationFraction;
  }
}
