package org.crowdsweep.core.training;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The two float kernels of the learner, explicitly vectorised with the Vector API.
 *
 * <p>The species is fixed at 8 lanes (256 bits), not the machine's preferred width, and multiplies and adds are
 * separate (no fused multiply-add), so every machine computes the same bits: the lane-wise order of a dot product is
 * part of the algorithm. On hardware without 256-bit vectors the JVM emulates the lanes with the same results.
 */
final class Simd {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  private static final int L = S.length();

  private Simd() {}

  /** Σ a[ao+i]·b[bo+i] for i &lt; n: 8 lane-wise partial sums, then the lanes added in order, then the tail. */
  static float dot(float[] a, int ao, float[] b, int bo, int n) {
    FloatVector acc = FloatVector.zero(S);
    int i = 0;
    for (; i + L <= n; i += L) {
      acc = acc.add(FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)));
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; i < n; i++) {
      s += a[ao + i] * b[bo + i];
    }
    return s;
  }

  /** y[yo+i] += alpha·x[xo+i] for i &lt; n. */
  static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    FloatVector va = FloatVector.broadcast(S, alpha);
    int i = 0;
    for (; i + L <= n; i += L) {
      FloatVector.fromArray(S, y, yo + i).add(va.mul(FloatVector.fromArray(S, x, xo + i))).intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] += alpha * x[xo + i];
    }
  }
}
