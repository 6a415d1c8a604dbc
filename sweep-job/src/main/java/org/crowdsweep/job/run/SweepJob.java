package org.crowdsweep.job.run;

import java.io.Serializable;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;
import org.apache.spark.resource.ResourceProfile;
import org.apache.spark.resource.ResourceProfileBuilder;
import org.apache.spark.resource.TaskResourceRequests;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.crowdsweep.core.io.PyJson;
import org.crowdsweep.specs.Expansion;
import org.crowdsweep.specs.Plan;
import org.crowdsweep.specs.Point;
import org.crowdsweep.specs.PublishedModels;
import org.crowdsweep.specs.SpecReader;

/**
 * The sweep on Spark: one task per model that unfinished points need (it trains the model unless the cache has it,
 * then evaluates those points) and one task per unfinished point that loads its agent; each point's Parquet files
 * are written by its task. Tasks get
 * the spec's JSON and an id; they re-expand the spec on the executor and build everything there. A rerun skips
 * finished points and cached models. A point that fails deterministically is recorded under {@code failed/} with
 * its reason and the sweep goes on.
 */
public final class SweepJob {
  private static final java.util.concurrent.ConcurrentMap<String, Plan> PLANS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private SweepJob() {}

  /**
   * What a run needs, all serialisable.
   *
   * @param specJson the spec's JSON text
   * @param runDir the run directory: an absolute path or a Hadoop URI ({@link Storage})
   * @param modelCache the model cache: an absolute path or a Hadoop URI
   * @param publishedModels the published-models directory, or null
   */
  public record Settings(String specJson, String runDir, String modelCache, String publishedModels)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The expanded spec; expanded once per JVM (executors run many tasks of one spec). */
    Plan plan() {
      return PLANS.computeIfAbsent(specJson, json -> Expansion.expand(SpecReader.parse(json)));
    }

    Storage runStorage() {
      return Storage.of(runDir);
    }

    ModelCache cache() {
      return new ModelCache(modelCache);
    }

