package org.crowdsweep.specs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crowdsweep.core.io.PyJson;
import org.crowdsweep.specs.SweepSpec.AgentSpec;
import org.crowdsweep.specs.SweepSpec.AxisSpec;
import org.crowdsweep.specs.SweepSpec.EffectSpec;
import org.crowdsweep.specs.SweepSpec.EvaluationSpec;
import org.crowdsweep.specs.SweepSpec.PointSpec;
import org.crowdsweep.specs.SweepSpec.TrainingSpec;

/**
 * Reads a spec from JSON: checks its shape (known fields, types, range syntax), collecting every problem with its
 * JSON path, then runs {@link SpecValidator} on the result. Unknown fields are errors, with a "did you mean" when one
 * is close.
 */
public final class SpecReader {
  static final List<String> TOP =
      List.of("name", "description", "base", "agent", "training", "evaluation", "axes", "points", "effects", "limits",
          "comment", "$schema");
  static final List<String> TRAINING = List.of("hyperparameters", "seeds", "totalTimesteps");
  static final List<String> EVALUATION = List.of("episodes", "seeds", "seeding", "world");
  static final List<String> AXIS = List.of("path", "values", "range", "linspace", "logspace", "zip");
  static final List<String> RANGE = List.of("start", "stop", "step");
  static final List<String> SPACE = List.of("start", "stop", "count");
  static final List<String> POINT = List.of("label", "set", "agent", "evaluationWorld");
  static final List<String> EFFECT =
      List.of("name", "metric", "metrics", "baseline", "manipulated", "expected", "comment");
  static final List<String> AGENT = List.of("load");
  static final List<String> LIMITS = List.of("maxPoints");

  private final List<SpecError> errors = new ArrayList<>();

  private SpecReader() {}

