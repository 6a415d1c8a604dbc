package org.crowdsweep.core.platform;

/**
 * The two shape parameters of a Beta distribution, both &gt; 0.
 *
 * @param a the first shape parameter
 * @param b the second shape parameter
 */
public record BetaParameters(double a, double b) {
  /** Beta(10, 10): payout, effort, interestingness and question count of the default task-giver. */
  public static final BetaParameters TEN_TEN = new BetaParameters(10, 10);

  /** Beta(40, 10): the default expertise. */
  public static final BetaParameters FORTY_TEN = new BetaParameters(40, 10);

  public BetaParameters {
    if (!(a > 0) || !Double.isFinite(a)) {
      throw new IllegalArgumentException("a: must be > 0, found " + a);
    }
    if (!(b > 0) || !Double.isFinite(b)) {
      throw new IllegalArgumentException("b: must be > 0, found " + b);
    }
  }

  @Override
  public String toString() {
    return "Beta(" + a + ", " + b + ")";
  }
}
