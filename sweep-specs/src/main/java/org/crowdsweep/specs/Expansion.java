package org.crowdsweep.specs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crowdsweep.core.evaluation.SeedingMode;
import org.crowdsweep.core.io.DistributionText;
import org.crowdsweep.core.io.ExperimentDirectory;
import org.crowdsweep.core.io.PyJson;
import org.crowdsweep.core.io.Sha256;
import org.crowdsweep.core.platform.TaskGiverDistribution;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.training.ModelDirectory;
import org.crowdsweep.core.training.QrDqnSettings;
import org.crowdsweep.specs.SweepSpec.AgentSpec;
import org.crowdsweep.specs.SweepSpec.AxisSpec;
import org.crowdsweep.specs.SweepSpec.PointSpec;

/**
 * Expands a spec into points, deterministically: explicit points (or the base alone) in order, times the grid of the
 * axes (first axis outermost; axes of one zip group advance together), times the training seeds of trained points.
 *
 * <p>A point's id is the hash of its canonical JSON (sorted keys: agent, evaluation, evaluation world, training,
 * world); its training key is the hash of exactly what determines the trained model (trainer version, training world,
 * hyperparameters but the log interval, seed), so points that differ only in evaluation share one model.
 */
public final class Expansion {
  /** The trainer version that enters every training key; bump it when the trainer's results change. */
  public static final String TRAINER_VERSION = "crowdsweep-qrdqn/1";

  private Expansion() {}

  /** Validates and expands; throws {@link SpecException} with every error. */
  public static Plan expand(SweepSpec spec) {
    SpecValidator.Checked checked = SpecValidator.check(spec);
    if (!checked.errors().isEmpty()) {
      throw new SpecException(checked.errors());
    }
    return checked.plan();
  }

  /** The number of points the spec expands to, without building them. */
  static long count(SweepSpec spec) {
    long n = Math.max(1, spec.points().size());
    for (List<Integer> dim : dimensions(spec.axes())) {
      n = Math.multiplyExact(n, spec.axes().get(dim.get(0)).values().size());
    }
    boolean seedSwept = spec.axes().stream().anyMatch(a -> "training.seed".equals(a.path()));
    boolean anyTrains =
        spec.points().isEmpty()
            ? spec.agent().trains()
            : spec.points().stream().anyMatch(p -> (p.agent() != null ? p.agent() : spec.agent()).trains());
    if (anyTrains && !seedSwept) {
      n = Math.multiplyExact(n, spec.training().seeds().size());
    }
    return n;
  }