  /** Reads and validates a spec file; throws {@link SpecException} with every error. */
  public static SweepSpec read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new SpecException(List.of(new SpecError("", "no such spec file " + file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spec " + file + ": " + e.getMessage(), e);
    }
    return parse(text);
  }

  /** Reads and validates a spec from JSON text. */
  public static SweepSpec parse(String json) {
    Object root;
    try {
      root = PyJson.parse(json);
    } catch (IllegalArgumentException e) {
      throw new SpecException(List.of(new SpecError("", e.getMessage())));
    }
    SpecReader r = new SpecReader();
    SweepSpec spec = r.spec(root);
    if (spec == null) {
      throw new SpecException(r.errors);
    }
    // Report the shape errors and the value errors of the parts that could be read, all together; a path the reader
    // already faulted is not reported twice.
    List<SpecError> all = new ArrayList<>(r.errors);
    java.util.Set<String> faulted = new java.util.HashSet<>();
    r.errors.forEach(e -> faulted.add(e.path()));
    for (SpecError e : SpecValidator.validate(spec)) {
      if (!faulted.contains(e.path())) {
        all.add(e);
      }
    }
    if (!all.isEmpty()) {
      throw new SpecException(all);
    }
    return spec;
  }

  private void error(String path, String message) {
    errors.add(new SpecError(path, message));
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(Object v, String path, List<String> known) {
    if (!(v instanceof Map)) {
      error(path, "must be an object, found " + Values.typeName(v));
      return null;
    }
    Map<String, Object> map = (Map<String, Object>) v;
    for (String key : map.keySet()) {
      if (!known.contains(key)) {
        error(join(path, key), "unknown field" + Values.didYouMean(key, known));
      }
    }
    return map;
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private String string(Object v, String path) {
    if (v instanceof String s) {
      return s;
    }
    error(path, "must be a string, found " + Values.typeName(v));
    return null;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> settings(Object v, String path) {
    if (v == null) {
      return Map.of();
    }
    if (!(v instanceof Map)) {
      error(path, "must be an object of settings (path: value), found " + Values.typeName(v));
      return Map.of();
    }
    return (Map<String, Object>) v;
  }

  private List<Long> seeds(Object v, String path, List<Long> fallback) {
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof List<?> list) || list.isEmpty()) {
      error(path, "must be a non-empty array of integers, found " + Values.show(v));
      return fallback;
    }
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Object s = list.get(i);
      if (!(s instanceof Long l) || l < 0) {
        error(path + "[" + i + "]", "must be an integer >= 0, found " + Values.show(s));
      } else if (out.contains(l)) {
        error(path + "[" + i + "]", "seed " + l + " is listed twice");
      } else {
        out.add(l);
      }
    }
    return out.isEmpty() ? fallback : out;
  }

  private AgentSpec agent(Object v, String path) {
    if (v == null) {
      return null;
    }
    if ("train".equals(v)) {
      return AgentSpec.TRAIN;
    }
    if (v instanceof Map<?, ?>) {
      Map<String, Object> m = object(v, path, AGENT);
      if (m != null && m.get("load") instanceof String s) {
        return AgentSpec.load(s);
      }
      if (m != null && !m.containsKey("load")) {
        error(path, "must be \"train\" or {\"load\": MODEL}, found " + Values.show(v));
      } else if (m != null) {
        error(path + ".load", "must be a string, found " + Values.typeName(m.get("load")));
      }
      return null;
    }
    error(path, "must be \"train\" or {\"load\": MODEL}, found " + Values.show(v));
    return null;
  }

  private SweepSpec spec(Object root) {
    if (!(root instanceof Map)) {
      error("", "a spec must be a JSON object, found " + Values.typeName(root));
      return null;
    }
    Map<String, Object> top = object(root, "", TOP);
    String name = top.containsKey("name") ? string(top.get("name"), "name") : null;
    if (!top.containsKey("name")) {
      error("name", "missing field");
    }
    String description = top.get("description") instanceof String s ? s : "";
    if (top.containsKey("description") && !(top.get("description") instanceof String)) {
      error("description", "must be a string, found " + Values.typeName(top.get("description")));
    }
    Map<String, Object> base = settings(top.get("base"), "base");
    AgentSpec agent = top.containsKey("agent") ? agent(top.get("agent"), "agent") : AgentSpec.TRAIN;
    if (agent == null) {
      agent = AgentSpec.TRAIN; // already reported; the rest is still checked
    }
    TrainingSpec training = training(top.get("training"));
    EvaluationSpec evaluation = evaluation(top.get("evaluation"));
    List<AxisSpec> axes = new ArrayList<>();
    if (top.containsKey("axes")) {
      if (top.get("axes") instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          AxisSpec a = axis(list.get(i), "axes[" + i + "]");
          if (a != null) {
            axes.add(a);
          }
        }
      } else {
        error("axes", "must be an array, found " + Values.typeName(top.get("axes")));
      }
    }
    List<PointSpec> points = new ArrayList<>();
    if (top.containsKey("points")) {
      if (top.get("points") instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          String path = "points[" + i + "]";
          Map<String, Object> p = object(list.get(i), path, POINT);
          if (p == null) {
            continue;
          }
          String label = p.containsKey("label") ? string(p.get("label"), path + ".label") : null;
          if (!p.containsKey("label")) {
            error(path + ".label", "missing field");
          }
          points.add(
              new PointSpec(
                  label,
                  settings(p.get("set"), path + ".set"),
                  agent(p.get("agent"), path + ".agent"),
                  settings(p.get("evaluationWorld"), path + ".evaluationWorld")));
        }
      } else {
        error("points", "must be an array, found " + Values.typeName(top.get("points")));
      }
    }
    List<EffectSpec> effects = new ArrayList<>();
    if (top.containsKey("effects")) {
      if (top.get("effects") instanceof List<?> list) {
        for (int i = 0; i < list.size(); i++) {
          EffectSpec e = effect(list.get(i), "effects[" + i + "]");
          if (e != null) {
            effects.add(e);
          }
        }
      } else {
        error("effects", "must be an array, found " + Values.typeName(top.get("effects")));
      }
    }
    int maxPoints = SweepSpec.DEFAULT_MAX_POINTS;
    if (top.containsKey("limits")) {
      Map<String, Object> limits = object(top.get("limits"), "limits", LIMITS);
      if (limits != null && limits.containsKey("maxPoints")) {
        Object m = limits.get("maxPoints");
        if (m instanceof Long l && l >= 1 && l <= Integer.MAX_VALUE) {
          maxPoints = (int) (long) l;
        } else {
          error("limits.maxPoints", "must be an integer >= 1, found " + Values.show(m));
        }
      }
    }
    return new SweepSpec(name, description, base, agent, training, evaluation, axes, points, effects, maxPoints);
  }

  private TrainingSpec training(Object v) {
    if (v == null) {
      return TrainingSpec.DEFAULTS;
    }
    Map<String, Object> t = object(v, "training", TRAINING);
    if (t == null) {
      return TrainingSpec.DEFAULTS;
    }
    Map<String, Object> hyper = new LinkedHashMap<>();
    if (t.containsKey("hyperparameters")) {
      Map<String, Object> h =
          object(t.get("hyperparameters"), "training.hyperparameters", new ArrayList<>(Settings.HYPERPARAMETERS.keySet()));
      if (h != null) {
        for (Map.Entry<String, Object> e : h.entrySet()) {
          if (Settings.HYPERPARAMETERS.containsKey(e.getKey())) {
            hyper.put(e.getKey(), e.getValue());
          }
        }
      }
    }
    if (t.containsKey("totalTimesteps")) {
      hyper.put("totalTimesteps", t.get("totalTimesteps"));
    }
    return new TrainingSpec(hyper, seeds(t.get("seeds"), "training.seeds", List.of(12345L)));
  }

  private EvaluationSpec evaluation(Object v) {
    if (v == null) {
      return EvaluationSpec.DEFAULTS;
    }
    Map<String, Object> e = object(v, "evaluation", EVALUATION);
    if (e == null) {
      return EvaluationSpec.DEFAULTS;
    }
    int episodes = 1000;
    if (e.containsKey("episodes")) {
      Object ep = e.get("episodes");
      if (ep instanceof Long l && l >= 1 && l <= 10_000_000) {
        episodes = (int) (long) l;
      } else {
        error("evaluation.episodes", "must be an integer in [1, 10000000], found " + Values.show(ep));
      }
    }
    String seeding = "per-episode";
    if (e.containsKey("seeding")) {
      Object s = e.get("seeding");
      if ("per-episode".equals(s) || "tutorial".equals(s)) {
        seeding = (String) s;
      } else {
        error("evaluation.seeding", "must be \"per-episode\" or \"tutorial\", found " + Values.show(s));
      }
    }
    return new EvaluationSpec(
        episodes, seeds(e.get("seeds"), "evaluation.seeds", List.of(98765L)), seeding,
        settings(e.get("world"), "evaluation.world"));
  }

  private AxisSpec axis(Object v, String path) {
    Map<String, Object> a = object(v, path, AXIS);
    if (a == null) {
      return null;
    }
    String axisPath = a.containsKey("path") ? string(a.get("path"), path + ".path") : null;
    if (!a.containsKey("path")) {
      error(path + ".path", "missing field");
    }
    String zip = null;
    if (a.containsKey("zip")) {
      zip = string(a.get("zip"), path + ".zip");
    }
    List<String> given = new ArrayList<>();
    for (String k : List.of("values", "range", "linspace", "logspace")) {
      if (a.containsKey(k)) {
        given.add(k);
      }
    }
    if (given.size() != 1) {
      error(path, "must have exactly one of values, range, linspace, logspace, found " + (given.isEmpty() ? "none" : String.join(", ", given)));
      return null;
    }
    String kind = given.get(0);
    List<Object> values = new ArrayList<>();
    switch (kind) {
      case "values" -> {
        if (a.get("values") instanceof List<?> list && !list.isEmpty()) {
          values.addAll(list);
        } else {
          error(path + ".values", "must be a non-empty array, found " + Values.show(a.get("values")));
          return null;
        }
      }
      case "range" -> {
        Map<String, Object> r = object(a.get("range"), path + ".range", RANGE);
        if (r == null || !numbers(r, path + ".range", RANGE)) {
          return null;
        }
        double start = Values.asDouble(r.get("start"));
        double stop = Values.asDouble(r.get("stop"));
        double step = Values.asDouble(r.get("step"));
        if (!(step > 0)) {
          error(path + ".range.step", "must be > 0, found " + Values.show(r.get("step")));
          return null;
        }
        if (stop < start) {
          error(path + ".range.stop", "must be >= start, found " + Values.show(r.get("stop")));
          return null;
        }
        long n = (long) Math.floor((stop - start) / step + 1e-9) + 1;
        if (n > 1_000_000) {
          error(path + ".range", "gives " + n + " values, more than 1000000");
          return null;
        }
        boolean ints = r.get("start") instanceof Long && r.get("step") instanceof Long;
        for (long i = 0; i < n; i++) {
          if (ints) {
            values.add((Long) r.get("start") + i * (Long) r.get("step"));
          } else {
            values.add(round12(start + i * step));
          }
        }
      }
      default -> {
        Map<String, Object> s = object(a.get(kind), path + "." + kind, SPACE);
        if (s == null || !numbers(s, path + "." + kind, SPACE)) {
          return null;
        }
        Object c = s.get("count");
        if (!(c instanceof Long count) || count < 1 || count > 1_000_000) {
          error(path + "." + kind + ".count", "must be an integer in [1, 1000000], found " + Values.show(c));
          return null;
        }
        double start = Values.asDouble(s.get("start"));
        double stop = Values.asDouble(s.get("stop"));
        if (kind.equals("logspace") && (!(start > 0) || !(stop > 0))) {
          error(path + ".logspace", "start and stop must be > 0, found " + Values.show(s.get("start")) + " and "
              + Values.show(s.get("stop")));
          return null;
        }
        for (long i = 0; i < count; i++) {
          double t = count == 1 ? 0 : (double) i / (count - 1);
          double x =
              kind.equals("linspace")
                  ? start + (stop - start) * t
                  : Math.exp(Math.log(start) + (Math.log(stop) - Math.log(start)) * t);
          values.add(round12(x));
        }
      }
    }
    return new AxisSpec(axisPath, values, zip);
  }

  /** Rounds to 12 significant digits, so that 0.1 + 2·0.1 reads as 0.3 in labels and ids. */
  private static double round12(double x) {
    if (x == 0 || !Double.isFinite(x)) {
      return x;
    }
    return new java.math.BigDecimal(x).round(new java.math.MathContext(12)).doubleValue();
  }

  private boolean numbers(Map<String, Object> m, String path, List<String> keys) {
    boolean ok = true;
    for (String k : keys) {
      if (!m.containsKey(k)) {
        error(path + "." + k, "missing field");
        ok = false;
      } else if (!Values.isNumber(m.get(k)) || !Double.isFinite(Values.asDouble(m.get(k)))) {
        error(path + "." + k, "must be a number, found " + Values.show(m.get(k)));
        ok = false;
      }
    }
    return ok;
  }

  private EffectSpec effect(Object v, String path) {
    Map<String, Object> e = object(v, path, EFFECT);
    if (e == null) {
      return null;
    }
    String name = e.containsKey("name") ? string(e.get("name"), path + ".name") : null;
    if (!e.containsKey("name")) {
      error(path + ".name", "missing field");
    }
    List<String> metrics = new ArrayList<>();
    if (e.containsKey("metric") == e.containsKey("metrics")) {
      error(path, "must have exactly one of metric, metrics");
    } else if (e.containsKey("metric")) {
      String m = string(e.get("metric"), path + ".metric");
      if (m != null) {
        metrics.add(m);
      }
    } else if (e.get("metrics") instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        String m = string(list.get(i), path + ".metrics[" + i + "]");
        if (m != null) {
          metrics.add(m);
        }
      }
    } else {
      error(path + ".metrics", "must be a non-empty array of metric names, found " + Values.show(e.get("metrics")));
    }
    Map<String, Object> baseline = settings(e.get("baseline"), path + ".baseline");
    if (!e.containsKey("baseline")) {
      error(path + ".baseline", "missing field");
    }
    List<Map<String, Object>> manipulated = new ArrayList<>();
    if (e.get("manipulated") instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        manipulated.add(settings(list.get(i), path + ".manipulated[" + i + "]"));
      }
    } else {
      error(path + ".manipulated", "must be a non-empty array of selectors, found " + Values.show(e.get("manipulated")));
    }
    String expected = e.containsKey("expected") ? string(e.get("expected"), path + ".expected") : null;
    if (!e.containsKey("expected")) {
      error(path + ".expected", "missing field");
    }
    String comment = e.get("comment") instanceof String s ? s : "";
    return new EffectSpec(name, metrics, baseline, manipulated, expected, comment);
  }
}
