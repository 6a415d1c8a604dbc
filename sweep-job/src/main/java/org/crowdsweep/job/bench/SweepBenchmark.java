package org.crowdsweep.job.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.crowdsweep.core.io.Trees;
import org.crowdsweep.job.run.ModelCache;
import org.crowdsweep.job.run.PointTables;
import org.crowdsweep.job.run.PointWork;
import org.crowdsweep.job.run.Storage;
import org.crowdsweep.job.run.SweepJob;
import org.crowdsweep.specs.Expansion;
import org.crowdsweep.specs.Plan;
import org.crowdsweep.specs.Point;
import org.crowdsweep.specs.PublishedModels;
import org.crowdsweep.specs.SpecReader;

/**
 * A 40-point evaluation-only sweep (the published qa3-0.1 worker, switching cost over 40 values, 1000 episodes a
 * point), timed three ways in one run: a plain loop in this JVM (load, evaluate, write each point), Spark local[1] and
 * Spark local[2]. Session start-up and a 4-point warm-up (of the loop, and of each session) are excluded; writing the
 * tables is included in all three.
 */
public final class SweepBenchmark {
  private SweepBenchmark() {}

  /**
   * The benchmarks' CPU-bound sweep: the published qa3-0.1 worker evaluated at {@code points} switching costs from 0.5
   * to 2.5, {@code episodes} episodes each.
   */
  static String spec(String name, int points, int episodes) {
    return String.format(Locale.ROOT, """
        {"name": "%s", "agent": {"load": "published:qa3-0.1"}, "evaluation": {"episodes": %d},
         "axes": [{"path": "user.switchTaskTime", "linspace": {"start": 0.5, "stop": 2.5, "count": %d}}]}
        """, name, episodes, points);
  }

  /** Usage: SweepBenchmark PUBLISHED_DIR [POINTS] [EPISODES] [ROUNDS]. */
  public static void main(String[] args) throws Exception {
    String published = Path.of(args[0]).toAbsolutePath().normalize().toString();
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 40;
    int episodes = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 2;
    String json = spec("bench", n, episodes);
    Path tmp = Files.createTempDirectory("bench-sweep");
    try {
      Plan plan = Expansion.expand(SpecReader.parse(json));
      // Warm-up of the evaluation code path.
      loop(plan, tmp.resolve("warm"), published, 4);
      // Rounds alternate the three ways (loop, local[1], local[2], loop, …) and the best time of each counts, so a
      // burst of load on the shared machine does not decide a ratio.
      double plain = Double.MAX_VALUE;
      double one = Double.MAX_VALUE;
      double two = Double.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        long t0 = System.nanoTime();
        loop(plan, tmp.resolve("loop" + r), published, plan.points().size());
        double p = (System.nanoTime() - t0) / 1e9;
        double a = spark("local[1]", json, tmp.resolve("l1-" + r), published);
        double b = spark("local[2]", json, tmp.resolve("l2-" + r), published);
        System.out.printf(Locale.ROOT, "round %d: loop %.2f s, local[1] %.2f s, local[2] %.2f s%n", r + 1, p, a, b);
        plain = Math.min(plain, p);
        one = Math.min(one, a);
        two = Math.min(two, b);
      }
      System.out.printf(Locale.ROOT, "%d points x %d episodes (published qa3-0.1), best of %d rounds, wall seconds:%n",
          n, episodes, rounds);
      System.out.printf(Locale.ROOT, "  plain loop, one JVM thread : %7.2f%n", plain);
      System.out.printf(Locale.ROOT, "  Spark local[1]             : %7.2f  (overhead vs loop %+.1f%%)%n", one,
          100 * (one / plain - 1));
      System.out.printf(Locale.ROOT, "  Spark local[2]             : %7.2f  (speed-up vs local[1] %.2fx)%n", two,
          one / two);
    } finally {
      Trees.delete(tmp);
    }
  }

  private static void loop(Plan plan, Path runDir, String published, int count) {
    PublishedModels models = PublishedModels.of(Path.of(published));
    ModelCache cache = new ModelCache(runDir.resolve("cache"));
    PointTables tables = new PointTables(plan);
    for (Point p : plan.points().subList(0, count)) {
      tables.write(Storage.of(runDir.toString()), plan.spec().name(), p,
          PointWork.evaluate(p, PointWork.network(p, cache, models)));
    }
  }

  private static double spark(String master, String json, Path runDir, String published) throws Exception {
    try (SparkSession spark = SparkSession.builder().master(master).appName("bench-sweep")
        .config("spark.ui.enabled", "false").config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.driver.host", "127.0.0.1").getOrCreate()) {
      spark.sparkContext().setLogLevel("ERROR");
      // Start-up and a 4-point warm-up sweep outside the timing, as the loop has its 4 warm-up points: each session
      // times its steady state.
      String warm = spec("bench-warm-up", 4, 100);
      Path warmDir = runDir.resolveSibling(runDir.getFileName() + "-warm-up");
      SweepJob.run(spark, new SweepJob.Settings(warm, warmDir.toString(), warmDir.resolve("cache").toString(),
          published), null);
      long t0 = System.nanoTime();
      SweepJob.run(spark, new SweepJob.Settings(json, runDir.toString(), runDir.resolve("cache").toString(), published),
          null);
      return (System.nanoTime() - t0) / 1e9;
    }
  }
}
