package org.crowdsweep.specs;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.crowdsweep.core.evaluation.PointMetrics;
import org.crowdsweep.specs.SweepSpec.AgentSpec;
import org.crowdsweep.specs.SweepSpec.AxisSpec;
import org.crowdsweep.specs.SweepSpec.EffectSpec;
import org.crowdsweep.specs.SweepSpec.PointSpec;

/**
 * The semantic checks of a spec, the same for specs read from JSON and specs built in code: every value range-checked
 * through {@link Settings}, zip groups of equal length, unique labels, a point count within the limit, effects that
 * name known metrics and select existing points. Returns every error, each with its JSON path.
 */
public final class SpecValidator {
  /** Published models by name. */
  public static final List<String> PUBLISHED = List.of("published:qa3-0.1", "published:qa3-0");

  private SpecValidator() {}

  /** Every problem of the spec (empty when it is valid). */
  public static List<SpecError> validate(SweepSpec spec) {
    return check(spec).errors();
  }

  /**
   * The outcome of checking a spec: its errors, and the plan that checking it expanded (null when the spec failed
   * before its expansion).
   */
  record Checked(List<SpecError> errors, Plan plan) {}

  /** Checks the spec; a valid spec's plan comes with it, so it is expanded only once. */
  static Checked check(SweepSpec spec) {
    List<SpecError> errors = new ArrayList<>();
    if (spec.name() == null || !spec.name().matches("[A-Za-z0-9._-]+")) {
      errors.add(new SpecError("name", "must match [A-Za-z0-9._-]+, found " + Values.show(spec.name())));
    }
    Draft base = new Draft();
    Expansion.applyAll(base, spec.base(), "base", errors);
    for (Map.Entry<String, Object> e : spec.training().hyperparameters().entrySet()) {
      String where = e.getKey().equals("totalTimesteps") ? "training.totalTimesteps" : "training.hyperparameters." + e.getKey();
      String err = Settings.apply(base, "training." + e.getKey(), e.getValue());
      if (err != null) {
        errors.add(new SpecError(where, err));
      }
    }
    agent(spec.agent(), "agent", errors);
    Expansion.applyAll(base.copy(), spec.evaluation().world(), "evaluation.world", errors);
    Map<String, Integer> zipSizes = new HashMap<>();
    Map<String, Integer> zipFirst = new HashMap<>();
    for (int i = 0; i < spec.axes().size(); i++) {
      AxisSpec a = spec.axes().get(i);
      if (a.path() == null) {
        continue;
      }
      for (int j = 0; j < a.values().size(); j++) {
        String err = Settings.apply(base.copy(), a.path(), a.values().get(j));
        if (err != null) {
          errors.add(new SpecError("axes[" + i + "].values[" + j + "] (" + a.path() + ")", err));
          if (err.startsWith("unknown setting path")) {
            break;
          }
        }
      }
      if (a.zip() != null) {
        Integer size = zipSizes.putIfAbsent(a.zip(), a.values().size());
        zipFirst.putIfAbsent(a.zip(), i);
        if (size != null && size != a.values().size()) {
          errors.add(
              new SpecError(
                  "axes[" + i + "].values",
                  "zip group '" + a.zip() + "' needs " + size + " values like axes[" + zipFirst.get(a.zip())
                      + "], found " + a.values().size()));
        }
      }
    }
    Set<String> labels = new HashSet<>();
    for (int i = 0; i < spec.points().size(); i++) {
      PointSpec p = spec.points().get(i);
      String where = "points[" + i + "]";
      if (p.label() == null || p.label().isBlank()) {
        errors.add(new SpecError(where + ".label", "must be a non-empty string, found " + Values.show(p.label())));
      } else if (!labels.add(p.label())) {
        errors.add(new SpecError(where + ".label", "must be unique, found \"" + p.label() + "\" twice"));
      }
      Draft d = base.copy();
      Expansion.applyAll(d, p.set(), where + ".set", errors);
      if (p.agent() != null) {
        agent(p.agent(), where + ".agent", errors);
      }
      Expansion.applyAll(d.copy(), p.evaluationWorld(), where + ".evaluationWorld", errors);
    }
    if (!errors.isEmpty()) {
      return new Checked(errors, null);
    }
    long count;
    try {
      count = Expansion.count(spec);
    } catch (ArithmeticException e) {
      count = Long.MAX_VALUE;
    }
    if (count > spec.maxPoints()) {
      errors.add(
          new SpecError(
              "axes",
              "the spec expands to " + (count == Long.MAX_VALUE ? "more than 2^63" : Long.toString(count))
                  + " points, more than the limit of " + spec.maxPoints() + " (raise limits.maxPoints to allow it)"));
      return new Checked(errors, null);
    }
    Plan plan = Expansion.expandUnchecked(spec, errors);
    if (!errors.isEmpty()) {
      return new Checked(errors, null);
    }
    effects(spec, plan, errors);
    return new Checked(errors, plan);
  }

