package org.crowdsweep.core.training;

/**
 * The two float kernels of the learner, dot and axpy, with a fixed order of operations.
 *
 * <p>A dot product keeps 8 partial sums (lane l adds the products of indices ≡ l mod 8, for the full blocks of 8),
 * adds them in a fixed pairwise order, then the tail; multiplies and adds are separate IEEE operations (no fused
 * multiply-add). When the JVM runs with {@code --add-modules=jdk.incubator.vector} the kernels use 256-bit vectors
 * ({@link VectorKernels}); otherwise plain loops ({@link ScalarKernels}) compute the same bits, more slowly. A
 * training's weights therefore do not depend on the machine or the flag.
 */
public final class Simd {
  interface Kernels {
    float dot(float[] a, int ao, float[] b, int bo, int n);

    void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n);
  }

  private static final boolean VECTOR_MODULE =
      ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
          && !Boolean.getBoolean("crowdsweep.scalarKernels");

  private Simd() {}

  /** Kernels for one thread (they keep scratch space). */
  static Kernels newKernels() {
    return VECTOR_MODULE ? new VectorKernels() : new ScalarKernels();
  }

  /** Whether new kernels will use vectors ({@code --add-modules=jdk.incubator.vector} given). */
  public static boolean vectorised() {
    return VECTOR_MODULE;
  }

  /** The fixed order in which the 8 partial sums of a dot product are added. */
  static float sumLanes(float[] s) {
    return ((s[0] + s[1]) + (s[2] + s[3])) + ((s[4] + s[5]) + (s[6] + s[7]));
  }
}
