package org.crowdsweep.core.evaluation;

/**
 * A mean over episodes with its spread and a 95% confidence interval (normal approximation: mean ± 1.96·sd/√n).
 *
 * @param mean the mean, in numpy's summation order
 * @param sd the sample standard deviation (ddof = 1), NaN for n &lt; 2
 * @param n the number of episodes that entered the mean
 * @param ciLow the lower end of the 95% interval (NaN for n &lt; 2)
 * @param ciHigh the upper end of the 95% interval (NaN for n &lt; 2)
 */
public record Estimate(double mean, double sd, int n, double ciLow, double ciHigh) {
  /** The two-sided 95% quantile of the standard normal distribution. */
  public static final double Z95 = 1.959963984540054;

  /** The estimate for these per-episode values. */
  public static Estimate of(double[] values) {
    double mean = NumpyStats.mean(values);
    double sd = NumpyStats.sampleStd(values, mean);
    double half = Z95 * sd / Math.sqrt(values.length);
    return new Estimate(mean, sd, values.length, mean - half, mean + half);
  }
}
