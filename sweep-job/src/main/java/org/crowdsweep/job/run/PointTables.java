package org.crowdsweep.job.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.crowdsweep.core.evaluation.EpisodeRecord;
import org.crowdsweep.core.evaluation.Estimate;
import org.crowdsweep.core.evaluation.PointMetrics;
import org.crowdsweep.core.io.PyJson;
import org.crowdsweep.specs.Plan;
import org.crowdsweep.specs.Point;

/**
 * The per-point Parquet files of a run: {@code points/point_id=<id>/part-0.parquet} (one row per evaluation seed:
 * ids, label, every swept setting as its own column, keys, seeds, every metric's mean, interval, sd and n) and {@code
 * episodes/point_id=<id>/part-0.parquet} (one row per episode). The columns are the same for every point of a plan
 * (the union of its settings and metrics), so the files union into one table. Each file is written under a temporary
 * name and renamed, so a retried task replaces rather than adds, and readers never see half a file.
 */
public final class PointTables {
  private final MessageType pointSchema;
  private final MessageType episodeSchema;
  private final List<String> settingColumns;
  private final Map<String, String> settingNames;
  private final Set<String> numericSettings;
  private final List<String> metrics;

  /** Schemas for the points of a plan. */
  public PointTables(Plan plan) {
    Map<String, String> names = new LinkedHashMap<>();
    Set<String> numeric = new LinkedHashSet<>();
    Set<String> nonNumeric = new LinkedHashSet<>();
    int k = 1;
    for (Point p : plan.points()) {
      k = Math.max(k, p.evaluationWorld().numTaskGivers());
      for (Map.Entry<String, Object> e : p.settings().entrySet()) {
        names.putIfAbsent(e.getKey(), "set_" + e.getKey().replaceAll("[^A-Za-z0-9]+", "_").replaceAll("_$", ""));
        if (e.getValue() instanceof Number) {
          numeric.add(e.getKey());
        } else {
          nonNumeric.add(e.getKey());
        }
      }
    }
    numeric.removeAll(nonNumeric);
    this.settingNames = names;
    this.settingColumns = new ArrayList<>(names.keySet());
    this.numericSettings = numeric;
    this.metrics = PointMetrics.names(k);
    Types.MessageTypeBuilder b = Types.buildMessage();
    string(b, "point_id", true);
    string(b, "label", true);
    string(b, "spec", true);
    string(b, "agent", true);
    string(b, "training_key", false);
    b.required(PrimitiveTypeName.INT64).named("training_seed");
    b.required(PrimitiveTypeName.INT64).named("evaluation_seed");
    b.required(PrimitiveTypeName.INT32).named("episodes");
    string(b, "seeding", true);
    for (String path : settingColumns) {
      if (numeric.contains(path)) {
        b.optional(PrimitiveTypeName.DOUBLE).named(names.get(path));
      } else {
        string(b, names.get(path), false);
      }
    }
    for (String m : metrics) {
      for (String suffix : List.of("", "_ci_low", "_ci_high", "_sd")) {
        b.optional(PrimitiveTypeName.DOUBLE).named(m + suffix);
      }
      b.optional(PrimitiveTypeName.INT32).named(m + "_n");
    }
    this.pointSchema = b.named("point");
    Types.MessageTypeBuilder e = Types.buildMessage();
    string(e, "point_id", true);
    e.required(PrimitiveTypeName.INT64).named("evaluation_seed");
    e.required(PrimitiveTypeName.INT32).named("episode");
    e.required(PrimitiveTypeName.INT64).named("episode_seed");
    for (String c : List.of("steps", "answer_actions", "diligent_answers", "negligent_answers", "invalid_actions",
        "switches", "switches_away_from_active", "gold_passed", "gold_failed")) {
      e.required(PrimitiveTypeName.INT32).named(c);
    }
    string(e, "end_reason", true);
    e.required(PrimitiveTypeName.BOOLEAN).named("ended_blocked");
    for (String c : List.of("final_reputation", "return", "payout", "time_used")) {
      e.required(PrimitiveTypeName.DOUBLE).named(c);
    }
    for (int g = 0; g < k; g++) {
      e.optional(PrimitiveTypeName.INT32).named("tg" + g + "_answers_tutorial");
      e.optional(PrimitiveTypeName.INT32).named("tg" + g + "_answers_clean");
    }
    this.episodeSchema = e.named("episode");
  }

