package org.crowdsweep.core.training;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** The kernels on 8-lane (256-bit) vectors; loaded only when the incubator module is present. */
final class VectorKernels implements Simd.Kernels {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
  private final float[] lanes = new float[8];

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int n) {
    FloatVector acc = FloatVector.zero(S);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      acc = acc.add(FloatVector.fromArray(S, a, ao + i).mul(FloatVector.fromArray(S, b, bo + i)));
    }
    float[] s = lanes;
    acc.intoArray(s, 0);
    float sum = Simd.sumLanes(s);
    for (; i < n; i++) {
      sum += a[ao + i] * b[bo + i];
    }
    return sum;
  }

  @Override
  public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    FloatVector va = FloatVector.broadcast(S, alpha);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      FloatVector.fromArray(S, y, yo + i).add(va.mul(FloatVector.fromArray(S, x, xo + i))).intoArray(y, yo + i);
    }
    for (; i < n; i++) {
      y[yo + i] += alpha * x[xo + i];
    }
  }
}
