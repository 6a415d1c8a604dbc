package org.crowdsweep.core.training;

import java.util.Arrays;

/**
 * The quantile Huber loss of QR-DQN (κ = 1) and its gradient, as sb3-contrib computes them, in O(N log N) per sample.
 *
 * <p>For one sample with predicted quantiles θ_i (i &lt; N), target quantiles T_j and τ̂_i = (i + 0.5)/N, with δ_ij
 * = T_j − θ_i: ρ_ij = |τ̂_i − 1{δ_ij &lt; 0}| · H(δ_ij), H(δ) = δ²/2 if |δ| ≤ 1 else |δ| − 1/2. sb3 sums over i,
 * averages over j and over the batch: L = Σ_b Σ_i Σ_j ρ / (B·N). Since ∂H/∂δ = clip(δ, −1, 1), ∂L/∂θ_i = −Σ_j w_ij ·
 * clip(δ_ij, −1, 1) / (B·N) with w = τ̂_i when δ ≥ 0 and 1 − τ̂_i otherwise. Both sums depend only on where θ_i, θ_i
 * ± 1 fall among the sorted targets, so with the targets sorted once and prefix sums of T and T², each θ_i costs
 * a few pointer moves instead of N terms (the θ_i are visited in sorted order, so the group boundaries only move
 * forward). Sums are accumulated in double.
 */
public final class QuantileHuberLoss {
  /** How the loss and its gradient are computed. */
  public enum Method {
    /** Sorted targets and prefix sums: O(N log N) per sample. */
    SORTED,
    /** Every (i, j) pair, as sb3-contrib writes it: O(N²) per sample (a benchmark baseline). */
    PAIRWISE
  }

  private final Method method;
  private final double[] pairGrad;
  private final float[] pairTheta;
  private final float[] pairTarget;
  private final int n;
  private final double[] tau;
  private final float[] sorted;
  private final double[] prefix;
  private final double[] prefixSq;
  private final long[] order;

  /** A loss for N quantiles (scratch buffers inside: one instance per thread). */
  public QuantileHuberLoss(int numQuantiles) {
    this(numQuantiles, Method.SORTED);
  }

  /** A loss for N quantiles computed with the given method. */
  public QuantileHuberLoss(int numQuantiles, Method method) {
    this.method = method;
    this.pairGrad = new double[numQuantiles];
    this.pairTheta = new float[numQuantiles];
    this.pairTarget = new float[numQuantiles];
    this.n = numQuantiles;
    this.tau = new double[n];
    for (int i = 0; i < n; i++) {
      tau[i] = (i + 0.5) / n;
    }
    this.sorted = new float[n];
    this.prefix = new double[n + 1];
    this.prefixSq = new double[n + 1];
    this.order = new long[n];
  }

  /**
   * For one sample: writes ∂L/∂θ_i (scaled by {@code 1/(batch·N)}) into {@code grad} and returns this sample's share
   * of the loss (also scaled by {@code 1/(batch·N)}).
   */
  public double sample(float[] theta, int thetaOffset, float[] target, int targetOffset, int batch, float[] grad,
      int gradOffset) {
    if (method == Method.PAIRWISE) {
      System.arraycopy(theta, thetaOffset, pairTheta, 0, n);
      System.arraycopy(target, targetOffset, pairTarget, 0, n);
      double l = reference(pairTheta, pairTarget, batch, pairGrad);
      for (int i = 0; i < n; i++) {
        grad[gradOffset + i] = (float) pairGrad[i];
      }
      return l;
    }
    System.arraycopy(target, targetOffset, sorted, 0, n);
    Arrays.sort(sorted);
    for (int j = 0; j < n; j++) {
      double t = sorted[j];
      prefix[j + 1] = prefix[j] + t;
      prefixSq[j + 1] = prefixSq[j] + t * t;
    }
    // Visit the θ_i in increasing order: the three group boundaries then only move forward.
    for (int i = 0; i < n; i++) {
      order[i] = ((long) sortableBits(theta[thetaOffset + i]) << 32) | i;
    }
    Arrays.sort(order);
    double scale = 1.0 / ((double) batch * n);
    double loss = 0;
    int lo = 0;
    int mid = 0;
    int hi = 0;
    for (int k = 0; k < n; k++) {
      int i = (int) (order[k] & 0xffffffffL);
      double th = theta[thetaOffset + i];
      double ti = tau[i];
      // T_j − θ < −1: clip −1, linear branch.     (T_j − θ) in [−1, 0): quadratic, weight 1 − τ.
      // (T_j − θ) in [0, 1]: quadratic, weight τ.  T_j − θ > 1: clip 1, linear branch.
      while (lo < n && (double) sorted[lo] - th < -1) {
        lo++; // lo: first j with T_j − θ >= −1
      }
      while (mid < n && (double) sorted[mid] - th < 0) {
        mid++; // mid: first j with T_j − θ >= 0
      }
      while (hi < n && (double) sorted[hi] - th <= 1) {
        hi++; // hi: first j with T_j − θ > 1
      }
      int n1 = lo;
      int n2 = mid - lo;
      int n3 = hi - mid;
      int n4 = n - hi;
      double s1 = prefix[lo];
      double s2 = prefix[mid] - prefix[lo];
      double s3 = prefix[hi] - prefix[mid];
      double s4 = prefix[n] - prefix[hi];
      double q2 = prefixSq[mid] - prefixSq[lo];
      double q3 = prefixSq[hi] - prefixSq[mid];
      double gradSum = -(1 - ti) * n1 + (1 - ti) * (s2 - n2 * th) + ti * (s3 - n3 * th) + ti * n4;
      grad[gradOffset + i] = (float) (-gradSum * scale);
      double l1 = n1 * (th - 0.5) - s1; // Σ (θ − T − 0.5)
      double l2 = 0.5 * (q2 - 2 * th * s2 + n2 * th * th);
      double l3 = 0.5 * (q3 - 2 * th * s3 + n3 * th * th);
      double l4 = s4 - n4 * (th + 0.5);
      loss += (1 - ti) * (l1 + l2) + ti * (l3 + l4);
    }
    return loss * scale;
  }

  /** The bits of a float as a signed int that orders like the float (for a NaN-free input). */
  private static int sortableBits(float f) {
    int bits = Float.floatToRawIntBits(f);
    return bits >= 0 ? bits : bits ^ 0x7fffffff;
  }

  /**
   * The direct O(N²) computation of the same loss and gradient, term by term as sb3-contrib writes it, for tests.
   */
  public static double reference(float[] theta, float[] target, int batch, double[] grad) {
    int n = theta.length;
    double scale = 1.0 / ((double) batch * n);
    double loss = 0;
    for (int i = 0; i < n; i++) {
      double tau = (i + 0.5) / n;
      double g = 0;
      for (int j = 0; j < n; j++) {
        double delta = (double) target[j] - theta[i];
        double abs = Math.abs(delta);
        double huber = abs > 1 ? abs - 0.5 : delta * delta * 0.5;
        double weight = Math.abs(tau - (delta < 0 ? 1 : 0));
        loss += weight * huber;
        double dHuber = abs > 1 ? Math.signum(delta) : delta;
        g += weight * dHuber; // ∂ρ/∂δ; ∂δ/∂θ = −1
      }
      grad[i] = -g * scale;
    }
    return loss * scale;
  }
}
