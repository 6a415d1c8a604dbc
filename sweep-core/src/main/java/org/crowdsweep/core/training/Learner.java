package org.crowdsweep.core.training;

import org.crowdsweep.core.agent.QuantileNetwork;

/**
 * The networks of QR-DQN and their gradient step: the part of training that a backend implements. {@link
 * QuantileLearner} is plain Java (the fast CPU backend); {@link DjlQuantileLearner} runs on DJL's PyTorch engine, on
 * a GPU when one is given.
 */
public interface Learner extends AutoCloseable {
  /** The online network's greedy action for an observation. */
  int act(double[] observation);

  /** One gradient step on the transitions at {@code indices}; returns the loss (a non-finite loss changes nothing). */
  double trainStep(ReplayBuffer buffer, int[] indices);

  /** Copies the online network into the target network. */
  void syncTarget();

  /** Whether every online weight is finite. */
  boolean weightsFinite();

  /** The online network in torch's layout. */
  QuantileNetwork onlineNetwork();

  /** The target network in torch's layout. */
  QuantileNetwork targetNetwork();

  /** The complete optimiser state, in torch's layout for both backends. */
  LearnerState state();

  /** Restores a state taken from a learner of the same shape (either backend). */
  void restore(LearnerState state);

  /** The device the learner computes on, e.g. "cpu" or "gpu(0)". */
  String device();

  @Override
  default void close() {}
}
