package org.crowdsweep.job.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep on local Spark (loopback only): outputs, resume, the model cache, failures, the run lock. */
final class SweepJobTest {
  static SparkSession spark;

  @TempDir Path tmp;

  @BeforeAll
  static void startSpark() {
    spark = TestSpark.start("sweep-test");
  }

  @AfterAll
  static void stopSpark() throws Exception {
    spark.close();
  }

  static String reference() {
    Path root = Paths.get(System.getProperty("crowdsweep.reference.dir", "../../shared/reference")).toAbsolutePath();
    assertTrue(Files.isDirectory(root), "the published experiment directories are missing: expected " + root);
    return root.normalize().toString();
  }

  private List<Row> points(Path runDir) {
    return spark.read().option("recursiveFileLookup", "true").parquet(runDir.resolve("points").toString())
        .collectAsList();
  }

  @Test
  void tutorialSpec_givesTutorialNumbers_andRerunComputesNothing() throws Exception {
    String json = Files.readString(Paths.get("../sweep-specs/specs/tutorial.json"));
    Path run = tmp.resolve("run");
    SweepJob.Settings s = new SweepJob.Settings(json, run.toString(), tmp.resolve("cache").toString(), reference());
    SweepJob.Outcome first = SweepJob.run(spark, s, null);
    assertEquals(new SweepJob.Outcome(2, 0, 2, 0, 0, first.seconds()), first);
    List<Row> rows = points(run);
    assertEquals(2, rows.size());
    Row baseline = rows.stream().filter(r -> r.getAs("label").equals("baseline")).findFirst().orElseThrow();
    assertEquals(85.39, (Double) baseline.getAs("answer_actions"));
    assertEquals(17.46, (Double) baseline.getAs("tg0_answers_tutorial"));
    assertEquals(0.21880928415930798, (Double) baseline.getAs("tg0_share_tutorial"));
    Row a1 = rows.stream().filter(r -> r.getAs("label").equals("A.1")).findFirst().orElseThrow();
    assertEquals(0.5027607153753726, (Double) a1.getAs("tg0_share_tutorial"));
    assertEquals(200, spark.read().option("recursiveFileLookup", "true")
        .parquet(run.resolve("episodes").toString()).count(), "100 episodes for each of the 2 points");
    SweepJob.Outcome second = SweepJob.run(spark, s, null);
    assertEquals(2, second.skipped());
    assertEquals(0, second.done());
    assertEquals(2, points(run).size(), "nothing duplicated");
  }

  @Test
  void smallTrainingSweep_trainsTwoModels_rerunTrainsNothing() {
    String json =
        """
        {"name": "tiny", "training": {"totalTimesteps": 2000, "hyperparameters": {"bufferSize": 2000}},
         "evaluation": {"episodes": 20},
         "axes": [{"path": "antiCheat.qaModeProb", "values": [0, 0.1]}]}
        """;
    Path run = tmp.resolve("tiny");
    Path cache = tmp.resolve("cache");
    SweepJob.Settings s = new SweepJob.Settings(json, run.toString(), cache.toString(), null);
    SweepJob.Outcome first = SweepJob.run(spark, s, null);
    assertEquals(2, first.trained());
    assertEquals(2, first.done());
    assertEquals(2, points(run).size());
    List<Row> trainings =
        spark.read().option("recursiveFileLookup", "true").parquet(run.resolve("trainings").toString()).collectAsList();
    assertEquals(2, trainings.stream().map(r -> (String) r.getAs("training_key")).distinct().count(),
        "one curve per trained model");
    Path other = tmp.resolve("tiny-again");
    SweepJob.Outcome again =
        SweepJob.run(spark, new SweepJob.Settings(json, other.toString(), cache.toString(), null), null);
    assertEquals(0, again.trained(), "the models come from the cache");
    assertEquals(2, again.done());
    assertTrue(Files.isDirectory(other.resolve("trainings")), "cached models are summarised too");
    List<Row> a = points(run);
    List<Row> b = points(other);
    double x = a.stream().mapToDouble(r -> r.getAs("return")).sum();
    double y = b.stream().mapToDouble(r -> r.getAs("return")).sum();
    assertEquals(x, y, "same models, same evaluations");
  }

