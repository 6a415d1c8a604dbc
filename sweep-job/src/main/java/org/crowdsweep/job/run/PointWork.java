package org.crowdsweep.job.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.crowdsweep.core.agent.GreedyQuantilePolicy;
import org.crowdsweep.core.agent.QuantileNetwork;
import org.crowdsweep.core.agent.Sb3ModelReader;
import org.crowdsweep.core.evaluation.EpisodeRecord;
import org.crowdsweep.core.evaluation.EvaluationSettings;
import org.crowdsweep.core.evaluation.Evaluator;
import org.crowdsweep.core.evaluation.PointMetrics;
import org.crowdsweep.core.io.ExperimentDirectory;
import org.crowdsweep.core.training.ModelDirectory;
import org.crowdsweep.specs.Point;
import org.crowdsweep.specs.PublishedModels;

/** The work of one point once its model exists: load the agent, evaluate it once per evaluation seed. */
public final class PointWork {
  private PointWork() {}

  /** One evaluation of a point: its seed, episode records and metrics. */
  public record Evaluation(long seed, List<EpisodeRecord> episodes, PointMetrics metrics) {}

  /** The acting network of a point: from the model cache when trained, else the loaded model. */
  public static QuantileNetwork network(Point point, ModelCache cache, PublishedModels published) {
    if (point.trains()) {
      if (!cache.contains(point.trainingKey())) {
        throw new IllegalStateException("model " + point.trainingKey() + " of point " + point.label()
            + " is not in the cache " + cache.location());
      }
      return ModelDirectory.readOnline(cache.entry(point.trainingKey()));
    }
    Path path = published.resolve(point.agent().model());
    if (Files.isDirectory(path)) {
      if (ModelDirectory.isModelDirectory(path)) {
        return ModelDirectory.readOnline(path);
      }
      return Sb3ModelReader.read(path.resolve(ExperimentDirectory.MODEL)).online();
    }
    return Sb3ModelReader.read(path).online();
  }

  /** Evaluates the point once per evaluation seed, in its evaluation world. */
  public static List<Evaluation> evaluate(Point point, QuantileNetwork network) {
    if (network.numActions() != point.evaluationWorld().numActions()) {
      throw new IllegalArgumentException(
          "point " + point.label() + ": the model acts for " + network.numTaskGivers() + " task-givers, the world has "
              + point.evaluationWorld().numTaskGivers());
    }
    GreedyQuantilePolicy policy = new GreedyQuantilePolicy(network);
    List<Evaluation> out = new ArrayList<>();
    for (long seed : point.evaluationSeeds()) {
      List<EpisodeRecord> records =
          Evaluator.run(
              point.evaluationWorld(), policy, new EvaluationSettings(point.episodes(), seed, point.seeding()));
      out.add(new Evaluation(seed, records, PointMetrics.of(records, point.evaluationWorld().numTaskGivers())));
    }
    return out;
  }
}
