package org.crowdsweep.core.agent;

/**
 * The weights of a QR-DQN quantile network: {@code in → h1 → ReLU → h2 → ReLU → A·N}, float32, row-major.
 *
 * <p>Output element {@code q·A + a} is quantile {@code q} of action {@code a} (the output viewed as (N, A)), as in
 * sb3-contrib's {@code QuantileNetwork} (model-spec §5).
 *
 * @param inputSize observation length, 5K+4
 * @param hidden1 width of the first hidden layer
 * @param hidden2 width of the second hidden layer
 * @param numActions A = 3+K
 * @param numQuantiles N
 * @param w0 first layer weights [hidden1][inputSize]
 * @param b0 first layer bias [hidden1]
 * @param w2 second layer weights [hidden2][hidden1]
 * @param b2 second layer bias [hidden2]
 * @param w4 output layer weights [A·N][hidden2]
 * @param b4 output layer bias [A·N]
 */
public record QuantileNetwork(
    int inputSize,
    int hidden1,
    int hidden2,
    int numActions,
    int numQuantiles,
    float[] w0,
    float[] b0,
    float[] w2,
    float[] b2,
    float[] w4,
    float[] b4) {

  public QuantileNetwork {
    positive("input size", inputSize);
    positive("hidden1", hidden1);
    positive("hidden2", hidden2);
    positive("actions", numActions);
    positive("quantiles", numQuantiles);
    length("layer 0 weight", w0, (long) hidden1 * inputSize);
    length("layer 0 bias", b0, hidden1);
    length("layer 2 weight", w2, (long) hidden2 * hidden1);
    length("layer 2 bias", b2, hidden2);
    length("layer 4 weight", w4, (long) numActions * numQuantiles * hidden2);
    length("layer 4 bias", b4, (long) numActions * numQuantiles);
  }

  private static void positive(String what, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(what + ": must be > 0, found " + value);
    }
  }

  private static void length(String what, float[] values, long expected) {
    if (values == null) {
      throw new IllegalArgumentException(what + ": must be given, found null");
    }
    if (values.length != expected) {
      throw new IllegalArgumentException(
          what + ": must have " + expected + " values, found " + values.length);
    }
  }

  /** The number of task-givers K this network was built for, from its input size 5K+4. */
  public int numTaskGivers() {
    return (inputSize - 4) / 5;
  }

  /**
   * The full forward pass in float32 arithmetic (as torch computes it, up to summation order): all A·N outputs for
   * one observation (cast to float32 first, as sb3 does).
   */
  public float[] forward(double[] observation) {
    if (observation.length != inputSize) {
      throw new IllegalArgumentException(
          "observation: must have length " + inputSize + ", found " + observation.length);
    }
    float[] h1 = new float[hidden1];
    for (int j = 0; j < hidden1; j++) {
      float s = b0[j];
      for (int i = 0; i < inputSize; i++) {
        s += w0[j * inputSize + i] * (float) observation[i];
      }
      h1[j] = Math.max(s, 0f);
    }
    float[] h2 = new float[hidden2];
    for (int j = 0; j < hidden2; j++) {
      float s = b2[j];
      for (int i = 0; i < hidden1; i++) {
        s += w2[j * hidden1 + i] * h1[i];
      }
      h2[j] = Math.max(s, 0f);
    }
    int out = numActions * numQuantiles;
    float[] z = new float[out];
    for (int j = 0; j < out; j++) {
      float s = b4[j];
      for (int i = 0; i < hidden2; i++) {
        s += w4[j * hidden2 + i] * h2[i];
      }
      z[j] = s;
    }
    return z;
  }
}
