package org.crowdsweep.job.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.crowdsweep.core.platform.CrowdworkerPlatform;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.rng.NumpyRandom;
import org.crowdsweep.core.training.QrDqnSettings;
import org.crowdsweep.core.training.QrDqnTrainer;
import org.crowdsweep.core.training.QuantileHuberLoss;

/**
 * Throughput of the QR-DQN training loop on one thread, in environment steps per CPU second: the whole loop (acting,
 * replay, one gradient step per 4 steps) with the O(N log N) loss, against the same loop with sb3's pairwise O(N²)
 * loss, the DJL PyTorch backend on the CPU (one intra-op thread; CPU time counts the calling thread only), and bare
 * environment stepping, all measured in this run. The paper's settings, 1M-transition buffer.
 */
public final class TrainBenchmark {
  private TrainBenchmark() {}

  /** Usage: TrainBenchmark [STEPS]. */
  public static void main(String[] args) {
    long steps = args.length > 0 ? Long.parseLong(args[0]) : 200_000;
    World world = World.published();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // The ε schedule and learning start are the paper's fractions of a 10M budget: train past them by fixing ε.
    QrDqnSettings settings = QrDqnSettings.PAPER.withTotalTimesteps(steps);

    // Warm-up of every path.
    new QrDqnTrainer(world, settings.withTotalTimesteps(20_000).withBufferSize(20_000), 1).train();

    long c0 = threads.getCurrentThreadCpuTime();
    long w0 = System.nanoTime();
    CrowdworkerPlatform env = new CrowdworkerPlatform(world, NumpyRandom.seeded(1));
    NumpyRandom acts = NumpyRandom.seeded(2);
    env.reset();
    double[] obs = new double[world.observationSize()];
    for (long i = 0; i < steps; i++) {
      env.step((int) acts.integers(world.numActions()));
      env.observe(obs);
      if (env.isDone()) {
        env.reset();
      }
    }
    double envCpu = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    double envWall = (System.nanoTime() - w0) / 1e9;

    double[] fast = timeTraining(world, settings, QuantileHuberLoss.Method.SORTED, threads);
    long pairwiseSteps = Math.max(20_000, steps / 10);
    double[] pairwise =
        timeTraining(world, settings.withTotalTimesteps(pairwiseSteps), QuantileHuberLoss.Method.PAIRWISE, threads);

    long djlSteps = Math.max(10_000, steps / 10);
    double[] djl =
        timeTraining(world, settings.withTotalTimesteps(djlSteps), QuantileHuberLoss.Method.SORTED, threads,
            QrDqnTrainer.Backend.DJL);

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.out.printf(Locale.ROOT, "%-52s %12s %12s%n", "path (" + steps + " steps unless noted)", "steps/cpu-s", "steps/wall-s");
    System.out.printf(Locale.ROOT, "%-52s %12.0f %12.0f%n", "environment only, random actions", steps / envCpu, steps / envWall);
    System.out.printf(
        Locale.ROOT, "%-52s %12.0f %12.0f%n", "training, pairwise O(N^2) loss (" + pairwiseSteps + " steps)",
        pairwiseSteps / pairwise[0], pairwiseSteps / pairwise[1]);
    System.out.printf(
        Locale.ROOT, "%-52s %12.0f %12.0f%n", "training, djl backend on cpu (" + djlSteps + " steps)",
        djlSteps / djl[0], djlSteps / djl[1]);
    System.out.printf(
        Locale.ROOT, "%-52s %12.0f %12.0f%n", "training, java backend, sorted O(N log N) loss", steps / fast[0],
        steps / fast[1]);
    System.out.printf(
        Locale.ROOT,
        "speed-up sorted vs pairwise: %.1fx (cpu); 10M steps would take %.1f min of CPU; heap used %d MB;"
            + " target >= 3000 steps/cpu-s: %s%n",
        (steps / fast[0]) / (pairwiseSteps / pairwise[0]),
        1e7 / (steps / fast[0]) / 60,
        memory.getHeapMemoryUsage().getUsed() >> 20,
        steps / fast[0] >= 3000 ? "met" : "NOT met");
  }

  private static double[] timeTraining(
      World world, QrDqnSettings settings, QuantileHuberLoss.Method method, ThreadMXBean threads) {
    return timeTraining(world, settings, method, threads, QrDqnTrainer.Backend.JAVA);
  }

  private static double[] timeTraining(
      World world,
      QrDqnSettings settings,
      QuantileHuberLoss.Method method,
      ThreadMXBean threads,
      QrDqnTrainer.Backend backend) {
    if (backend == QrDqnTrainer.Backend.DJL) {
      // Engine start and native extraction are not part of the throughput.
      new QrDqnTrainer(world, settings.withTotalTimesteps(2_000).withBufferSize(2_000), 1)
          .withBackend(backend, "cpu").train();
    }
    long c0 = threads.getCurrentThreadCpuTime();
    long w0 = System.nanoTime();
    new QrDqnTrainer(world, settings, 7).withLossMethod(method).withBackend(backend, "cpu").train();
    return new double[] {(threads.getCurrentThreadCpuTime() - c0) / 1e9, (System.nanoTime() - w0) / 1e9};
  }
}
