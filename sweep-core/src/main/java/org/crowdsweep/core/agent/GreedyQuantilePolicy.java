package org.crowdsweep.core.agent;

/**
 * The deterministic QR-DQN policy: Q(a) = mean over quantiles, then argmax (the first maximum on ties, like torch).
 *
 * <p>Fast because the greedy action depends on each action's mean only: the mean commutes with the last linear
 * layer, so that layer is collapsed once into an A × h2 matrix of mean weights and A mean biases. A decision then
 * costs about {@code in·h1 + h1·h2 + A·h2} multiply-adds instead of {@code … + A·N·h2}. All arithmetic is in double
 * from float32 weights and float32-cast observations; the published decisions agree with float32 and float64
 * reference forward passes (model-spec §5). Not thread-safe (scratch buffers): one instance per thread.
 */
public final class GreedyQuantilePolicy implements Policy {
  private final int in;
  private final int h1Size;
  private final int h2Size;
  private final int actions;
  private final double[] w0;
  private final double[] b0;
  private final double[] w2;
  private final double[] b2;
  private final double[] meanW;
  private final double[] meanB;
  private final double[] x;
  private final double[] h1;
  private final double[] h2;
  private final double[] q;

  /** A policy acting greedily on the given network. */
  public GreedyQuantilePolicy(QuantileNetwork net) {
    this.in = net.inputSize();
    this.h1Size = net.hidden1();
    this.h2Size = net.hidden2();
    this.actions = net.numActions();
    this.w0 = toDouble(net.w0());
    this.b0 = toDouble(net.b0());
    this.w2 = toDouble(net.w2());
    this.b2 = toDouble(net.b2());
    int n = net.numQuantiles();
    this.meanW = new double[actions * h2Size];
    this.meanB = new double[actions];
    float[] w4 = net.w4();
    float[] b4 = net.b4();
    for (int a = 0; a < actions; a++) {
      double bias = 0;
      for (int qi = 0; qi < n; qi++) {
        int row = qi * actions + a;
        bias += b4[row];
        for (int j = 0; j < h2Size; j++) {
          meanW[a * h2Size + j] += w4[row * h2Size + j];
        }
      }
      meanB[a] = bias / n;
      for (int j = 0; j < h2Size; j++) {
        meanW[a * h2Size + j] /= n;
      }
    }
    this.x = new double[in];
    this.h1 = new double[h1Size];
    this.h2 = new double[h2Size];
    this.q = new double[actions];
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  @Override
  public int act(double[] observation) {
    qValues(observation, q);
    int best = 0;
    for (int a = 1; a < actions; a++) {
      if (q[a] > q[best]) {
        best = a;
      }
    }
    return best;
  }

  /** Writes Q(a), the mean over quantiles of each action, into {@code out}. */
  public void qValues(double[] observation, double[] out) {
    if (observation.length != in) {
      throw new IllegalArgumentException("observation: must have length " + in + ", found " + observation.length);
    }
    for (int i = 0; i < in; i++) {
      x[i] = (float) observation[i];
    }
    for (int j = 0; j < h1Size; j++) {
      double s = b0[j];
      int row = j * in;
      for (int i = 0; i < in; i++) {
        s += w0[row + i] * x[i];
      }
      h1[j] = s > 0 ? s : 0;
    }
    for (int j = 0; j < h2Size; j++) {
      double s = b2[j];
      int row = j * h1Size;
      for (int i = 0; i < h1Size; i++) {
        s += w2[row + i] * h1[i];
      }
      h2[j] = s > 0 ? s : 0;
    }
    for (int a = 0; a < actions; a++) {
      double s = meanB[a];
      int row = a * h2Size;
      for (int j = 0; j < h2Size; j++) {
        s += meanW[row + j] * h2[j];
      }
      out[a] = s;
    }
  }

  /** The number of actions. */
  public int numActions() {
    return actions;
  }
}
