package org.crowdsweep.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.crowdsweep.core.agent.QuantileNetwork;
import org.crowdsweep.core.rng.NumpyRandom;
import org.junit.jupiter.api.Test;

/** Backpropagation checked against finite differences; the exported network against the learner's own acting. */
final class QuantileLearnerTest {

  private static QrDqnSettings small() {
    return new QrDqnSettings(1000, 10, 100, 8, 0.99, 5e-5, 3.125e-4, 0.9, 0.999, 4, 1, 100, 0.2, 1, 0.05, 16, 12, 10, 10);
  }

  private static ReplayBuffer filledBuffer(int obsSize, int actions, int n, long seed) {
    NumpyRandom rng = NumpyRandom.seeded(seed);
    ReplayBuffer buffer = new ReplayBuffer(n, obsSize);
    double[] obs = new double[obsSize];
    double[] next = new double[obsSize];
    for (int t = 0; t < n; t++) {
      for (int i = 0; i < obsSize; i++) {
        obs[i] = rng.standardNormal();
        next[i] = rng.standardNormal();
      }
      buffer.add(obs, (int) rng.integers(actions), rng.standardNormal(), next, t % 5 == 0);
    }
    return buffer;
  }

  @Test
  void gradient_matchesFiniteDifferences() {
    QrDqnSettings s = small();
    int obsSize = 9;
    int actions = 4;
    QuantileLearner learner = new QuantileLearner(obsSize, actions, s, NumpyRandom.seeded(3));
    ReplayBuffer buffer = filledBuffer(obsSize, actions, 50, 4);
    int[] idx = {0, 3, 7, 11, 19, 23, 31, 42};
    learner.lossAndGradient(buffer, idx);
    float[][] params = learner.onlineArrays();
    float[][] grads = learner.gradientArrays();
    NumpyRandom pick = NumpyRandom.seeded(5);
    int checked = 0;
    for (int t = 0; t < params.length; t++) {
      for (int k = 0; k < 6; k++) {
        int i = (int) pick.integers(params[t].length);
        float original = params[t][i];
        float h = 1e-2f;
        params[t][i] = original + h;
        double up = learner.lossOnly(buffer, idx);
        params[t][i] = original - h;
        double down = learner.lossOnly(buffer, idx);
        params[t][i] = original;
        double numeric = (up - down) / (2 * h);
        assertEquals(numeric, grads[t][i], 2e-3 + 2e-2 * Math.abs(numeric), "parameter array " + t + " index " + i);
        checked++;
      }
    }
    assertEquals(36, checked);
  }

  @Test
  void exportedNetwork_actsLikeTheLearner() {
    QrDqnSettings s = QrDqnSettings.PAPER;
    QuantileLearner learner = new QuantileLearner(29, 8, s, NumpyRandom.seeded(9));
    QuantileNetwork net = learner.onlineNetwork();
    var policy = new org.crowdsweep.core.agent.GreedyQuantilePolicy(net);
    NumpyRandom rng = NumpyRandom.seeded(10);
    double[] obs = new double[29];
    for (int k = 0; k < 200; k++) {
      for (int i = 0; i < 29; i++) {
        obs[i] = rng.standardNormal() * 5;
      }
      assertEquals(policy.act(obs), learner.act(obs), "observation " + k);
    }
  }

  @Test
  void state_restoresExactly() {
    QrDqnSettings s = small();
    QuantileLearner a = new QuantileLearner(9, 4, s, NumpyRandom.seeded(3));
    ReplayBuffer buffer = filledBuffer(9, 4, 50, 4);
    int[] idx = {0, 3, 7, 11, 19, 23, 31, 42};
    a.trainStep(buffer, idx);
    a.syncTarget();
    a.trainStep(buffer, idx);
    QuantileLearner b = new QuantileLearner(9, 4, s, NumpyRandom.seeded(99));
    b.restore(a.state());
    a.trainStep(buffer, idx);
    b.trainStep(buffer, idx);
    assertArrayEquals(a.onlineNetwork().w4(), b.onlineNetwork().w4());
    assertArrayEquals(a.targetNetwork().w0(), b.targetNetwork().w0());
  }
}
