package org.crowdsweep.job.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.crowdsweep.core.agent.GreedyQuantilePolicy;
import org.crowdsweep.core.agent.Policy;
import org.crowdsweep.core.agent.QuantileNetwork;
import org.crowdsweep.core.agent.Sb3Model;
import org.crowdsweep.core.agent.Sb3ModelReader;
import org.crowdsweep.core.evaluation.EpisodeRecord;
import org.crowdsweep.core.evaluation.EvaluationSettings;
import org.crowdsweep.core.evaluation.Evaluator;
import org.crowdsweep.core.evaluation.SeedingMode;
import org.crowdsweep.core.io.ExperimentDirectory;
import org.crowdsweep.core.platform.World;

/**
 * 1000 episodes of a published model on one thread: the collapsed-mean {@link GreedyQuantilePolicy} against the
 * baseline, a full float32 forward pass over all A·N quantile outputs followed by the mean and argmax (what a direct
 * port of sb3's {@code predict} computes). Reports the median wall and thread-CPU time of each, their ratio, and
 * checks that both produced identical episodes.
 */
public final class EvalBenchmark {
  private EvalBenchmark() {}

  /** Usage: EvalBenchmark MODEL_DIR [ROUNDS]. */
  public static void main(String[] args) {
    Path dir = Paths.get(args.length > 0 ? args[0] : "../shared/reference/paper-exps_cheating_qa3-0.1_rep0.9");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Sb3Model model = Sb3ModelReader.read(dir.resolve("model.save"));
    World world = ExperimentDirectory.read(dir).world();
    EvaluationSettings settings = new EvaluationSettings(1000, 98765, SeedingMode.TUTORIAL);
    Policy fast = model.policy();
    Policy full = fullForward(model.online());

    List<EpisodeRecord> a = Evaluator.run(world, fast, settings);
    List<EpisodeRecord> b = Evaluator.run(world, full, settings);
    long decisions = a.stream().mapToLong(EpisodeRecord::steps).sum();
    System.out.printf(
        Locale.ROOT,
        "model %s%n1000 episodes, %d decisions; fast and full policies give identical episodes: %s%n",
        dir,
        decisions,
        a.equals(b));

    double[][] fastTimes = time(world, fast, settings, rounds);
    double[][] fullTimes = time(world, full, settings, rounds);
    double fastWall = median(fastTimes[0]);
    double fastCpu = median(fastTimes[1]);
    double fullWall = median(fullTimes[0]);
    double fullCpu = median(fullTimes[1]);
    System.out.printf(Locale.ROOT, "%-44s %12s %12s%n", "median of " + rounds + " rounds (after 3 warm-up)", "wall s", "cpu s");
    System.out.printf(Locale.ROOT, "%-44s %12.4f %12.4f%n", "baseline: full forward (A*N outputs)", fullWall, fullCpu);
    System.out.printf(Locale.ROOT, "%-44s %12.4f %12.4f%n", "greedy policy (collapsed mean)", fastWall, fastCpu);
    System.out.printf(
        Locale.ROOT,
        "speed-up (baseline / fast): %.1fx wall, %.1fx cpu; fast: %.0f decisions/s cpu; target < 0.5 s: %s%n",
        fullWall / fastWall,
        fullCpu / fastCpu,
        decisions / fastCpu,
        fastWall < 0.5 ? "met" : "NOT met");
  }

  private static Policy fullForward(QuantileNetwork net) {
    int actions = net.numActions();
    return obs -> {
      float[] z = net.forward(obs);
      float[] q = new float[actions];
      for (int i = 0; i < z.length; i++) {
        q[i % actions] += z[i];
      }
      int best = 0;
      for (int i = 1; i < actions; i++) {
        if (q[i] > q[best]) {
          best = i;
        }
      }
      return best;
    };
  }

  private static double[][] time(World world, Policy policy, EvaluationSettings settings, int rounds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 3; i++) {
      Evaluator.run(world, policy, settings);
    }
    double[] wall = new double[rounds];
    double[] cpu = new double[rounds];
    for (int r = 0; r < rounds; r++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      Evaluator.run(world, policy, settings);
      wall[r] = (System.nanoTime() - w0) / 1e9;
      cpu[r] = (threads.getCurrentThreadCpuTime() - c0) / 1e9;
    }
    return new double[][] {wall, cpu};
  }

  private static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
