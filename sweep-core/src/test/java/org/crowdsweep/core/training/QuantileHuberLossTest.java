package org.crowdsweep.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.crowdsweep.core.rng.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The O(N log N) quantile Huber loss and gradient against the direct O(N²) formula of sb3-contrib. */
final class QuantileHuberLossTest {

  private static void check(float[] theta, float[] target, int batch) {
    int n = theta.length;
    double[] expected = new double[n];
    double expectedLoss = QuantileHuberLoss.reference(theta, target, batch, expected);
    float[] grad = new float[n];
    double loss = new QuantileHuberLoss(n).sample(theta, 0, target, 0, batch, grad, 0);
    assertEquals(expectedLoss, loss, 1e-6 * Math.max(1, Math.abs(expectedLoss)), "loss");
    for (int i = 0; i < n; i++) {
      assertEquals(expected[i], grad[i], 1e-6, "gradient " + i);
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void randomInputs_matchReference(long seed) {
    NumpyRandom rng = NumpyRandom.seeded(seed);
    int n = 200;
    float[] theta = new float[n];
    float[] target = new float[n];
    double scale = 0.1 * seed * seed;
    for (int i = 0; i < n; i++) {
      theta[i] = (float) (rng.standardNormal() * scale);
      target[i] = (float) (rng.standardNormal() * scale + 0.3);
    }
    check(theta, target, 32);
  }

  @Test
  void tiesAndDeltaExactlyKappa_matchReference() {
    int n = 200;
    float[] theta = new float[n];
    float[] target = new float[n];
    for (int i = 0; i < n; i++) {
      theta[i] = (i % 5) * 0.5f; // 0, 0.5, 1, 1.5, 2: many ties
      target[i] = (i % 7) * 0.5f; // differences of exactly 0, ±0.5, ±1 (κ), ±1.5, …
    }
    check(theta, target, 32);
    float[] same = new float[n];
    java.util.Arrays.fill(same, 1.25f);
    check(same, same.clone(), 1);
  }

  @Test
  void smallQuantileCounts_matchReference() {
    check(new float[] {0.1f}, new float[] {2.5f}, 1);
    check(new float[] {0.1f, -3f, 2f}, new float[] {1.1f, 1.1f, -0.9f}, 4);
  }
}
