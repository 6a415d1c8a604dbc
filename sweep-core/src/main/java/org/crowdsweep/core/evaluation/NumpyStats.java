package org.crowdsweep.core.evaluation;

/**
 * Sums and means in numpy's order of operations ({@code np.add.reduce} with pairwise summation), so that a mean
 * printed by the Python original comes out bit for bit.
 */
public final class NumpyStats {
  private static final int BLOCK = 128;

  private NumpyStats() {}

  /** {@code np.sum(values)} for a contiguous float64 array. */
  public static double sum(double[] values) {
    return pairwise(values, 0, values.length);
  }

  /** {@code np.mean(values)}: the pairwise sum divided by n; NaN for an empty array. */
  public static double mean(double[] values) {
    return values.length == 0 ? Double.NaN : sum(values) / values.length;
  }

  private static double pairwise(double[] a, int from, int n) {
    if (n < 8) {
      double res = 0.;
      for (int i = 0; i < n; i++) {
        res += a[from + i];
      }
      return res;
    } else if (n <= BLOCK) {
      double r0 = a[from];
      double r1 = a[from + 1];
      double r2 = a[from + 2];
      double r3 = a[from + 3];
      double r4 = a[from + 4];
      double r5 = a[from + 5];
      double r6 = a[from + 6];
      double r7 = a[from + 7];
      int i;
      for (i = 8; i < n - (n % 8); i += 8) {
        r0 += a[from + i];
        r1 += a[from + i + 1];
        r2 += a[from + i + 2];
        r3 += a[from + i + 3];
        r4 += a[from + i + 4];
        r5 += a[from + i + 5];
        r6 += a[from + i + 6];
        r7 += a[from + i + 7];
      }
      double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
      for (; i < n; i++) {
        res += a[from + i];
      }
      return res;
    } else {
      int n2 = n / 2;
      n2 -= n2 % 8;
      return pairwise(a, from, n2) + pairwise(a, from + n2, n - n2);
    }
  }

  /** The sample standard deviation (ddof = 1); NaN for fewer than two values. */
  public static double sampleStd(double[] values, double mean) {
    if (values.length < 2) {
      return Double.NaN;
    }
    double[] sq = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      double d = values[i] - mean;
      sq[i] = d * d;
    }
    return Math.sqrt(sum(sq) / (values.length - 1));
  }
}
