package org.crowdsweep.job.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run directory and the model cache on a real HDFS: a NameNode and a DataNode started in this JVM on 127.0.0.1
 * (Hadoop's MiniDFSCluster), reached through {@code hdfs://} URIs exactly as a cluster's would be.
 */
final class HdfsStorageTest {
  static MiniDFSCluster dfs;
  static String hdfs;
  static SparkSession spark;

  @TempDir static Path base;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("dfs").toString());
    conf.set("dfs.namenode.rpc-address", "127.0.0.1:0");
    conf.set("dfs.namenode.http-address", "127.0.0.1:0");
    dfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
    dfs.waitActive();
    hdfs = "hdfs://127.0.0.1:" + dfs.getNameNodePort();
    spark = TestSpark.start("hdfs-test");
  }

  @AfterAll
  static void stop() throws Exception {
    if (spark != null) {
      spark.close();
    }
    if (dfs != null) {
      dfs.shutdown();
    }
  }

  @Test
  void files_areWrittenWhole_replaced_listedAndDeleted() throws Exception {
    Storage s = Storage.of(hdfs + "/files/");
    assertFalse(s.isLocal());
    assertEquals(hdfs + "/files", s.location(), "a trailing slash is dropped");
    assertEquals(List.of(), s.list("nothing"));
    s.writeString("a/run.json", "first");
    s.writeString("a/run.json", "second");
    assertEquals("second", s.readString("a/run.json"));
    assertEquals(List.of("run.json"), s.list("a"), "no temporary file left");
    assertTrue(s.createNew("a/run.lock", "me"));
    assertFalse(s.createNew("a/run.lock", "you"));
    assertEquals("me", s.readString("a/run.lock"));
    s.delete("a/run.lock");
    assertFalse(s.isFile("a/run.lock"));
    assertThrows(java.nio.file.NoSuchFileException.class, () -> s.readString("a/run.lock"));

    MessageType schema = MessageTypeParser.parseMessageType("message t { required int32 x; }");
    for (int x : new int[] {1, 2}) {
      Group g = new SimpleGroupFactory(schema).newGroup().append("x", x);
      s.writeParquet("t/point_id=p/part-0.parquet", schema, List.of(g));
    }
    List<Row> rows = spark.read().parquet(s.resolve("t/point_id=p/part-0.parquet")).collectAsList();
    assertEquals(1, rows.size(), "replaced, not added");
    assertEquals(2, (Integer) rows.get(0).getAs("x"));
    assertEquals(List.of("part-0.parquet"), s.list("t/point_id=p"));
  }

  @Test
  void publishedDirectory_appearsWhole_once_andIsCopiedBackForReading() throws Exception {
    Storage s = Storage.of(hdfs + "/cache");
    Path first = Files.createDirectories(tmp.resolve("first"));
    Files.writeString(first.resolve("model.json"), "{\"n\": 1}");
    Path second = Files.createDirectories(tmp.resolve("second"));
    Files.writeString(second.resolve("model.json"), "{\"n\": 2}");
    assertTrue(s.publishDirectory(first, "key"));
    assertFalse(s.publishDirectory(second, "key"), "the first copy wins");
    assertFalse(Files.exists(first) || Files.exists(second), "local copies are consumed");
    assertEquals(List.of("model.json"), s.list("key"), "nothing nested inside the entry");
    assertEquals(List.of("key"), s.list(""), "no temporary directory left");
    Path local = s.localCopy("key");
    assertEquals("{\"n\": 1}", Files.readString(local.resolve("model.json")));
    assertEquals(local, s.localCopy("key"), "copied once per machine");
  }

  @Test
  void runLock_onHdfs_refusesASecondDriver() {
    Storage run = Storage.of(hdfs + "/locked");
    try (RunLock lock = RunLock.acquire(run)) {
      IllegalStateException e = assertThrows(IllegalStateException.class, () -> RunLock.acquire(run));
      assertTrue(e.getMessage().startsWith("run directory " + hdfs + "/locked is in use by another driver ("),
          e.getMessage());
    }
    assertFalse(run.isFile("run.lock"), "released");
  }

  @Test
  void trainingSweep_onHdfs_trainsTwoModels_andASecondRunTrainsNothing() {
    String json =
        """
        {"name": "tiny-hdfs", "training": {"totalTimesteps": 2000, "hyperparameters": {"bufferSize": 2000}},
         "evaluation": {"episodes": 20},
         "axes": [{"path": "antiCheat.qaModeProb", "values": [0, 0.1]}]}
        """;
    String cache = hdfs + "/model-cache";
    SweepJob.Outcome first =
        SweepJob.run(spark, new SweepJob.Settings(json, hdfs + "/runs/one", cache, null), null);
    assertEquals(new SweepJob.Outcome(2, 0, 2, 0, 2, first.seconds()), first);
    ModelCache models = new ModelCache(cache);
    assertEquals(2, Storage.of(cache).list("").size(), "two entries, no temporary directory left");
    for (String key : Storage.of(cache).list("")) {
      assertTrue(models.contains(key), key);
    }
    SweepJob.Outcome second =
        SweepJob.run(spark, new SweepJob.Settings(json, hdfs + "/runs/two", cache, null), null);
    assertEquals(0, second.trained(), "the models come from the HDFS cache");
    assertEquals(2, second.done());
    SweepJob.Outcome rerun =
        SweepJob.run(spark, new SweepJob.Settings(json, hdfs + "/runs/two", cache, null), null);
    assertEquals(2, rerun.skipped(), "finished points on HDFS are skipped");
    assertEquals(0, rerun.done());
    double[] returns = new double[2];
    for (int i = 0; i < 2; i++) {
      List<Row> rows = spark.read().option("recursiveFileLookup", "true")
          .parquet(hdfs + "/runs/" + (i == 0 ? "one" : "two") + "/points").collectAsList();
      assertEquals(2, rows.size(), "one row per point");
      returns[i] = rows.stream().mapToDouble(r -> r.getAs("return")).sum();
    }
    assertEquals(returns[0], returns[1], "same models, same evaluations");
    assertEquals(2, spark.read().option("recursiveFileLookup", "true").parquet(hdfs + "/runs/two/trainings")
        .select("training_key").distinct().count(), "cached models are summarised in the second run");
  }

  @Test
  void runCommand_withHdfsOutAndCache_writesTablesAndRunJsonThere() throws Exception {
    Path spec = tmp.resolve("spec.json");
    Files.writeString(spec, """
        {"name": "cli-hdfs", "training": {"totalTimesteps": 1000, "hyperparameters": {"bufferSize": 1000}},
         "evaluation": {"episodes": 10}}
        """);
    java.io.StringWriter out = new java.io.StringWriter();
    java.io.StringWriter err = new java.io.StringWriter();
    int code = org.crowdsweep.job.cli.SweepCli.run(new java.io.PrintWriter(out, true),
        new java.io.PrintWriter(err, true), "run", spec.toString(), "--out", hdfs + "/runs/cli/",
        "--model-cache", hdfs + "/cli-cache");
    assertEquals(0, code, err.toString());
    assertTrue(out.toString().contains("tables in " + hdfs + "/runs/cli (points/: 1 rows)"), out.toString());
    Storage run = Storage.of(hdfs + "/runs/cli");
    assertTrue(run.readString("run.json").contains("\"points_done\": 1"));
    assertFalse(run.isFile("run.lock"), "the lock is released");

    java.io.StringWriter err2 = new java.io.StringWriter();
    int bad = org.crowdsweep.job.cli.SweepCli.run(new java.io.PrintWriter(new java.io.StringWriter(), true),
        new java.io.PrintWriter(err2, true), "run", spec.toString(), "--out", "hdfs:runs");
    assertEquals(2, bad);
    assertEquals("sweep: --out: not an absolute directory URI: hdfs:runs", err2.toString().strip());
  }

  @Test
  void publishedModels_onHdfs_giveTheTutorialNumbers() throws Exception {
    Path reference = Path.of(SweepJobTest.reference());
    String name = "paper-exps_cheating_qa3-0.1_rep0.9";
    org.apache.hadoop.fs.FileSystem fs = dfs.getFileSystem();
    fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(reference.resolve(name).toUri()),
        new org.apache.hadoop.fs.Path("/exp/" + name));
    String json = Files.readString(Path.of("../sweep-specs/specs/tutorial.json"));
    SweepJob.Outcome o = SweepJob.run(spark,
        new SweepJob.Settings(json, hdfs + "/runs/tutorial", hdfs + "/tutorial-cache", hdfs + "/exp"), null);
    assertEquals(2, o.done());
    Row baseline = spark.read().option("recursiveFileLookup", "true").parquet(hdfs + "/runs/tutorial/points")
        .collectAsList().stream().filter(r -> r.getAs("label").equals("baseline")).findFirst().orElseThrow();
    assertEquals(85.39, (Double) baseline.getAs("answer_actions"));
    assertEquals(0.21880928415930798, (Double) baseline.getAs("tg0_share_tutorial"));
  }

  @Test
  void locations_localPathsAndFileUris_areLocal_badUrisAreRefused() {
    assertTrue(Storage.of("runs/x").isLocal());
    assertEquals(Path.of("runs/x").toAbsolutePath().normalize().toString(), Storage.of("runs/./x").location());
    assertEquals("/tmp/x", Storage.of("file:///tmp/x").location());
    assertEquals("not an absolute directory URI: hdfs:runs",
        assertThrows(IllegalArgumentException.class, () -> Storage.of("hdfs:runs")).getMessage());
    assertEquals("not a URI: s3a://bucket/a b (Illegal character in path)",
        assertThrows(IllegalArgumentException.class, () -> Storage.of("s3a://bucket/a b")).getMessage());
  }
}
