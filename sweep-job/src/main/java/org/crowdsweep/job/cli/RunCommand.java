package org.crowdsweep.job.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.crowdsweep.core.io.PyJson;
import org.crowdsweep.core.io.Sha256;
import org.crowdsweep.job.run.RunLock;
import org.crowdsweep.job.run.Storage;
import org.crowdsweep.job.run.SweepJob;
import org.crowdsweep.specs.Expansion;
import org.crowdsweep.specs.Plan;
import org.crowdsweep.specs.Point;
import org.crowdsweep.specs.SpecException;
import org.crowdsweep.specs.SpecReader;
import org.crowdsweep.specs.SpecValidator;
import org.crowdsweep.specs.SweepSpec.EffectSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sweep run SPEC}: the sweep on Spark (local mode by default), with resume, tables and an effect table. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a sweep on Spark: trains the models its points need (cached by training key), evaluates every point,",
      "writes Parquet tables and run.json, and prints the effect table. Local mode by default; rerunning resumes."
    })
final class RunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SPEC", description = "The spec file (JSON).")
  Path specFile;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Run directory: a path or a Hadoop URI such as hdfs://nn:8020/runs/x (default: runs/<spec name>).")
  String out;

  @Option(
      names = "--master",
      description = "Spark master (default: the one spark-submit set, else local[*]).")
  String master;

  @Option(
      names = "--model-cache",
      paramLabel = "DIR",
      description = "Model cache: a path or a Hadoop URI (default: runs/model-cache).")
  String modelCache;

  @Option(
      names = "--published-models",
      paramLabel = "DIR",
      description = "The original repository's exp/ folder: a path or a Hadoop URI (or set "
          + "CROWDSWEEP_PUBLISHED_MODELS).")
  String publishedModels;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    String json;
    Plan plan;
    try {
      json = Files.readString(specFile, StandardCharsets.UTF_8);
      plan = Expansion.expand(SpecReader.parse(json));
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("SPEC: no such spec file " + specFile);
    } catch (SpecException e) {
      return ValidateCommand.report(stderr, specFile, e);
    }
    Storage runDir = location("--out", out != null ? out : Paths.get("runs", plan.spec().name()).toString());
    String cache = location("--model-cache", modelCache != null ? modelCache : Paths.get("runs", "model-cache")
        .toString()).location();
    String published = publishedModels == null ? null : location("--published-models", publishedModels).location();
    SweepJob.Settings settings = new SweepJob.Settings(json, runDir.location(), cache, published);
    Instant started = Instant.now();
    boolean existed = runDir.isDirectory("");
    boolean finished = false;
    try (RunLock lock = RunLock.acquire(runDir)) {
      checkCompatible(runDir, plan);
      String chosen = master != null ? master : System.getProperty("spark.master", "local[*]");
      SparkSession.Builder builder = SparkSession.builder().appName("crowdsweep " + plan.spec().name()).master(chosen);
      if (System.getProperty("spark.ui.enabled") == null) {
        builder.config("spark.ui.enabled", "false");
      }
      // The points table is wide (every metric with its interval): no warning about truncated plan strings.
      builder.config("spark.sql.debug.maxToStringFields", "10000");
      if (chosen.startsWith("local")) {
        builder.config("spark.driver.bindAddress", "127.0.0.1").config("spark.driver.host", "127.0.0.1");
      }
      boolean ownSession = SparkSession.getDefaultSession().isEmpty();
      SparkSession spark = builder.getOrCreate();
      try {
        spark.sparkContext().setLogLevel("WARN");
        SweepJob.Outcome outcome = SweepJob.run(spark, settings, stderr);
        // The files carry point_id themselves: no partition inference from the point_id=… directories.
        List<Row> rows = List.of();
        if (runDir.isDirectory("points")) {
          Dataset<Row> points =
              spark.read().option("recursiveFileLookup", "true").parquet(runDir.resolve("points"));
          rows = points.collectAsList();
        }
        writeRunJson(runDir, plan, json, spark, started, outcome, rows.size());
        stdout.printf(
            Locale.ROOT,
            "%s: %d points (%d skipped as done, %d done now, %d failed), %d model(s) trained, %.1f s%n"
                + "tables in %s (points/: %d rows)%n",
            plan.spec().name(), outcome.points(), outcome.skipped(), outcome.done(), outcome.failed(),
            outcome.trained(), outcome.seconds(), runDir, rows.size());
        printPoints(stdout, plan, rows);
        printEffects(stdout, plan, rows);
        stdout.flush();
        finished = true;
        return outcome.failed() > 0 ? 1 : 0;
      } finally {
        if (ownSession) {
          spark.close();
        }
      }
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } finally {
      if (!finished && !existed && runDir.list("").isEmpty()) {
        runDir.delete(""); // refused before any work: leave no empty run directory behind
      }
    }
  }

  /** The storage of a location option, or a one-line error naming the option. */
  static Storage location(String option, String value) {
    try {
      return Storage.of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage());
    }
  }

  /**
   * A rerun into a directory of another spec, or of a changed spec that no longer has some of the points already
   * there, would mix results: refused. A changed spec that only adds points computes just the new ones.
   */
  static void checkCompatible(Storage runDir, Plan plan) throws java.io.IOException {
    if (runDir.isFile("run.json")) {
      Map<String, Object> previous = PyJson.parseObject(runDir.readString("run.json"));
      Object name = previous.get("spec_name");
      if (name != null && !name.equals(plan.spec().name())) {
        throw new IllegalArgumentException(
            "--out " + runDir + ": holds a run of spec '" + name + "', not '" + plan.spec().name()
                + "'; results would mix (use another directory)");
      }
    }
    java.util.Set<String> ids = new java.util.HashSet<>();
    plan.points().forEach(p -> ids.add(p.id()));
    List<String> stale = runDir.list("points").stream()
        .filter(n -> n.startsWith("point_id="))
        .map(n -> n.substring("point_id=".length()))
        .filter(id -> !ids.contains(id))
        .sorted()
        .toList();
    if (!stale.isEmpty()) {
      throw new IllegalArgumentException(
          "--out " + runDir + ": holds " + stale.size() + " point(s) the spec no longer has (e.g. " + stale.get(0)
              + "); the tables would mix two studies (use another directory, or remove those points)");
    }
  }

  private static void writeRunJson(
      Storage runDir, Plan plan, String json, SparkSession spark, Instant started, SweepJob.Outcome o, int rows) {
    Map<String, Object> run = new LinkedHashMap<>();
    run.put("spec_name", plan.spec().name());
    run.put("spec", PyJson.parse(json));
    run.put("spec_sha256", Sha256.hex(json));
    run.putAll(Provenance.base());
    run.put("spark_version", spark.version());
    run.put("application_id", spark.sparkContext().applicationId());
    run.put("master", spark.sparkContext().master());
    run.put("started_at", started.toString());
    run.put("finished_at", Instant.now().toString());
    run.put("points", (long) o.points());
    run.put("points_skipped", (long) o.skipped());
    run.put("points_done", (long) o.done());
    run.put("points_failed", (long) o.failed());
    run.put("models_trained", (long) o.trained());
    run.put("point_rows", (long) rows);
    runDir.writeString("run.json", PyJson.write(run) + "\n");
  }

  /** The points with a few headline metrics, means as Python prints them (so published numbers read exactly). */
  static void printPoints(PrintWriter out, Plan plan, List<Row> rows) {
    List<String> metrics = List.of("answer_actions", "tg0_answers_tutorial", "tg0_share_tutorial", "negligent_share",
        "return");
    Map<String, String> labels = new HashMap<>();
    int width = 5;
    for (Point p : plan.points()) {
      labels.put(p.id(), p.label());
      width = Math.max(width, p.label().length());
    }
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%n%-" + width + "s %-6s", "point", "seed"));
    for (String m : metrics) {
      header.append(String.format(Locale.ROOT, " %-22s", m));
    }
    out.println(header);
    List<Row> sorted = new ArrayList<>(rows);
    Map<String, Integer> order = new HashMap<>();
    for (Point p : plan.points()) {
      order.put(p.id(), p.index());
    }
    sorted.sort(java.util.Comparator.comparing((Row r) -> order.getOrDefault((String) r.getAs("point_id"), -1))
        .thenComparing(r -> (Long) r.getAs("evaluation_seed")));
    for (Row r : sorted) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-" + width + "s %-6s",
          labels.getOrDefault((String) r.getAs("point_id"), r.getAs("label")), r.getAs("evaluation_seed")));
      for (String m : metrics) {
        Double v = r.getAs(m);
        line.append(String.format(Locale.ROOT, " %-22s", v == null ? "-" : PyJson.floatRepr(v)));
      }
      out.println(line);
    }
  }

  /** The effect table: baseline and manipulated means of each metric, their difference with a 95% interval. */
  static void printEffects(PrintWriter out, Plan plan, List<Row> rows) {
    if (plan.spec().effects().isEmpty()) {
      return;
    }
    Map<String, List<Row>> byPoint = new HashMap<>();
    for (Row r : rows) {
      byPoint.computeIfAbsent(r.getAs("point_id"), k -> new ArrayList<>()).add(r);
    }
    out.printf(Locale.ROOT, "%n%-10s %-22s %-14s %-14s %-26s %-9s %-9s%n", "effect", "metric", "baseline",
        "manipulated", "difference [95% CI]", "expected", "observed");
    for (EffectSpec e : plan.spec().effects()) {
      List<Point> base = SpecValidator.select(e.baseline(), plan);
      for (Map<String, Object> sel : e.manipulated()) {
        List<Point> manip = SpecValidator.select(sel, plan);
        for (String metric : e.metrics()) {
          double[] b = pooled(base, byPoint, metric);
          double[] m = pooled(manip, byPoint, metric);
          if (Double.isNaN(b[0]) || Double.isNaN(m[0])) {
            out.printf(Locale.ROOT, "%-10s %-22s (points missing)%n", e.name(), metric);
            continue;
          }
          double diff = m[0] - b[0];
          double half = Math.sqrt(b[1] * b[1] + m[1] * m[1]);
          String observed = diff - half > 0 ? "up" : diff + half < 0 ? "down" : "none";
          boolean judged = metric.equals(e.metrics().get(0)); // the expected direction is stated for the first metric
          out.printf(Locale.ROOT, "%-10s %-22s %-14.6g %-14.6g %+-9.4g [%+.4g, %+.4g] %-9s %-9s%s%n", e.name(), metric,
              b[0], m[0], diff, diff - half, diff + half, judged ? e.expected() : "-", observed,
              judged ? (observed.equals(e.expected()) ? "  as expected" : "  NOT as expected") : "");
        }
      }
    }
  }

  /** The mean over points and evaluation seeds, and the half-width of its 95% interval. */
  private static double[] pooled(List<Point> points, Map<String, List<Row>> byPoint, String metric) {
    double sum = 0;
    double var = 0;
    int n = 0;
    for (Point p : points) {
      for (Row r : byPoint.getOrDefault(p.id(), List.of())) {
        Double mean = r.getAs(metric);
        Double low = r.getAs(metric + "_ci_low");
        Double high = r.getAs(metric + "_ci_high");
        if (mean == null || mean.isNaN()) {
          continue;
        }
        double h = (low == null || high == null || low.isNaN()) ? 0 : (high - low) / 2;
        sum += mean;
        var += h * h;
        n++;
      }
    }
    return n == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {sum / n, Math.sqrt(var) / n};
  }
}
