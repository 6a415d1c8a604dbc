package org.crowdsweep.core.training;

/** The kernels as plain loops, bit-identical to {@link VectorKernels}. */
final class ScalarKernels implements Simd.Kernels {
  private final float[] lanes = new float[8];

  @Override
  public float dot(float[] a, int ao, float[] b, int bo, int n) {
    float[] s = lanes;
    java.util.Arrays.fill(s, 0f);
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      for (int l = 0; l < 8; l++) {
        s[l] = s[l] + a[ao + i + l] * b[bo + i + l];
      }
    }
    float sum = Simd.sumLanes(s);
    for (; i < n; i++) {
      sum += a[ao + i] * b[bo + i];
    }
    return sum;
  }

  @Override
  public void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
    for (int i = 0; i < n; i++) {
      y[yo + i] = y[yo + i] + alpha * x[xo + i];
    }
  }
}
