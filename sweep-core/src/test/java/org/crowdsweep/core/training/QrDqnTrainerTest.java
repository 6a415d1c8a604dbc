package org.crowdsweep.core.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.crowdsweep.core.agent.GreedyQuantilePolicy;
import org.crowdsweep.core.agent.QuantileNetwork;
import org.crowdsweep.core.evaluation.EvaluationSettings;
import org.crowdsweep.core.evaluation.Evaluator;
import org.crowdsweep.core.evaluation.PointMetrics;
import org.crowdsweep.core.evaluation.SeedingMode;
import org.crowdsweep.core.platform.AntiCheatSettings;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.rng.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The training loop: determinism, learning, resume after a crash, divergence, the ε schedule, the model store. */
final class QrDqnTrainerTest {
  @TempDir Path tmp;

  private static final World NO_GOLD = World.published().withAntiCheat(AntiCheatSettings.NO_GOLD);

  private static QrDqnSettings budget(long steps) {
    return QrDqnSettings.PAPER.withTotalTimesteps(steps).withBufferSize((int) Math.min(steps, 1_000_000));
  }

  @Test
  void explorationRate_followsSb3LinearSchedule() {
    QrDqnSettings s = QrDqnSettings.PAPER;
    assertEquals(1.0, s.explorationRate(1.0));
    assertEquals(1 + (1 - 0.9) * (0.05 - 1) / 0.2, s.explorationRate(0.9)); // 0.5250000000000001, as Python computes it
    assertEquals(0.05, s.explorationRate(0.8 - 1e-12));
    assertEquals(0.05, s.explorationRate(0.0));
  }

  @Test
  void sameSeed_bitIdenticalWeightsAfter20000Steps_otherSeedDiffers() {
    QrDqnSettings s = budget(20_000);
    TrainingResult a = new QrDqnTrainer(World.published(), s, 12345).train();
    TrainingResult b = new QrDqnTrainer(World.published(), s, 12345).train();
    TrainingResult c = new QrDqnTrainer(World.published(), s, 54321).train();
    assertEquals(20_000, a.totalTimesteps());
    assertEquals((20_000 - 500) / 4, a.nUpdates());
    for (int k = 0; k < 6; k++) {
      assertArrayEquals(arrays(a.online())[k], arrays(b.online())[k], "array " + k);
    }
    assertFalse(Arrays.equals(a.online().w4(), c.online().w4()));
  }

  private static float[][] arrays(QuantileNetwork n) {
    return new float[][] {n.w0(), n.b0(), n.w2(), n.b2(), n.w4(), n.b4()};
  }

  @Test
  void shortTraining_noGoldWorld_beatsRandomPolicyClearly() {
    TrainingResult r = new QrDqnTrainer(NO_GOLD, budget(150_000), 7).train();
    EvaluationSettings eval = new EvaluationSettings(1000, 98765, SeedingMode.PER_EPISODE);
    PointMetrics trained =
        PointMetrics.of(Evaluator.run(NO_GOLD, new GreedyQuantilePolicy(r.online()), eval), 5);
    NumpyRandom coin = NumpyRandom.seeded(1);
    PointMetrics random =
        PointMetrics.of(Evaluator.run(NO_GOLD, obs -> (int) coin.integers(8), eval), 5);
    double trainedReturn = trained.mean("return");
    double randomReturn = random.mean("return");
    assertTrue(
        trainedReturn > randomReturn + 20 && trainedReturn > 2 * randomReturn,
        "trained return " + trainedReturn + " vs random " + randomReturn);
    assertTrue(trained.get("return").ciLow() > random.get("return").ciHigh());
  }

  @Test
  void killedAfterCheckpoint_resumesAndFinishes() {
    Path ckpt = tmp.resolve("run.ckpt");
    QrDqnSettings s = budget(20_000);
    RuntimeException crash = new RuntimeException("simulated crash");
    TrainingListener crashAt10k =
        new TrainingListener() {
          @Override
          public void onCheckpoint(long steps) {
            if (steps >= 10_000) {
              throw crash;
            }
          }
        };
    RuntimeException thrown =
        assertThrows(
            RuntimeException.class,
            () -> new QrDqnTrainer(World.published(), s, 3).withCheckpoints(ckpt, 5_000).withListener(crashAt10k).train());
    assertEquals(crash, thrown);
    assertTrue(Files.isRegularFile(ckpt));
    TrainingResult r = new QrDqnTrainer(World.published(), s, 3).withCheckpoints(ckpt, 5_000).train();
    assertEquals(20_000, r.totalTimesteps());
    assertEquals(List.of(10_000L), r.resumedAt());
    assertTrue(r.nUpdates() > 0);
    for (float f : r.online().w4()) {
      assertTrue(Float.isFinite(f));
    }
  }

  @Test
  void checkpointOfOtherSeed_isRefused() {
    Path ckpt = tmp.resolve("run.ckpt");
    QrDqnSettings s = budget(8_000);
    TrainingListener stop =
        new TrainingListener() {
          @Override
          public void onCheckpoint(long steps) {
            throw new IllegalStateException("stop");
          }
        };
    assertThrows(
        IllegalStateException.class,
        () -> new QrDqnTrainer(World.published(), s, 3).withCheckpoints(ckpt, 4_000).withListener(stop).train());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new QrDqnTrainer(World.published(), s, 4).withCheckpoints(ckpt, 4_000).train());
    assertEquals(
        "checkpoint " + ckpt + ": made for seed 3 and 8000 steps, not seed 4 and 8000", e.getMessage());
  }

  @Test
  void hugeLearningRate_divergesWithStepNamed() {
    QrDqnSettings s =
        new QrDqnSettings(
            50_000, 500, 50_000, 32, 0.99, 1e30, 3.125e-4, 0.9, 0.999, 4, 1, 10_000, 0.2, 1, 0.05, 200, 64, 64,
            1000);
    TrainingDivergedException e =
        assertThrows(TrainingDivergedException.class, () -> new QrDqnTrainer(World.published(), s, 1).train());
    assertTrue(e.getMessage().startsWith("training diverged at environment step " + e.step() + ": "), e.getMessage());
    assertTrue(e.step() > 500 && e.step() <= 50_000);
  }

  @Test
  void modelDirectory_roundTripsTheNetwork_andRefusesCorruptWeights() throws Exception {
    TrainingResult r = new QrDqnTrainer(World.published(), budget(2_000), 5).train();
    Path dir = tmp.resolve("model");
    ModelDirectory.write(dir, "m", World.published(), budget(2_000), 5, r, Map.of("device", "cpu"), false);
    QuantileNetwork back = ModelDirectory.readOnline(dir);
    for (int k = 0; k < 6; k++) {
      assertArrayEquals(arrays(r.online())[k], arrays(back)[k]);
    }
    assertEquals(World.published(), org.crowdsweep.core.io.ExperimentDirectory.read(dir).world());
    byte[] bytes = Files.readAllBytes(dir.resolve(ModelDirectory.WEIGHTS));
    bytes[100] ^= 1;
    Files.write(dir.resolve(ModelDirectory.WEIGHTS), bytes);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelDirectory.readOnline(dir));
    assertEquals("model " + dir.resolve("weights.bin") + ": checksum does not match model.json", e.getMessage());
    IllegalArgumentException exists =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelDirectory.write(dir, "m", World.published(), budget(2_000), 5, r, Map.of(), false));
    assertEquals("--out " + dir + ": already exists (choose another directory)", exists.getMessage());
  }
}
