package org.crowdsweep.core.evaluation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.crowdsweep.core.platform.EndReason;

/**
 * The metrics of one evaluated point: per-episode quantities reduced to {@link Estimate}s, in a fixed order.
 *
 * <p>Names: {@code steps}, {@code answer_actions}, {@code valid_answers}, {@code diligent_answers}, {@code
 * negligent_answers}, {@code negligent_share} (over episodes with a valid answer), {@code invalid_actions}, {@code
 * switches}, {@code switches_away_from_active}, {@code quit_rate}, {@code timeout_rate}, {@code ended_blocked}, {@code
 * final_reputation}, {@code gold_passed}, {@code gold_failed}, {@code return}, {@code payout}, {@code time_used}, and
 * per task-giver g: {@code tg<g>_answers_tutorial}, {@code tg<g>_share_tutorial} (the tutorial's mean of per-episode
 * ratios; model-spec §8.1), {@code tg<g>_answers_clean}, {@code tg<g>_share_clean} (executed valid answers, credited to
 * the task answered). A share leaves out episodes whose denominator is 0 and reports how many entered it.
 *
 * @param episodes the number of episodes
 * @param numTaskGivers K
 * @param metrics name → estimate, in the order above
 */
public record PointMetrics(int episodes, int numTaskGivers, Map<String, Estimate> metrics) {

  public PointMetrics {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }

  /** Aggregates episode records. */
  public static PointMetrics of(List<EpisodeRecord> records, int numTaskGivers) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("records: must not be empty");
    }
    Map<String, Estimate> m = new LinkedHashMap<>();
    put(m, "steps", records, r -> r.steps());
    put(m, "answer_actions", records, r -> r.answerActions());
    put(m, "valid_answers", records, r -> r.validAnswers());
    put(m, "diligent_answers", records, r -> r.diligentAnswers());
    put(m, "negligent_answers", records, r -> r.negligentAnswers());
    m.put(
        "negligent_share",
        ratio(records, r -> r.negligentAnswers(), r -> r.validAnswers()));
    put(m, "invalid_actions", records, r -> r.invalidActions());
    put(m, "switches", records, r -> r.switchActions());
    put(m, "switches_away_from_active", records, r -> r.switchesAwayFromActive());
    put(m, "quit_rate", records, r -> r.endReason() == EndReason.USER_QUIT ? 1 : 0);
    put(m, "timeout_rate", records, r -> r.endReason() == EndReason.TIME_BUDGET ? 1 : 0);
    put(m, "ended_blocked", records, r -> r.endedBlocked() ? 1 : 0);
    put(m, "final_reputation", records, r -> r.finalReputation());
    put(m, "gold_passed", records, r -> r.goldPassed());
    put(m, "gold_failed", records, r -> r.goldFailed());
    put(m, "return", records, r -> r.episodeReturn());
    put(m, "payout", records, r -> r.payoutEarned());
    put(m, "time_used", records, r -> r.timeUsed());
    for (int g = 0; g < numTaskGivers; g++) {
      int giver = g;
      put(m, "tg" + g + "_answers_tutorial", records, r -> r.tutorialAnswers(giver));
      m.put("tg" + g + "_share_tutorial", ratio(records, r -> r.tutorialAnswers(giver), r -> r.answerActions()));
      put(m, "tg" + g + "_answers_clean", records, r -> r.cleanAnswers(giver));
      m.put("tg" + g + "_share_clean", ratio(records, r -> r.cleanAnswers(giver), r -> r.validAnswers()));
    }
    return new PointMetrics(records.size(), numTaskGivers, m);
  }

  private static void put(
      Map<String, Estimate> m, String name, List<EpisodeRecord> records, ToDoubleFunction<EpisodeRecord> f) {
    double[] values = new double[records.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = f.applyAsDouble(records.get(i));
    }
    m.put(name, Estimate.of(values));
  }

  private static Estimate ratio(
      List<EpisodeRecord> records, ToDoubleFunction<EpisodeRecord> num, ToDoubleFunction<EpisodeRecord> den) {
    List<Double> values = new ArrayList<>();
    for (EpisodeRecord r : records) {
      double d = den.applyAsDouble(r);
      if (d != 0) {
        values.add(num.applyAsDouble(r) / d);
      }
    }
    if (values.isEmpty()) {
      return new Estimate(Double.NaN, Double.NaN, 0, Double.NaN, Double.NaN);
    }
    double[] a = new double[values.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = values.get(i);
    }
    return Estimate.of(a);
  }

  /** The metric names for K task-givers, in table order. */
  public static List<String> names(int numTaskGivers) {
    List<String> names =
        new ArrayList<>(
            List.of(
                "steps", "answer_actions", "valid_answers", "diligent_answers", "negligent_answers",
                "negligent_share", "invalid_actions", "switches", "switches_away_from_active", "quit_rate",
                "timeout_rate", "ended_blocked", "final_reputation", "gold_passed", "gold_failed", "return", "payout",
                "time_used"));
    for (int g = 0; g < numTaskGivers; g++) {
      names.add("tg" + g + "_answers_tutorial");
      names.add("tg" + g + "_share_tutorial");
      names.add("tg" + g + "_answers_clean");
      names.add("tg" + g + "_share_clean");
    }
    return names;
  }

  /** The estimate of a metric; an unknown name is refused with the list of known ones. */
  public Estimate get(String name) {
    Estimate e = metrics.get(name);
    if (e == null) {
      throw new IllegalArgumentException("metric: unknown name '" + name + "', known: " + metrics.keySet());
    }
    return e;
  }

  /** The mean of a metric. */
  public double mean(String name) {
    return get(name).mean();
  }
}
