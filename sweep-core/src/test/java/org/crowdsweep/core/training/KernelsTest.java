package org.crowdsweep.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.crowdsweep.core.rng.NumpyRandom;
import org.junit.jupiter.api.Test;

/** The vector kernels and the plain loops compute the same bits, so weights do not depend on the JVM flag. */
final class KernelsTest {
  @Test
  void vectorAndScalarKernels_agreeBitForBit() {
    assumeTrue(Simd.vectorised(), "needs --add-modules=jdk.incubator.vector (set by the build)");
    Simd.Kernels v = new VectorKernels();
    Simd.Kernels s = new ScalarKernels();
    NumpyRandom rng = NumpyRandom.seeded(1);
    for (int n : new int[] {1, 7, 8, 9, 29, 64, 200, 203}) {
      float[] a = new float[n + 3];
      float[] b = new float[n + 5];
      for (int i = 0; i < a.length; i++) {
        a[i] = (float) rng.standardNormal();
      }
      for (int i = 0; i < b.length; i++) {
        b[i] = (float) (rng.standardNormal() * 1e3);
      }
      assertEquals(Float.floatToRawIntBits(s.dot(a, 3, b, 5, n)), Float.floatToRawIntBits(v.dot(a, 3, b, 5, n)), "dot " + n);
      float[] y1 = b.clone();
      float[] y2 = b.clone();
      s.axpy(0.37f, a, 2, y1, 4, n);
      v.axpy(0.37f, a, 2, y2, 4, n);
      assertArrayEquals(y1, y2, "axpy " + n);
    }
  }
}
