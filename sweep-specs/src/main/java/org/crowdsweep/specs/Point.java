package org.crowdsweep.specs;

import java.util.List;
import java.util.Map;
import org.crowdsweep.core.evaluation.SeedingMode;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.training.QrDqnSettings;

/**
 * One point of a sweep, fully resolved.
 *
 * @param index position in the expansion order
 * @param id stable id: the first 16 hex digits of SHA-256 of the point's canonical JSON
 * @param label readable name, e.g. {@code qaModeProb=0.2,seed=1}
 * @param pointLabel the label of the explicit point it comes from ("" when the spec has none)
 * @param settings what distinguishes this point: the explicit point's and the axes' settings, path → value
 * @param world the point's world (the training world when trained)
 * @param evaluationWorld the world the agent is evaluated in
 * @param agent where the agent comes from
 * @param training the training settings (null when loaded)
 * @param trainingSeed the training seed (-1 when loaded)
 * @param trainingKey the hash of exactly what determines the trained model (null when loaded)
 * @param episodes episodes per evaluation
 * @param evaluationSeeds one evaluation per seed
 * @param seeding the seeding mode of the evaluations
 * @param canonicalJson the canonical JSON the id is the hash of
 */
public record Point(
    int index,
    String id,
    String label,
    String pointLabel,
    Map<String, Object> settings,
    World world,
    World evaluationWorld,
    SweepSpec.AgentSpec agent,
    QrDqnSettings training,
    long trainingSeed,
    String trainingKey,
    int episodes,
    List<Long> evaluationSeeds,
    SeedingMode seeding,
    String canonicalJson) {
  public Point {
    settings = SweepSpec.copy(settings);
    evaluationSeeds = List.copyOf(evaluationSeeds);
  }

  /** Whether the agent of this point is trained. */
  public boolean trains() {
    return trainingKey != null;
  }
}
