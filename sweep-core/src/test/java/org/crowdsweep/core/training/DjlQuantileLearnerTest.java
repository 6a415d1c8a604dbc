package org.crowdsweep.core.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.crowdsweep.core.agent.QuantileNetwork;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.rng.NumpyRandom;
import org.junit.jupiter.api.Test;

/**
 * The DJL PyTorch backend computes the same algorithm as the Java one: same start, same losses and weights after a
 * run of gradient steps (up to float summation order), and it trains through the trainer. CPU only here; a GPU is
 * used through the same code with device gpu or gpu:N.
 */
final class DjlQuantileLearnerTest {

  private static QrDqnSettings settings() {
    return QrDqnSettings.PAPER.withTotalTimesteps(5_000).withBufferSize(5_000);
  }

  private static ReplayBuffer buffer(long seed) {
    NumpyRandom rng = NumpyRandom.seeded(seed);
    ReplayBuffer buffer = new ReplayBuffer(400, 29);
    double[] obs = new double[29];
    double[] next = new double[29];
    for (int t = 0; t < 400; t++) {
      for (int i = 0; i < 29; i++) {
        obs[i] = rng.random() * (i % 5 == 1 ? 50 : 1);
        next[i] = rng.random() * (i % 5 == 1 ? 50 : 1);
      }
      buffer.add(obs, (int) rng.integers(8), rng.random() - 0.2, next, t % 9 == 0);
    }
    return buffer;
  }

  @Test
  void djlAndJavaBackends_agreeOverTwentySteps() {
    QrDqnSettings s = settings();
    ReplayBuffer buffer = buffer(11);
    QuantileLearner java = new QuantileLearner(29, 8, s, NumpyRandom.seeded(5));
    try (DjlQuantileLearner djl = new DjlQuantileLearner(29, 8, s, NumpyRandom.seeded(5), "cpu")) {
      assertEquals(0, maxRelativeDifference(java.onlineNetwork(), djl.onlineNetwork()), "same start");
      NumpyRandom pick = NumpyRandom.seeded(3);
      int[] idx = new int[32];
      for (int step = 0; step < 20; step++) {
        buffer.sampleIndices(pick, idx);
        double lj = java.trainStep(buffer, idx);
        double ld = djl.trainStep(buffer, idx);
        assertEquals(lj, ld, 1e-4 * Math.abs(lj), "loss at step " + step);
        if (step == 9) {
          java.syncTarget();
          djl.syncTarget();
        }
      }
      double diff = maxRelativeDifference(java.onlineNetwork(), djl.onlineNetwork());
      assertTrue(diff < 1e-3, "max relative weight difference " + diff);
      assertEquals("cpu()", djl.device());
    }
  }

  private static double maxRelativeDifference(QuantileNetwork a, QuantileNetwork b) {
    float[][] x = LearnerState.arrays(a);
    float[][] y = LearnerState.arrays(b);
    double max = 0;
    for (int t = 0; t < 6; t++) {
      for (int i = 0; i < x[t].length; i++) {
        double d = Math.abs(x[t][i] - y[t][i]) / (1e-3 + Math.abs(x[t][i]));
        max = Math.max(max, d);
      }
    }
    return max;
  }

  @Test
  void djlBackend_trainsThroughTheTrainer_andResumesFromJavaState() {
    TrainingResult r =
        new QrDqnTrainer(World.published(), settings(), 9).withBackend(QrDqnTrainer.Backend.DJL, "auto").train();
    assertEquals(5_000, r.totalTimesteps());
    assertEquals("cpu()", r.device());
    for (float f : r.online().w4()) {
      assertTrue(Float.isFinite(f));
    }
    QuantileLearner java = new QuantileLearner(29, 8, settings(), NumpyRandom.seeded(1));
    try (DjlQuantileLearner djl = new DjlQuantileLearner(29, 8, settings(), NumpyRandom.seeded(2), "cpu")) {
      djl.restore(java.state());
      assertEquals(0, maxRelativeDifference(java.onlineNetwork(), djl.onlineNetwork()));
    }
  }

  @Test
  void missingGpu_isRefusedClearly() {
    org.junit.jupiter.api.Assumptions.assumeTrue(DjlRuntime.engine().getGpuCount() == 0, "a GPU is present");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DjlRuntime.device("gpu:1"));
    assertTrue(e.getMessage().startsWith("device: gpu:1 is not available (0 GPU(s) visible to PyTorch "), e.getMessage());
    assertEquals(
        "device: must be auto, cpu, gpu or gpu:N, found tpu",
        assertThrows(IllegalArgumentException.class, () -> DjlRuntime.device("tpu")).getMessage());
  }
}
