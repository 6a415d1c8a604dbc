package org.crowdsweep.job.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.crowdsweep.core.evaluation.EpisodeRecord;
import org.crowdsweep.core.evaluation.Estimate;
import org.crowdsweep.core.evaluation.EvaluationSettings;
import org.crowdsweep.core.evaluation.Evaluator;
import org.crowdsweep.core.evaluation.PointMetrics;
import org.crowdsweep.core.io.PyJson;
import org.crowdsweep.core.platform.World;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code sweep evaluate}: run a model for N episodes in a world and print the metric table. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates a model (an experiment directory or a model.save) over N episodes and prints every metric's mean,",
      "95% confidence interval and standard deviation. The tutorial's seeding is the default, so",
      "  sweep evaluate --model DIR --episodes 100 --seed 98765",
      "prints the tutorial's numbers."
    })
final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ModelOptions options;

  @Option(names = "--episodes", defaultValue = "1000", description = "Episodes (default: ${DEFAULT-VALUE}).")
  int episodes;

  @Option(names = "--format", defaultValue = "table", description = "table or csv (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    if (!format.equals("table") && !format.equals("csv")) {
      throw new IllegalArgumentException("--format: must be table or csv, found " + format);
    }
    if (episodes < 1) {
      throw new IllegalArgumentException("--episodes: must be >= 1, found " + episodes);
    }
    ModelOptions.Loaded loaded = options.load();
    ModelLocation location = loaded.location();
    World w = loaded.world();
    var policy = loaded.policy();
    EvaluationSettings settings = new EvaluationSettings(episodes, options.seed, loaded.mode());
    long start = System.nanoTime();
    List<EpisodeRecord> records = Evaluator.run(w, policy, settings);
    double seconds = (System.nanoTime() - start) / 1e9;
    PointMetrics metrics = PointMetrics.of(records, w.numTaskGivers());
    PrintWriter out = spec.commandLine().getOut();
    if (format.equals("csv")) {
      printCsv(out, metrics);
    } else {
      out.printf(
          Locale.ROOT,
          "model %s%nworld %s%s%nepisodes %d, seed %d, seeding %s, %.2f s%n%n",
          location.modelFile(),
          location.worldDir(),
          options.taskGiverChanges.isEmpty() ? "" : " with " + String.join(", ", options.taskGiverChanges),
          episodes,
          options.seed,
          settings.mode().name().toLowerCase(Locale.ROOT).replace('_', '-'),
          seconds);
      printTable(out, metrics);
    }
    out.flush();
    return 0;
  }

  static void printTable(PrintWriter out, PointMetrics metrics) {
    out.printf(Locale.ROOT, "%-28s %-22s %-41s %-10s %s%n", "metric", "mean", "95% CI", "sd", "n");
    for (Map.Entry<String, Estimate> e : metrics.metrics().entrySet()) {
      Estimate est = e.getValue();
      String ci =
          Double.isNaN(est.ciLow())
              ? "-"
              : String.format(Locale.ROOT, "[%.6g, %.6g]", est.ciLow(), est.ciHigh());
      out.printf(
          Locale.ROOT,
          "%-28s %-22s %-41s %-10s %d%n",
          e.getKey(),
          PyJson.floatRepr(est.mean()),
          ci,
          Double.isNaN(est.sd()) ? "-" : String.format(Locale.ROOT, "%.4g", est.sd()),
          est.n());
    }
  }

  static void printCsv(PrintWriter out, PointMetrics metrics) {
    out.println("metric,mean,ci_low,ci_high,sd,n");
    for (Map.Entry<String, Estimate> e : metrics.metrics().entrySet()) {
      Estimate est = e.getValue();
      out.println(
          String.join(
              ",",
              e.getKey(),
              PyJson.floatRepr(est.mean()),
              PyJson.floatRepr(est.ciLow()),
              PyJson.floatRepr(est.ciHigh()),
              PyJson.floatRepr(est.sd()),
              Integer.toString(est.n())));
    }
  }
}
