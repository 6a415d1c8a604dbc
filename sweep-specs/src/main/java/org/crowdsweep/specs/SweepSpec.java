package org.crowdsweep.specs;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole study: a base world, where the agent comes from, training and evaluation settings, the axes and points to
 * sweep, and the effects to report. Built by {@link SpecReader} from JSON or directly in code; either way {@link
 * SpecValidator#validate} checks it, and {@link Expansion#expand} refuses an invalid one.
 *
 * @param name a short identifier ([A-Za-z0-9._-]+)
 * @param description free text
 * @param base settings applied to the published world, path → value (see {@link Settings})
 * @param agent where each point's agent comes from unless the point says otherwise
 * @param training hyperparameters and training seeds (replicates)
 * @param evaluation episodes, evaluation seeds, seeding mode, and evaluation-world changes
 * @param axes the swept settings; axes with the same zip group are paired, the rest form a grid
 * @param points explicit points (each a label and settings); the grid of the axes is applied to each
 * @param effects named comparisons for the effect tables
 * @param maxPoints the largest number of points the spec may expand to
 */
public record SweepSpec(
    String name,
    String description,
    Map<String, Object> base,
    AgentSpec agent,
    TrainingSpec training,
    EvaluationSpec evaluation,
    List<AxisSpec> axes,
    List<PointSpec> points,
    List<EffectSpec> effects,
    int maxPoints) {

  /** The default limit on the number of points. */
  public static final int DEFAULT_MAX_POINTS = 10_000;

  public SweepSpec {
    base = copy(base);
    axes = List.copyOf(axes);
    points = List.copyOf(points);
    effects = List.copyOf(effects);
  }

  static Map<String, Object> copy(Map<String, Object> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /**
   * Where an agent comes from: {@code train} in the point's world, or {@code load} a model ({@code published:qa3-0.1},
   * {@code published:qa3-0}, an experiment directory, a {@code model.save} or a crowdsweep model directory).
   *
   * @param source "train" or "load"
   * @param model the model to load (null when training)
   */
  public record AgentSpec(String source, String model) {
    /** Train in the point's world. */
    public static final AgentSpec TRAIN = new AgentSpec("train", null);

    /** Load a model. */
    public static AgentSpec load(String model) {
      return new AgentSpec("load", model);
    }

    /** Whether the agent is trained. */
    public boolean trains() {
      return "train".equals(source);
    }

    @Override
    public String toString() {
      return trains() ? "train" : "load " + model;
    }
  }

  /**
   * Training settings.
   *
   * @param hyperparameters name → value (camelCase names of {@link Settings#HYPERPARAMETERS}), on top of the paper's
   * @param seeds training seeds, one replicate each (default [12345], the paper's)
   */
  public record TrainingSpec(Map<String, Object> hyperparameters, List<Long> seeds) {
    public TrainingSpec {
      hyperparameters = copy(hyperparameters);
      seeds = List.copyOf(seeds);
    }

    /** The paper's settings and seed. */
    public static final TrainingSpec DEFAULTS = new TrainingSpec(Map.of(), List.of(12345L));
  }

  /**
   * Evaluation settings.
   *
   * @param episodes episodes per evaluation (default 1000, the paper's)
   * @param seeds evaluation seeds, one evaluation each (default [98765], the tutorial's)
   * @param seeding "per-episode" (default) or "tutorial"
   * @param world settings applied to a point's world for evaluation only (e.g. a worker trained without gold
   *     questions evaluated with them)
   */
  public record EvaluationSpec(int episodes, List<Long> seeds, String seeding, Map<String, Object> world) {
    public EvaluationSpec {
      seeds = List.copyOf(seeds);
      world = copy(world);
    }

    /** 1000 episodes, seed 98765, per-episode seeding. */
    public static final EvaluationSpec DEFAULTS = new EvaluationSpec(1000, List.of(98765L), "per-episode", Map.of());
  }

  /**
   * One swept setting.
   *
   * @param path the setting path
   * @param values the values, in order (ranges are already expanded)
   * @param zip the zip group, or null: axes of one group advance together
   */
  public record AxisSpec(String path, List<Object> values, String zip) {
    public AxisSpec {
      values = Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
  }

  /**
   * An explicit point.
   *
   * @param label its name in tables (unique)
   * @param set settings on top of the base, path → value
   * @param agent where its agent comes from (null: the spec's)
   * @param evaluationWorld settings for its evaluation world only, on top of the spec's
   */
  public record PointSpec(String label, Map<String, Object> set, AgentSpec agent, Map<String, Object> evaluationWorld) {
    public PointSpec {
      set = copy(set);
      evaluationWorld = copy(evaluationWorld);
    }
  }

  /**
   * A named comparison: the baseline points against each set of manipulated points, on some metrics.
   *
   * @param name e.g. "A1"
   * @param metrics metric names of {@code PointMetrics}
   * @param baseline a selector: the points whose settings or label match all its entries
   * @param manipulated one selector per manipulated condition
   * @param expected "up", "down" or "none": the direction the manipulation should move the first metric
   * @param comment why that direction is expected
   */
  public record EffectSpec(
      String name,
      List<String> metrics,
      Map<String, Object> baseline,
      List<Map<String, Object>> manipulated,
      String expected,
      String comment) {
    public EffectSpec {
      metrics = List.copyOf(metrics);
      baseline = copy(baseline);
      manipulated = manipulated.stream().map(SweepSpec::copy).toList();
    }
  }
}
