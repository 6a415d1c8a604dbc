package org.crowdsweep.job.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.crowdsweep.core.io.PyJson;
import org.crowdsweep.specs.Expansion;
import org.crowdsweep.specs.Plan;
import org.crowdsweep.specs.Point;
import org.crowdsweep.specs.SpecException;
import org.crowdsweep.specs.SpecReader;
import org.crowdsweep.specs.SpecValidator;
import org.crowdsweep.specs.SweepSpec;
import org.crowdsweep.specs.SweepSpec.EffectSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sweep plan SPEC}: the points, the distinct trainings, the evaluations and the work, running nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = "Expands a spec and prints its points, distinct trainings, evaluations and an estimate of the work.")
final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SPEC", description = "The spec file (JSON).")
  Path specFile;

  @Option(names = "--json", description = "Print the plan as JSON.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Plan plan;
    try {
      plan = Expansion.expand(SpecReader.read(specFile));
    } catch (SpecException e) {
      return ValidateCommand.report(err, specFile, e);
    }
    if (json) {
      out.println(PyJson.write(toJson(plan)));
    } else {
      print(out, plan);
    }
    out.flush();
    return 0;
  }

  static Map<String, Object> toJson(Plan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", plan.spec().name());
    m.put("points_count", (long) plan.points().size());
    m.put("trainings", (long) plan.trainings().size());
    m.put("evaluations", (long) plan.evaluations());
    m.put("training_steps", plan.trainingSteps());
    m.put("evaluation_episodes", plan.evaluationEpisodes());
    m.put("evaluation_steps_estimate", plan.evaluationStepsEstimate());
    List<Object> points = new ArrayList<>();
    for (Point p : plan.points()) {
      Map<String, Object> pm = new LinkedHashMap<>();
      pm.put("index", (long) p.index());
      pm.put("id", p.id());
      pm.put("label", p.label());
      pm.put("settings", new LinkedHashMap<>(p.settings()));
      pm.put("agent", p.agent().toString());
      pm.put("training_key", p.trainingKey());
      pm.put("training_seed", p.trains() ? p.trainingSeed() : null);
      pm.put("training_steps", p.trains() ? p.training().totalTimesteps() : null);
      pm.put("evaluation_seeds", new ArrayList<Object>(p.evaluationSeeds()));
      pm.put("episodes", (long) p.episodes());
      points.add(pm);
    }
    m.put("points", points);
    return m;
  }

  static void print(PrintWriter out, Plan plan) {
    SweepSpec s = plan.spec();
    out.printf(
        Locale.ROOT,
        "spec %s: %d points, %d distinct trainings, %d evaluations (%d episodes each)%n",
        s.name(),
        plan.points().size(),
        plan.trainings().size(),
        plan.evaluations(),
        s.evaluation().episodes());
    out.printf(
        Locale.ROOT,
        "work: %,d environment steps to train; %,d episodes to evaluate (about %,d steps at %.1f steps per"
            + " episode)%n%n",
        plan.trainingSteps(),
        plan.evaluationEpisodes(),
        plan.evaluationStepsEstimate(),
        Plan.STEPS_PER_EPISODE);
    int labelWidth = 10;
    for (Point p : plan.points()) {
      labelWidth = Math.max(labelWidth, p.label().length());
    }
    String format = "%-4s %-16s %-" + labelWidth + "s  %-24s %-16s %s%n";
    out.printf(Locale.ROOT, format, "#", "point id", "label", "agent", "training key", "evaluation seeds");
    for (Point p : plan.points()) {
      out.printf(
          Locale.ROOT,
          format,
          p.index(),
          p.id(),
          p.label(),
          p.agent().trains() ? "train (seed " + p.trainingSeed() + ")" : p.agent().toString(),
          p.trains() ? p.trainingKey() : "-",
          p.evaluationSeeds());
    }
    if (!s.effects().isEmpty()) {
      out.println();
      for (EffectSpec e : s.effects()) {
        int manipulated = 0;
        for (Map<String, Object> sel : e.manipulated()) {
          manipulated += SpecValidator.select(sel, plan).size();
        }
        out.printf(
            Locale.ROOT,
            "effect %s: %s, expected %s; %d baseline point(s), %d manipulated point(s)%n",
            e.name(),
            String.join(", ", e.metrics()),
            e.expected(),
            SpecValidator.select(e.baseline(), plan).size(),
            manipulated);
      }
    }
  }
}