  @Test
  void oneTraining_servesThreePoints_eachEvaluatedInATaskOfItsOwn() throws Exception {
    String json =
        """
        {"name": "shared", "training": {"totalTimesteps": 1000, "hyperparameters": {"bufferSize": 1000}},
         "evaluation": {"episodes": 10},
         "points": [{"label": "own world"},
                    {"label": "gold world", "evaluationWorld": {"antiCheat.qaModeProb": 0.5}},
                    {"label": "no-gold world", "evaluationWorld": {"antiCheat.qaModeProb": 0}}]}
        """;
    java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
    org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler.SparkListener() {
      @Override
      public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd end) {
        tasks.incrementAndGet();
      }
    };
    spark.sparkContext().addSparkListener(counter);
    try {
      SweepJob.Outcome o = SweepJob.run(spark,
          new SweepJob.Settings(json, tmp.resolve("shared").toString(), tmp.resolve("c").toString(), null), null);
      assertEquals(new SweepJob.Outcome(3, 0, 3, 0, 1, o.seconds()), o);
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertEquals(4, tasks.get(), "one training task, then one evaluation task per point");
    } finally {
      spark.sparkContext().removeSparkListener(counter);
    }
    assertEquals(3, points(tmp.resolve("shared")).size());
  }

  @Test
  void localMode_refusesTrainingsWhoseBuffersCannotFitTheHeap_beforeAnyWork() {
    String json =
        """
        {"name": "too-big", "training": {"totalTimesteps": 1000, "hyperparameters": {"bufferSize": 5000000}},
         "axes": [{"path": "antiCheat.qaModeProb", "values": [0, 0.1]}]}
        """;
    Path run = tmp.resolve("too-big");
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> SweepJob.run(spark,
        new SweepJob.Settings(json, run.toString(), tmp.resolve("c").toString(), null), null));
    long heap = Runtime.getRuntime().maxMemory() / (1024 * 1024);
    // 5,000,000 transitions x (2 x 29 floats + int + float + boolean) = 1,205,000,000 bytes per buffer, two at once.
    assertEquals(String.format(java.util.Locale.ROOT, "local[2] would train 2 model(s) at once; their replay buffers"
        + " alone (up to 5,000,000 transitions each) need 2,298 MB, more than 80%% of this JVM's %,d MB heap: give it"
        + " more (JAVA_OPTS=-Xmx4g) or train fewer at once (--master local[1])", heap), e.getMessage());
    assertTrue(!Files.exists(run.resolve("points")), "no work was done");
  }

  @Test
  void aRepeatedPoint_writesByteIdenticalFiles() throws Exception {
    // What a retried or speculative task does: the same point computed again gives the same bytes.
    String json = Files.readString(Paths.get("../sweep-specs/specs/tutorial.json"));
    for (String dir : List.of("first", "second")) {
      SweepJob.run(spark, new SweepJob.Settings(json, tmp.resolve(dir).toString(), tmp.resolve("c").toString(),
          reference()), null);
    }
    int compared = 0;
    for (String table : List.of("points", "episodes")) {
      for (String point : Storage.of(tmp.resolve("first").toString()).list(table)) {
        String file = table + "/" + point + "/part-0.parquet";
        byte[] a = Files.readAllBytes(tmp.resolve("first").resolve(file));
        byte[] b = Files.readAllBytes(tmp.resolve("second").resolve(file));
        org.junit.jupiter.api.Assertions.assertArrayEquals(a, b, file);
        compared++;
      }
    }
    assertEquals(4, compared, "two points, two tables");
  }

  @Test
  void progressLine_countsPointsModelsStepsFailuresAndEstimatesTheRest() {
    SweepJob.Progress bar = new SweepJob.Progress(null, 40, 5, 50_000_000, null);
    assertEquals("[######........................] 8/40 points, 2/5 models trained (25,000,000/50,000,000 steps),"
        + " 1 failed, 1 task attempt(s) retried, 30 s, ETA 30 s", bar.line(7, 1, 2, 25_000_000, 1, 30.0));
    assertEquals("[..............................] 0/40 points, 0/5 models trained (0/50,000,000 steps), 0 s",
        bar.line(0, 0, 0, 0, 0, 0.2));
    assertEquals("[###############...............] 20/40 points, 5/5 models trained (50,000,000/50,000,000 steps),"
        + " 100 s, ETA 100 s", bar.line(20, 0, 5, 50_000_000, 0, 100.0));
    assertEquals("[##############################] 3/3 points, 12 s",
        new SweepJob.Progress(null, 3, 0, 0, null).line(3, 0, 0, 0, 0, 12.4));
  }

  @Test
  void deterministicFailure_isRecorded_andTheSweepGoesOn() throws Exception {
    String json =
        """
        {"name": "fails", "agent": {"load": "published:qa3-0.1"}, "evaluation": {"episodes": 10},
         "points": [{"label": "fine"}, {"label": "three givers", "set": {"taskGivers": 3}}]}
        """;
    Path run = tmp.resolve("fails");
    SweepJob.Outcome o =
        SweepJob.run(spark, new SweepJob.Settings(json, run.toString(), tmp.resolve("c").toString(), reference()), null);
    assertEquals(1, o.done());
    assertEquals(1, o.failed());
    try (var failed = Files.list(run.resolve("failed"))) {
      String reason = Files.readString(failed.findFirst().orElseThrow());
      assertTrue(reason.contains("\"reason\": \"point three givers: the model acts for 5 task-givers, the world has 3\""),
          reason);
    }
  }

  @Test
  void runLock_refusesSecondDriver_andTakesOverAStaleLock() throws Exception {
    Path run = tmp.resolve("locked");
    try (RunLock lock = RunLock.acquire(run)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunLock.acquire(run));
      assertTrue(e.getMessage().startsWith("run directory " + run + " is in use by another driver ("), e.getMessage());
    }
    String host = java.net.InetAddress.getLocalHost().getHostName();
    Files.writeString(run.resolve("run.lock"), host + " pid 999999999 since 2026-01-01T00:00:00Z");
    try (RunLock lock = RunLock.acquire(run)) {
      assertTrue(Files.readString(run.resolve("run.lock")).contains("pid " + ProcessHandle.current().pid()));
    }
  }
}