  private static void string(Types.MessageTypeBuilder b, String name, boolean required) {
    (required ? b.required(PrimitiveTypeName.BINARY) : b.optional(PrimitiveTypeName.BINARY))
        .as(LogicalTypeAnnotation.stringType())
        .named(name);
  }

  /** The file of a point in a table ({@code points} or {@code episodes}), relative to the run directory. */
  public static String file(String table, String pointId) {
    return table + "/point_id=" + pointId + "/part-0.parquet";
  }

  /** Writes the point's two files (episodes first, so a point file means the point is complete). */
  public void write(Storage runDir, String specName, Point p, List<PointWork.Evaluation> evaluations) {
    List<Group> episodeRows = new ArrayList<>();
    SimpleGroupFactory ef = new SimpleGroupFactory(episodeSchema);
    for (PointWork.Evaluation ev : evaluations) {
      for (EpisodeRecord r : ev.episodes()) {
        Group g = ef.newGroup()
            .append("point_id", p.id())
            .append("evaluation_seed", ev.seed())
            .append("episode", r.index())
            .append("episode_seed", r.seed())
            .append("steps", r.steps())
            .append("answer_actions", r.answerActions())
            .append("diligent_answers", r.diligentAnswers())
            .append("negligent_answers", r.negligentAnswers())
            .append("invalid_actions", r.invalidActions())
            .append("switches", r.switchActions())
            .append("switches_away_from_active", r.switchesAwayFromActive())
            .append("gold_passed", r.goldPassed())
            .append("gold_failed", r.goldFailed())
            .append("end_reason", r.endReason().originalName())
            .append("ended_blocked", r.endedBlocked())
            .append("final_reputation", r.finalReputation())
            .append("return", r.episodeReturn())
            .append("payout", r.payoutEarned())
            .append("time_used", r.timeUsed());
        int[] tut = r.tutorialAnswersPerGiver();
        int[] clean = r.cleanAnswersPerGiver();
        for (int i = 0; i < tut.length; i++) {
          g.append("tg" + i + "_answers_tutorial", tut[i]);
          g.append("tg" + i + "_answers_clean", clean[i]);
        }
        episodeRows.add(g);
      }
    }
    runDir.writeParquet(file("episodes", p.id()), episodeSchema, episodeRows);
    List<Group> pointRows = new ArrayList<>();
    SimpleGroupFactory pf = new SimpleGroupFactory(pointSchema);
    for (PointWork.Evaluation ev : evaluations) {
      Group g = pf.newGroup()
          .append("point_id", p.id())
          .append("label", p.label())
          .append("spec", specName)
          .append("agent", p.agent().toString())
          .append("training_seed", p.trainingSeed())
          .append("evaluation_seed", ev.seed())
          .append("episodes", p.episodes())
          .append("seeding", p.seeding().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
      if (p.trainingKey() != null) {
        g.append("training_key", p.trainingKey());
      }
      for (String path : settingColumns) {
        Object v = p.settings().get(path);
        if (v == null) {
          continue;
        }
        if (numericSettings.contains(path)) {
          g.append(settingNames.get(path), ((Number) v).doubleValue());
        } else {
          g.append(settingNames.get(path), v instanceof String s ? s : PyJson.write(v).replaceAll("\\s+", ""));
        }
      }
      for (Map.Entry<String, Estimate> m : ev.metrics().metrics().entrySet()) {
        Estimate est = m.getValue();
        g.append(m.getKey(), est.mean());
        g.append(m.getKey() + "_ci_low", est.ciLow());
        g.append(m.getKey() + "_ci_high", est.ciHigh());
        g.append(m.getKey() + "_sd", est.sd());
        g.append(m.getKey() + "_n", est.n());
      }
      pointRows.add(g);
    }
    runDir.writeParquet(file("points", p.id()), pointSchema, pointRows);
  }

  /** The schema of {@code trainings/key=<key>/part-0.parquet}: one row per row of the training curve. */
  private static final MessageType TRAINING_SCHEMA = trainingSchema();

  private static MessageType trainingSchema() {
    Types.MessageTypeBuilder b = Types.buildMessage();
    string(b, "training_key", true);
    string(b, "device", false);
    string(b, "commit", false);
    b.required(PrimitiveTypeName.INT64).named("training_seed");
    b.required(PrimitiveTypeName.INT64).named("budget_timesteps");
    b.optional(PrimitiveTypeName.DOUBLE).named("wall_seconds");
    for (String c : List.of("episodes", "total_timesteps", "n_updates", "fps", "time_elapsed")) {
      b.required(PrimitiveTypeName.INT64).named(c);
    }
    for (String c : List.of("ep_rew_mean", "ep_len_mean", "exploration_rate", "learning_rate")) {
      b.required(PrimitiveTypeName.DOUBLE).named(c);
    }
    b.optional(PrimitiveTypeName.DOUBLE).named("loss");
    return b.named("training");
  }

  /** The file of a training in {@code trainings/}, relative to the run directory. */
  public static String trainingFile(String key) {
    return "trainings/key=" + key + "/part-0.parquet";
  }

  /** Writes a training's summary and curve from its model directory in the cache. */
  public static void writeTraining(Storage runDir, String key, Path modelDir) {
    try {
      Map<String, Object> model = PyJson.parseObject(Files.readString(modelDir.resolve("model.json")));
      Map<String, Object> prov = PyJson.parseObject(Files.readString(modelDir.resolve("provenance.json")));
      List<String> lines = Files.readAllLines(modelDir.resolve("progress.csv"));
      SimpleGroupFactory f = new SimpleGroupFactory(TRAINING_SCHEMA);
      List<Group> rows = new ArrayList<>();
      List<String> curve = new ArrayList<>(lines.subList(1, lines.size()));
      if (curve.isEmpty()) {
        // Fewer episodes than one log interval: one summary row from model.json, curve values unknown.
        curve.add(model.get("episodes") + ",NaN,NaN,NaN,," + model.get("n_updates") + ",NaN,0,0,"
            + model.get("num_timesteps"));
      }
      for (String line : curve) {
        String[] c = line.split(",", -1);
        Group g = f.newGroup()
            .append("training_key", key)
            .append("training_seed", ((Number) model.get("seed")).longValue())
            .append("budget_timesteps", ((Number) ((Map<?, ?>) model.get("hyperparameters")).get("total_timesteps"))
                .longValue())
            .append("episodes", Long.parseLong(c[0]))
            .append("ep_rew_mean", Double.parseDouble(c[1]))
            .append("ep_len_mean", Double.parseDouble(c[2]))
            .append("exploration_rate", Double.parseDouble(c[3]))
            .append("n_updates", Long.parseLong(c[5]))
            .append("learning_rate", Double.parseDouble(c[6]))
            .append("fps", Long.parseLong(c[7]))
            .append("time_elapsed", Long.parseLong(c[8]))
            .append("total_timesteps", Long.parseLong(c[9]));
        if (!c[4].isEmpty()) {
          g.append("loss", Double.parseDouble(c[4]));
        }
        if (prov.get("device") instanceof String d) {
          g.append("device", d);
        }
        if (prov.get("commit") instanceof String commit) {
          g.append("commit", commit);
        }
        if (prov.get("wall_seconds") instanceof Number w) {
          g.append("wall_seconds", w.doubleValue());
        }
        rows.add(g);
      }
      runDir.writeParquet(trainingFile(key), TRAINING_SCHEMA, rows);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot summarise training " + key + " from " + modelDir + ": " + e.getMessage(), e);
    }
  }
}
