package org.crowdsweep.job.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.crowdsweep.core.io.Trees;
import org.crowdsweep.job.run.SweepJob;

/**
 * The cluster half of {@code scripts/bench-cluster}, run through spark-submit against a standalone cluster: waits
 * until the expected executors have registered (their JVM start is cluster provisioning, not sweep work), then runs
 * the same evaluation-only sweep twice into fresh run directories: first on cold executors (the JIT compiles Spark,
 * Parquet and the evaluator while the points run) and then on warm ones (steady-state throughput). Prints both times.
 */
public final class ClusterBenchmark {
  private ClusterBenchmark() {}

  /** Usage: ClusterBenchmark PUBLISHED_DIR EXECUTORS [POINTS] [EPISODES]. */
  public static void main(String[] args) throws Exception {
    String published = Path.of(args[0]).toAbsolutePath().normalize().toString();
    int executors = Integer.parseInt(args[1]);
    int n = args.length > 2 ? Integer.parseInt(args[2]) : 40;
    int episodes = args.length > 3 ? Integer.parseInt(args[3]) : 3000;
    String json = SweepBenchmark.spec("bench-cluster", n, episodes);
    Path tmp = Files.createTempDirectory("bench-cluster");
    try (SparkSession spark = SparkSession.builder().appName("bench-cluster").getOrCreate()) {
      spark.sparkContext().setLogLevel("ERROR");
      long deadline = System.nanoTime() + 120_000_000_000L;
      // The driver counts as one entry of the status tracker's executor list.
      while (spark.sparkContext().statusTracker().getExecutorInfos().length - 1 < executors) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("fewer than " + executors + " executors registered within 120 s");
        }
        Thread.sleep(100);
      }
      double cold = sweep(spark, json, tmp.resolve("cold"), published);
      double warm = sweep(spark, json, tmp.resolve("warm"), published);
      System.out.printf(Locale.ROOT, "executors %d: %d points x %d episodes, cold executors %.2f s, warm %.2f s%n",
          executors, n, episodes, cold, warm);
    } finally {
      Trees.delete(tmp);
    }
  }

  private static double sweep(SparkSession spark, String json, Path runDir, String published) {
    long t0 = System.nanoTime();
    SweepJob.Outcome o = SweepJob.run(spark,
        new SweepJob.Settings(json, runDir.toString(), runDir.resolve("cache").toString(), published), null);
    if (o.done() != o.points()) {
      throw new IllegalStateException("the benchmark sweep did not finish every point: " + o);
    }
    return (System.nanoTime() - t0) / 1e9;
  }
}