    PublishedModels published() {
      return PublishedModels.of(publishedModels == null ? null : Paths.get(publishedModels));
    }
  }

  /**
   * How a run went.
   *
   * @param points points in the plan
   * @param skipped points already finished before this run
   * @param done points finished by this run
   * @param failed points that failed, with reasons under failed/
   * @param trained models trained by this run
   * @param seconds wall time
   */
  public record Outcome(int points, int skipped, int done, int failed, int trained, double seconds) {}

  /** Runs the sweep on the given session (its master decides local or cluster). */
  public static Outcome run(SparkSession spark, Settings settings, java.io.PrintWriter progress) {
    long start = System.nanoTime();
    Plan plan = settings.plan();
    Storage runDir = settings.runStorage();
    ModelCache cache = settings.cache();
    List<Point> pending = new ArrayList<>();
    int skipped = 0;
    java.util.Set<String> finished = new java.util.HashSet<>(runDir.list("points"));
    for (Point p : plan.points()) {
      if (finished.contains("point_id=" + p.id()) && runDir.isFile(PointTables.file("points", p.id()))) {
        skipped++;
      } else {
        pending.add(p);
      }
    }
    // One task per model: it trains the model if the cache lacks it and then evaluates every pending point that
    // uses it, so a point's evaluation starts as soon as its model exists. One task per point that loads its agent.
    Map<String, List<String>> units = new LinkedHashMap<>();
    for (Point p : pending) {
      String unit = p.trains() ? "train:" + p.trainingKey() : "point:" + p.id();
      units.computeIfAbsent(unit, k -> new ArrayList<>()).add(p.id());
    }
    if (pending.stream().anyMatch(p -> !p.trains())) {
      // Resolve published models on the driver first: a missing directory is a clear error before any work.
      PublishedModels published = settings.published();
      pending.stream().filter(p -> !p.trains()).map(p -> p.agent().model()).distinct().forEach(published::resolve);
    }
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    // Tasks count their points and trainings in accumulators (merged only from successful attempts, so a retried
    // task is not counted twice); the bar reads them at every task end.
    Counters counters = new Counters(
        spark.sparkContext().longAccumulator("crowdsweep points done"),
        spark.sparkContext().longAccumulator("crowdsweep points failed"),
        spark.sparkContext().longAccumulator("crowdsweep models trained"));
    long toTrain = units.keySet().stream()
        .filter(u -> u.startsWith("train:") && !cache.contains(u.substring(6))).count();
    Progress bar = new Progress(progress, pending.size(), toTrain, counters);
    spark.sparkContext().addSparkListener(bar);
    try {
      int trained = 0;
      int failed = 0;
      int done = 0;
      if (!units.isEmpty()) {
        bar.draw();
        // Units that train ask for a GPU when the cluster offers them (a stage-level resource profile, so that
        // evaluation-only units stay on CPUs); without GPUs everything runs in one job on CPUs.
        boolean gpus = spark.sparkContext().getConf().contains("spark.executor.resource.gpu.amount");
        List<List<String>> gpuWork = new ArrayList<>();
        List<List<String>> cpuWork = new ArrayList<>();
        for (Map.Entry<String, List<String>> u : units.entrySet()) {
          (gpus && u.getKey().startsWith("train:") ? gpuWork : cpuWork).add(u.getValue());
        }
        List<List<String>> statuses = new ArrayList<>();
        if (!cpuWork.isEmpty()) {
          statuses.addAll(jsc.parallelize(cpuWork, cpuWork.size()).map(ids -> SweepJob.work(settings, ids, counters))
              .collect());
        }
        if (!gpuWork.isEmpty()) {
          ResourceProfile gpuProfile =
              new ResourceProfileBuilder().require(new TaskResourceRequests().cpus(1).resource("gpu", 1)).build();
          statuses.addAll(
              jsc.parallelize(gpuWork, gpuWork.size())
                  .withResources(gpuProfile)
                  .map(ids -> SweepJob.work(settings, ids, counters))
                  .collect());
        }
        for (List<String> unit : statuses) {
          for (String status : unit) {
            if (status.equals("trained")) {
              trained++;
            } else if (status.startsWith("ok")) {
              done++;
            } else {
              failed++;
            }
          }
        }
      }
      for (String key : plan.trainings().keySet()) {
        if (!runDir.isFile(PointTables.trainingFile(key)) && cache.contains(key)) {
          PointTables.writeTraining(runDir, key, cache.entry(key));
        }
      }
      bar.finish();
      return new Outcome(plan.points().size(), skipped, done, failed, trained, (System.nanoTime() - start) / 1e9);
    } finally {
      spark.sparkContext().removeSparkListener(bar);
    }
  }

  /**
   * A task: trains the model of these points if they train and the cache lacks it (all share one training key),
   * then evaluates each point. Returns "trained" (if it trained) and one status per point.
   */
  static List<String> work(Settings settings, List<String> ids, Counters counters) {
    List<String> statuses = work(settings, ids);
    for (String status : statuses) {
      (status.equals("trained") ? counters.trained() : status.startsWith("ok") ? counters.done() : counters.failed())
          .add(1);
    }
    return statuses;
  }

  private static List<String> work(Settings settings, List<String> ids) {
    Plan plan = settings.plan();
    List<String> statuses = new ArrayList<>();
    Point first = point(plan, ids.get(0));
    if (first.trains()) {
      try {
        if (train(settings, first.trainingKey()) == 1) {
          statuses.add("trained");
        }
      } catch (IllegalArgumentException | IllegalStateException
          | org.crowdsweep.core.training.TrainingDivergedException e) {
        for (String id : ids) {
          recordFailure(settings.runStorage(), point(plan, id), e);
          statuses.add("failed: " + e.getMessage());
        }
        return statuses;
      }
    }
    for (String id : ids) {
      statuses.add(evaluate(settings, id));
    }
    return statuses;
  }

  private static Point point(Plan plan, String id) {
    return plan.points().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  /** Trains one model into the cache; returns 1 if it trained, 0 if the cache had it. */
  static int train(Settings settings, String key) {
    Plan plan = settings.plan();
    Point point = plan.trainings().get(key);
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("spec", plan.spec().name());
    provenance.put("executor_task_attempt", TaskContext.get() == null ? null : TaskContext.get().taskAttemptId());
    provenance.put("java_version", System.getProperty("java.version"));
    String gpu = assignedGpu();
    return settings.cache().ensureTrained(point, provenance, gpu) == null ? 0 : 1;
  }

  /** The GPU address Spark assigned to this task ({@code gpu:N}), or null when it has none. */
  static String assignedGpu() {
    TaskContext context = TaskContext.get();
    if (context == null) {
      return null;
    }
    ResourceInformation gpu = context.resourcesJMap().get("gpu");
    if (gpu == null || gpu.addresses().length == 0) {
      return null;
    }
    return "gpu:" + gpu.addresses()[0];
  }

  /** Evaluates one point (its model exists) and writes its files; returns "ok" or "failed: reason". */
  static String evaluate(Settings settings, String id) {
    Plan plan = settings.plan();
    Point point = point(plan, id);
    Storage runDir = settings.runStorage();
    try {
      var network = PointWork.network(point, settings.cache(), settings.published());
      List<PointWork.Evaluation> evaluations = PointWork.evaluate(point, network);
      new PointTables(plan).write(runDir, plan.spec().name(), point, evaluations);
      return "ok";
    } catch (IllegalArgumentException | IllegalStateException e) {
      recordFailure(runDir, point, e);
      return "failed: " + e.getMessage();
    }
  }

  private static void recordFailure(Storage runDir, Point point, RuntimeException e) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("point_id", point.id());
    f.put("label", point.label());
    f.put("reason", e.getMessage());
    f.put("time", Instant.now().toString());
    runDir.writeString("failed/" + point.id() + ".json", PyJson.write(f));
  }

  /** What tasks report as they finish: points done and failed, models trained. */
  record Counters(LongAccumulator done, LongAccumulator failed, LongAccumulator trained) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  /**
   * A progress bar driven by task ends: points done of those pending, models trained of those to train, failed
   * points, failed task attempts (Spark retries them), elapsed time and an estimate of the time left.
   */
  static final class Progress extends SparkListener {
    private final java.io.PrintWriter out;
    private final int points;
    private final long models;
    private final Counters counters;
    private final AtomicInteger failedAttempts = new AtomicInteger();
    private final long start = System.nanoTime();

    Progress(java.io.PrintWriter out, int points, long models, Counters counters) {
      this.out = out;
      this.points = points;
      this.models = models;
      this.counters = counters;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (!end.taskInfo().successful()) {
        failedAttempts.incrementAndGet();
      }
      draw();
    }

    synchronized void draw() {
      if (out == null) {
        return;
      }
      out.print("\r" + line(counters.done().value(), counters.failed().value(), counters.trained().value(),
          failedAttempts.get(), (System.nanoTime() - start) / 1e9) + " ");
      out.flush();
    }

    /** The bar's text. The estimate assumes the remaining points take as long as those finished. */
    String line(long done, long failed, long trained, int retries, double seconds) {
      int width = 30;
      long finished = Math.min(done + failed, points);
      int filled = points == 0 ? width : (int) (width * finished / points);
      StringBuilder b = new StringBuilder();
      b.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
      b.append(String.format(Locale.ROOT, "%d/%d points", finished, points));
      if (models > 0) {
        b.append(String.format(Locale.ROOT, ", %d/%d models trained", trained, models));
      }
      if (failed > 0) {
        b.append(String.format(Locale.ROOT, ", %d failed", failed));
      }
      if (retries > 0) {
        b.append(String.format(Locale.ROOT, ", %d task attempt(s) retried", retries));
      }
      b.append(String.format(Locale.ROOT, ", %.0f s", seconds));
      if (finished > 0 && finished < points) {
        b.append(String.format(Locale.ROOT, ", ETA %.0f s", seconds / finished * (points - finished)));
      }
      return b.toString();
    }

    void finish() {
      draw();
      if (out != null) {
        out.println();
        out.flush();
      }
    }
  }
}