  /** Groups axis indices: each zip group is one dimension, every other axis its own, in first-appearance order. */
  static List<List<Integer>> dimensions(List<AxisSpec> axes) {
    List<List<Integer>> dims = new ArrayList<>();
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < axes.size(); i++) {
      String zip = axes.get(i).zip();
      if (zip == null) {
        dims.add(List.of(i));
      } else if (groups.containsKey(zip)) {
        groups.get(zip).add(i);
      } else {
        List<Integer> g = new ArrayList<>();
        g.add(i);
        groups.put(zip, g);
        dims.add(g);
      }
    }
    return dims;
  }

  static Plan expandUnchecked(SweepSpec spec, List<SpecError> errors) {
    Draft base = new Draft();
    applyAll(base, spec.base(), "base", errors);
    for (Map.Entry<String, Object> e : spec.training().hyperparameters().entrySet()) {
      Settings.apply(base, "training." + e.getKey(), e.getValue());
    }
    List<PointSpec> explicit =
        spec.points().isEmpty() ? List.of(new PointSpec("", Map.of(), null, Map.of())) : spec.points();
    List<List<Integer>> dims = dimensions(spec.axes());
    List<Point> points = new ArrayList<>();
    Map<String, Point> trainings = new LinkedHashMap<>();
    Map<String, Integer> seenIds = new LinkedHashMap<>();
    boolean seedSwept = spec.axes().stream().anyMatch(a -> "training.seed".equals(a.path()));
    for (int p = 0; p < explicit.size(); p++) {
      PointSpec ps = explicit.get(p);
      String where = spec.points().isEmpty() ? "base" : "points[" + p + "]";
      int[] counters = new int[dims.size()];
      while (true) {
        Draft d = base.copy();
        Map<String, Object> settings = new LinkedHashMap<>();
        List<String> labelParts = new ArrayList<>();
        if (!ps.label().isEmpty()) {
          labelParts.add(ps.label());
        }
        boolean ok = applyAll(d, ps.set(), where + ".set", errors);
        settings.putAll(ps.set());
        for (int di = 0; di < dims.size(); di++) {
          for (int ai : dims.get(di)) {
            AxisSpec axis = spec.axes().get(ai);
            Object value = axis.values().get(counters[di]);
            String err = Settings.apply(d, axis.path(), value);
            if (err != null) {
              errors.add(
                  new SpecError(
                      "axes[" + ai + "].values[" + counters[di] + "] (" + axis.path() + ") with " + where, err));
              ok = false;
            }
            settings.put(axis.path(), value);
            labelParts.add(Settings.shortName(axis.path()) + "=" + labelValue(value));
          }
        }
        AgentSpec agent = ps.agent() != null ? ps.agent() : spec.agent();
        if (ok) {
          Draft ev = d.copy();
          ok &= applyAll(ev, spec.evaluation().world(), "evaluation.world", errors);
          ok &= applyAll(ev, ps.evaluationWorld(), where + ".evaluationWorld", errors);
          if (ok) {
            List<Long> seeds =
                !agent.trains() ? List.of(-1L) : d.trainingSeed != null ? List.of(d.trainingSeed) : spec.training().seeds();
            for (long seed : seeds) {
              List<String> parts = new ArrayList<>(labelParts);
              if (agent.trains() && !seedSwept && spec.training().seeds().size() > 1) {
                parts.add("seed=" + seed);
              }
              Map<String, Object> pointSettings = new LinkedHashMap<>(settings);
              if (agent.trains() && !seedSwept && spec.training().seeds().size() > 1) {
                pointSettings.put("training.seed", seed);
              }
              Point point = point(spec, points.size(), String.join(",", parts), ps.label(), pointSettings, d, ev,
                  agent, seed);
              Integer before = seenIds.putIfAbsent(point.id(), point.index());
              if (before != null) {
                errors.add(new SpecError(where, "point '" + point.label() + "' is identical to point '"
                    + points.get(before).label() + "' (same settings, agent and evaluation)"));
                continue;
              }
              points.add(point);
              if (point.trains()) {
                trainings.putIfAbsent(point.trainingKey(), point);
              }
            }
          }
        }
        int k = dims.size() - 1;
        while (k >= 0) {
          counters[k]++;
          if (counters[k] < spec.axes().get(dims.get(k).get(0)).values().size()) {
            break;
          }
          counters[k] = 0;
          k--;
        }
        if (k < 0) {
          break;
        }
      }
    }
    int evaluations = 0;
    long episodes = 0;
    long trainingSteps = 0;
    for (Point pt : points) {
      evaluations += pt.evaluationSeeds().size();
      episodes += (long) pt.evaluationSeeds().size() * pt.episodes();
    }
    for (Point pt : trainings.values()) {
      trainingSteps += pt.training().totalTimesteps();
    }
    return new Plan(spec, points, trainings, evaluations, trainingSteps, episodes);
  }

  /** Applies settings, the task-giver count first; returns whether all were accepted. */
  static boolean applyAll(Draft d, Map<String, Object> settings, String where, List<SpecError> errors) {
    boolean ok = true;
    List<String> order = new ArrayList<>();
    if (settings.containsKey("taskGivers")) {
      order.add("taskGivers");
    }
    for (String k : settings.keySet()) {
      if (!k.equals("taskGivers")) {
        order.add(k);
      }
    }
    for (String path : order) {
      String err = Settings.apply(d, path, settings.get(path));
      if (err != null) {
        errors.add(new SpecError(where + " (" + path + ")", err));
        ok = false;
      }
    }
    return ok;
  }

  private static String labelValue(Object v) {
    if (v instanceof Map<?, ?> m && m.size() == 1 && m.get("beta") instanceof List<?> ab && ab.size() == 2) {
      return "beta(" + Values.show(ab.get(0)) + "," + Values.show(ab.get(1)) + ")";
    }
    if (v instanceof Map<?, ?> m && m.size() == 1 && m.containsKey("fixed") && !(m.get("fixed") instanceof Map)) {
      return "fixed(" + Values.show(m.get("fixed")) + ")";
    }
    if (v instanceof String s) {
      return s;
    }
    return Values.show(v).replace(" ", "");
  }

  private static Point point(
      SweepSpec spec,
      int index,
      String label,
      String pointLabel,
      Map<String, Object> settings,
      Draft d,
      Draft ev,
      AgentSpec agent,
      long seed) {
    World world = d.world();
    World evaluationWorld = ev.world();
    QrDqnSettings training = agent.trains() ? d.training() : null;
    Map<String, Object> canonical = new LinkedHashMap<>();
    canonical.put("agent", agent.toString());
    Map<String, Object> evaluation = new LinkedHashMap<>();
    evaluation.put("episodes", (long) spec.evaluation().episodes());
    evaluation.put("seeds", new ArrayList<Object>(spec.evaluation().seeds()));
    evaluation.put("seeding", spec.evaluation().seeding());
    canonical.put("evaluation", evaluation);
    canonical.put("evaluationWorld", worldJson(evaluationWorld));
    String trainingKey = null;
    if (training != null) {
      Map<String, Object> t = new LinkedHashMap<>(ModelDirectory.hyperparameters(training));
      t.remove("log_interval");
      t.put("seed", seed);
      canonical.put("training", t);
      Map<String, Object> key = new LinkedHashMap<>();
      key.put("trainer", TRAINER_VERSION);
      key.put("world", worldJson(world));
      key.put("training", t);
      trainingKey = Sha256.shortHex(PyJson.write(key));
    }
    canonical.put("world", worldJson(world));
    String json = PyJson.write(canonical);
    return new Point(
        index,
        Sha256.shortHex(json),
        label.isEmpty() ? "base" : label,
        pointLabel,
        settings,
        world,
        evaluationWorld,
        agent,
        training,
        agent.trains() ? seed : -1,
        trainingKey,
        spec.evaluation().episodes(),
        spec.evaluation().seeds(),
        spec.evaluation().seeding().equals("tutorial") ? SeedingMode.TUTORIAL : SeedingMode.PER_EPISODE,
        json);
  }

  /** A world as canonical JSON values: the original files' fields and distribution lines. */
  public static Map<String, Object> worldJson(World world) {
    ExperimentDirectory dir = ExperimentDirectory.of(world, Map.of());
    Map<String, Object> w = new LinkedHashMap<>();
    w.put("anti_cheat_settings", new LinkedHashMap<>(dir.antiCheatSettings()));
    List<Object> givers = new ArrayList<>();
    for (TaskGiverDistribution g : world.taskGivers()) {
      givers.add(DistributionText.format(g));
    }
    w.put("task_givers", givers);
    w.put("user_properties", new LinkedHashMap<>(dir.userProperties()));
    return w;
  }

}
