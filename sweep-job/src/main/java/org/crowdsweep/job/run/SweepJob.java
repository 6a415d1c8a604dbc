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
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
import org.crowdsweep.core.io.PyJson;
import org.crowdsweep.core.training.TrainingListener;
import org.crowdsweep.specs.Expansion;
import org.crowdsweep.specs.Plan;
import org.crowdsweep.specs.Point;
import org.crowdsweep.specs.PublishedModels;
import org.crowdsweep.specs.SpecReader;

/**
 * The sweep on Spark. The driver expands the spec, skips finished points, and runs jobs side by side: one single-task
 * job per model that unfinished points need and the cache lacks (on a GPU when the cluster offers them), and one job
 * per model's points once the model exists, plus one for the points that load their agent, with one task per point
 * (all its evaluation seeds; the point's Parquet files are written by its task). Tasks get the spec's JSON and an id;
 * they re-expand the spec on the executor and build everything there. A rerun skips finished points and cached
 * models. A point that fails deterministically is recorded under {@code failed/} with its reason and the sweep goes
 * on.
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

    /**
     * The published models: a local directory, or (a Hadoop URI) a local mirror of the published model folders found
     * there, copied once per machine.
     */
    PublishedModels published() {
      if (publishedModels == null) {
        return PublishedModels.of(null);
      }
      Storage storage = Storage.of(publishedModels);
      if (storage.isLocal()) {
        return PublishedModels.of(Paths.get(storage.location()));
      }
      return PublishedModels.of(storage.localMirror(PublishedModels.directoryNames()));
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
    // Points that train, by training key (the cache may have some of the models already).
    Map<String, List<String>> byModel = new LinkedHashMap<>();
    List<String> loading = new ArrayList<>();
    for (Point p : pending) {
      if (p.trains()) {
        byModel.computeIfAbsent(p.trainingKey(), k -> new ArrayList<>()).add(p.id());
      } else {
        loading.add(p.id());
      }
    }
    if (!loading.isEmpty()) {
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
        spark.sparkContext().longAccumulator("crowdsweep models trained"),
        spark.sparkContext().longAccumulator(Counters.STEPS));
    List<String> toTrain = byModel.keySet().stream().filter(k -> !cache.contains(k)).toList();
    checkLocalMemory(spark, plan, toTrain);
    long steps = toTrain.stream().mapToLong(k -> plan.trainings().get(k).training().totalTimesteps()).sum();
    Progress bar = new Progress(progress, pending.size(), toTrain.size(), steps, counters);
    spark.sparkContext().addSparkListener(bar);
    // Trainings ask for a GPU when the cluster offers them (a stage-level resource profile); evaluations stay on
    // CPUs, so a GPU is held only while a model trains.
    ResourceProfile gpuProfile =
        spark.sparkContext().getConf().contains("spark.executor.resource.gpu.amount")
            ? new ResourceProfileBuilder().require(new TaskResourceRequests().cpus(1).resource("gpu", 1)).build()
            : null;
    List<Submitted> running = new ArrayList<>();
    try {
      int trained = 0;
      int failed = 0;
      int done = 0;
      bar.draw();
      // Jobs run side by side (submitted asynchronously, scheduled first come first served): one single-task job per
      // model to train, submitted first since trainings are the long part; one job per model already cached and one
      // for the points that load their agent, one task per point. When a training finishes, its points' job starts,
      // so a point's evaluation starts as soon as its model exists.
      for (String key : toTrain) {
        running.add(Submitted.training(key,
            submitTraining(jsc, settings, key, byModel.get(key), gpuProfile, counters)));
      }
      for (Map.Entry<String, List<String>> m : byModel.entrySet()) {
        if (!toTrain.contains(m.getKey())) {
          running.add(Submitted.evaluation(submitEvaluation(jsc, settings, m.getValue(), counters)));
        }
      }
      if (!loading.isEmpty()) {
        running.add(Submitted.evaluation(submitEvaluation(jsc, settings, loading, counters)));
      }
      while (!running.isEmpty()) {
        boolean progressed = false;
        for (Submitted job : List.copyOf(running)) {
          if (!job.future().isDone()) {
            continue;
          }
          running.remove(job);
          progressed = true;
          List<String> statuses;
          try {
            statuses = job.future().get();
          } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
          }
          for (String status : statuses) {
            if (status.equals("trained")) {
              trained++;
            } else if (status.equals("ok")) {
              done++;
            } else if (status.startsWith("failed")) {
              failed++;
            }
          }
          if (job.trainingKey() != null && !statuses.get(0).startsWith("failed")) {
            List<String> ids = byModel.get(job.trainingKey());
            running.add(Submitted.evaluation(submitEvaluation(jsc, settings, ids, counters)));
          }
        }
        if (!progressed) {
          Thread.sleep(50);
          bar.tick();
        }
      }
      for (String key : plan.trainings().keySet()) {
        if (!runDir.isFile(PointTables.trainingFile(key)) && cache.contains(key)) {
          PointTables.writeTraining(runDir, key, cache.entry(key));
        }
      }
      bar.finish();
      return new Outcome(plan.points().size(), skipped, done, failed, trained, (System.nanoTime() - start) / 1e9);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the sweep ran", e);
    } finally {
      running.forEach(job -> job.future().cancel(true));
      spark.sparkContext().removeSparkListener(bar);
    }
  }

  /**
   * In local mode every training runs in this JVM: refuses, before any work, a sweep whose concurrent trainings'
   * replay buffers alone would take more than 80% of the heap (an out-of-memory error mid-sweep would take the whole
   * run down), and says what to change. On a cluster each executor's memory is the cluster manager's business.
   */
  static void checkLocalMemory(SparkSession spark, Plan plan, List<String> toTrain) {
    if (!spark.sparkContext().isLocal() || toTrain.isEmpty()) {
      return;
    }
    int slots = Math.min(spark.sparkContext().defaultParallelism(), toTrain.size());
    List<Long> sizes = new ArrayList<>();
    int largest = 0;
    for (String key : toTrain) {
      Point p = plan.trainings().get(key);
      int buffer = p.training().bufferSize();
      largest = Math.max(largest, buffer);
      sizes.add(org.crowdsweep.core.training.ReplayBuffer.bytes(buffer, p.world().observationSize()));
    }
    sizes.sort(java.util.Comparator.reverseOrder());
    long need = sizes.subList(0, slots).stream().mapToLong(Long::longValue).sum();
    long heap = Runtime.getRuntime().maxMemory();
    if (need > 0.8 * heap) {
      long mb = 1024L * 1024;
      long suggestGb = (long) Math.ceil((need / 0.8 + 512.0 * mb) / (1024.0 * mb));
      int fits = (int) (0.8 * heap / sizes.get(0));
      throw new IllegalStateException(String.format(Locale.ROOT,
          "%s would train %d model(s) at once; their replay buffers alone (up to %,d transitions each) need %,d MB,"
              + " more than 80%% of this JVM's %,d MB heap: give it more (JAVA_OPTS=-Xmx%dg)%s",
          spark.sparkContext().master(), slots, largest, need / mb, heap / mb, suggestGb,
          fits >= 1 ? " or train fewer at once (--master local[" + fits + "])" : ""));
    }
  }

  /** A job in flight: a training (with its key) or an evaluation (no key). */
  private record Submitted(JavaFutureAction<List<String>> future, String trainingKey) {
    static Submitted training(String key, JavaFutureAction<List<String>> f) {
      return new Submitted(f, key);
    }

    static Submitted evaluation(JavaFutureAction<List<String>> f) {
      return new Submitted(f, null);
    }
  }

  /** Submits the training of one model (one task); it returns "trained", "cached", or "failed: reason" per point. */
  private static JavaFutureAction<List<String>> submitTraining(JavaSparkContext jsc, Settings settings, String key,
      List<String> ids, ResourceProfile gpuProfile, Counters counters) {
    JavaRDD<String> rdd = jsc.parallelize(List.of(key), 1);
    if (gpuProfile != null) {
      rdd = rdd.withResources(gpuProfile);
    }
    return rdd.flatMap(k -> trainTask(settings, k, ids, counters).iterator()).collectAsync();
  }

  /** Submits the evaluation of points whose models exist: one task per point, each returning "ok" or "failed: …". */
  private static JavaFutureAction<List<String>> submitEvaluation(
      JavaSparkContext jsc, Settings settings, List<String> ids, Counters counters) {
    return jsc.parallelize(ids, ids.size()).map(id -> {
      String status = evaluate(settings, id);
      (status.equals("ok") ? counters.done() : counters.failed()).add(1);
      return status;
    }).collectAsync();
  }

  /**
   * The training task: trains the key's model unless the cache has it. Returns "trained" or "cached"; when training
   * fails for a deterministic reason (bad settings, divergence, no GPU), records every point of the model as failed
   * and returns one "failed: reason" per point.
   */
  static List<String> trainTask(Settings settings, String key, List<String> ids, Counters counters) {
    try {
      int trained = train(settings, key, counters);
      counters.trained().add(trained);
      return List.of(trained == 1 ? "trained" : "cached");
    } catch (IllegalArgumentException | IllegalStateException
        | org.crowdsweep.core.training.TrainingDivergedException e) {
      Plan plan = settings.plan();
      List<String> statuses = new ArrayList<>();
      for (String id : ids) {
        recordFailure(settings.runStorage(), point(plan, id), e);
        statuses.add("failed: " + e.getMessage());
      }
      counters.failed().add(ids.size());
      return statuses;
    }
  }

  private static Point point(Plan plan, String id) {
    return plan.points().stream().filter(p -> p.id().equals(id)).findFirst().orElseThrow();
  }

  /** Trains one model into the cache; returns 1 if it trained, 0 if the cache had it. */
  static int train(Settings settings, String key, Counters counters) {
    Plan plan = settings.plan();
    Point point = plan.trainings().get(key);
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("spec", plan.spec().name());
    provenance.put("executor_task_attempt", TaskContext.get() == null ? null : TaskContext.get().taskAttemptId());
    provenance.put("java_version", System.getProperty("java.version"));
    String gpu = assignedGpu();
    // Steps reach the driver with executor heartbeats while the task runs (the bar shows them live); a retried
    // attempt's steps are not merged.
    TrainingListener steps = new TrainingListener() {
      private long reported;

      @Override
      public void onProgress(long done, long total, double seconds) {
        counters.steps().add(done - reported);
        reported = done;
      }
    };
    return settings.cache().ensureTrained(point, provenance, gpu, steps) == null ? 0 : 1;
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
  record Counters(LongAccumulator done, LongAccumulator failed, LongAccumulator trained, LongAccumulator steps)
      implements Serializable {
    private static final long serialVersionUID = 1L;
    static final String STEPS = "crowdsweep training steps";
  }

  /**
   * A progress bar: points done of those pending, models trained of those to train with their environment steps so
   * far (live: running tasks report them with executor heartbeats), failed points, failed task attempts (Spark
   * retries them), elapsed time and an estimate of the time left. Redrawn at task ends and about once a second.
   */
  static final class Progress extends SparkListener {
    private final java.io.PrintWriter out;
    private final int points;
    private final long models;
    private final long totalSteps;
    private final Counters counters;
    private final AtomicInteger failedAttempts = new AtomicInteger();
    /** Steps of running training tasks, by task id, from their latest heartbeat. */
    private final Map<Long, Long> runningSteps = new java.util.concurrent.ConcurrentHashMap<>();
    private final long start = System.nanoTime();
    private volatile long lastDraw;

    Progress(java.io.PrintWriter out, int points, long models, long totalSteps, Counters counters) {
      this.out = out;
      this.points = points;
      this.models = models;
      this.totalSteps = totalSteps;
      this.counters = counters;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      runningSteps.remove(end.taskInfo().taskId());
      if (!end.taskInfo().successful()) {
        failedAttempts.incrementAndGet();
      }
      draw();
    }

    @Override
    public void onExecutorMetricsUpdate(org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate update) {
      for (scala.Tuple4<Object, Object, Object, scala.collection.immutable.Seq<
          org.apache.spark.scheduler.AccumulableInfo>> task : scala.jdk.javaapi.CollectionConverters.asJava(
              update.accumUpdates())) {
        for (org.apache.spark.scheduler.AccumulableInfo info : scala.jdk.javaapi.CollectionConverters.asJava(
            task._4())) {
          if (info.name().isDefined() && Counters.STEPS.equals(info.name().get()) && info.update().isDefined()
              && info.update().get() instanceof Long steps) {
            runningSteps.put((Long) task._1(), steps);
          }
        }
      }
    }

    /** Redraws when a second has passed since the last drawing (elapsed time and live steps move on). */
    void tick() {
      if (System.nanoTime() - lastDraw > 1_000_000_000L) {
        draw();
      }
    }

    synchronized void draw() {
      lastDraw = System.nanoTime();
      if (out == null) {
        return;
      }
      long steps = counters.steps().value() + runningSteps.values().stream().mapToLong(Long::longValue).sum();
      out.print("\r" + line(counters.done().value(), counters.failed().value(), counters.trained().value(), steps,
          failedAttempts.get(), (System.nanoTime() - start) / 1e9) + " ");
      out.flush();
    }

    /**
     * The bar's text. While steps remain to train, the estimate assumes the rest trains at the rate so far (training
     * dominates); after that, that the remaining points take as long as those finished.
     */
    String line(long done, long failed, long trained, long steps, int retries, double seconds) {
      int width = 30;
      long finished = Math.min(done + failed, points);
      int filled = points == 0 ? width : (int) (width * finished / points);
      StringBuilder b = new StringBuilder();
      b.append('[').append("#".repeat(filled)).append(".".repeat(width - filled)).append("] ");
      b.append(String.format(Locale.ROOT, "%d/%d points", finished, points));
      if (models > 0) {
        b.append(String.format(Locale.ROOT, ", %d/%d models trained (%,d/%,d steps)", trained, models,
            Math.min(steps, totalSteps), totalSteps));
      }
      if (failed > 0) {
        b.append(String.format(Locale.ROOT, ", %d failed", failed));
      }
      if (retries > 0) {
        b.append(String.format(Locale.ROOT, ", %d task attempt(s) retried", retries));
      }
      b.append(String.format(Locale.ROOT, ", %.0f s", seconds));
      if (models > 0 && steps > 0 && steps < totalSteps) {
        b.append(String.format(Locale.ROOT, ", ETA %.0f s", seconds / steps * (totalSteps - steps)));
      } else if (finished > 0 && finished < points) {
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
