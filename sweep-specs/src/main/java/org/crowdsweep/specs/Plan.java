package org.crowdsweep.specs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A spec expanded: its points, the distinct trainings they need, and how much work that is.
 *
 * @param spec the spec
 * @param points the points in expansion order
 * @param trainings training key → the first point that needs it (its world, settings and seed define the model)
 * @param evaluations the number of evaluations (points × evaluation seeds)
 * @param trainingSteps environment steps to train all distinct models
 * @param evaluationEpisodes episodes to evaluate all points
 */
public record Plan(
    SweepSpec spec,
    List<Point> points,
    Map<String, Point> trainings,
    int evaluations,
    long trainingSteps,
    long evaluationEpisodes) {
  /** Mean steps per evaluation episode of the published qa3-0.1 model (92,669 over 1000 episodes), for estimates. */
  public static final double STEPS_PER_EPISODE = 92.669;

  public Plan {
    points = List.copyOf(points);
    trainings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(trainings));
  }

  /** An estimate of the environment steps of all evaluations. */
  public long evaluationStepsEstimate() {
    return Math.round(evaluationEpisodes * STEPS_PER_EPISODE);
  }
}