  private static void agent(AgentSpec agent, String where, List<SpecError> errors) {
    if (agent == null) {
      return;
    }
    if (!agent.trains()) {
      String model = agent.model();
      if (model == null || model.isBlank()) {
        errors.add(new SpecError(where + ".load", "must name a model, found " + Values.show(model)));
      } else if (model.startsWith("published:") && !PUBLISHED.contains(model)) {
        errors.add(
            new SpecError(
                where + ".load",
                "unknown published model " + Values.show(model) + Values.didYouMean(model, PUBLISHED)
                    + "; known: " + String.join(", ", PUBLISHED)));
      }
    }
  }

  private static void effects(SweepSpec spec, Plan plan, List<SpecError> errors) {
    Set<String> names = new HashSet<>();
    int k = plan.points().isEmpty() ? 5 : plan.points().get(0).world().numTaskGivers();
    List<String> metrics = PointMetrics.names(k);
    for (int i = 0; i < spec.effects().size(); i++) {
      EffectSpec e = spec.effects().get(i);
      String where = "effects[" + i + "]";
      if (e.name() != null && !names.add(e.name())) {
        errors.add(new SpecError(where + ".name", "must be unique, found \"" + e.name() + "\" twice"));
      }
      for (int m = 0; m < e.metrics().size(); m++) {
        String metric = e.metrics().get(m);
        if (!metrics.contains(metric)) {
          errors.add(
              new SpecError(
                  where + (e.metrics().size() == 1 ? ".metric" : ".metrics[" + m + "]"),
                  "unknown metric " + Values.show(metric) + Values.didYouMean(metric, metrics)));
        }
      }
      if (e.expected() != null && !List.of("up", "down", "none").contains(e.expected())) {
        errors.add(
            new SpecError(where + ".expected", "must be \"up\", \"down\" or \"none\", found " + Values.show(e.expected())));
      }
      selector(e.baseline(), plan, where + ".baseline", errors);
      for (int m = 0; m < e.manipulated().size(); m++) {
        selector(e.manipulated().get(m), plan, where + ".manipulated[" + m + "]", errors);
      }
    }
  }

  private static void selector(Map<String, Object> selector, Plan plan, String where, List<SpecError> errors) {
    if (selector.isEmpty()) {
      errors.add(new SpecError(where, "must select points with at least one setting or a label"));
      return;
    }
    if (select(selector, plan).isEmpty()) {
      errors.add(new SpecError(where, "matches no point (" + Values.show(selector) + ")"));
    }
  }

  /** The points whose label or settings match every entry of the selector. */
  public static List<Point> select(Map<String, Object> selector, Plan plan) {
    List<Point> out = new ArrayList<>();
    for (Point p : plan.points()) {
      boolean all = true;
      for (Map.Entry<String, Object> e : selector.entrySet()) {
        if (e.getKey().equals("label")) {
          all &= e.getValue().equals(p.pointLabel()) || e.getValue().equals(p.label());
        } else {
          all &= p.settings().containsKey(e.getKey()) && same(p.settings().get(e.getKey()), e.getValue());
        }
      }
      if (all) {
        out.add(p);
      }
    }
    return out;
  }

  static boolean same(Object a, Object b) {
    if (Values.isNumber(a) && Values.isNumber(b)) {
      return Values.asDouble(a) == Values.asDouble(b);
    }
    return Values.show(a).equals(Values.show(b));
  }
}
