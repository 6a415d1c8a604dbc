package org.crowdsweep.core.training;

import java.util.List;
import org.crowdsweep.core.agent.QuantileNetwork;

/**
 * What a training produced.
 *
 * @param online the trained online network (the one that acts)
 * @param target the target network at the end
 * @param curve the training curve rows
 * @param totalTimesteps environment steps done
 * @param episodes training episodes finished
 * @param nUpdates gradient steps done
 * @param wallSeconds wall time of this process's part of the training
 * @param resumedAt the steps at which the training was resumed from a checkpoint (empty if never)
 * @param device the device the networks were computed on
 */
public record TrainingResult(
    QuantileNetwork online,
    QuantileNetwork target,
    List<TrainingRow> curve,
    long totalTimesteps,
    long episodes,
    long nUpdates,
    double wallSeconds,
    List<Long> resumedAt,
    String device) {
  public TrainingResult {
    curve = List.copyOf(curve);
    resumedAt = List.copyOf(resumedAt);
  }
}
