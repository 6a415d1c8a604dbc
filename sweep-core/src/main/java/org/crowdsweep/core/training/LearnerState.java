package org.crowdsweep.core.training;

import org.crowdsweep.core.agent.QuantileNetwork;

/**
 * A learner's complete state in torch's layout: the two networks, Adam's moments (as networks of the same shape) and
 * Adam's step count. Backends convert to and from their own layouts, so a checkpoint moves between them.
 *
 * @param online the online network
 * @param target the target network
 * @param adamM Adam's first moments
 * @param adamV Adam's second moments
 * @param adamStep Adam's step count
 */
public record LearnerState(
    QuantileNetwork online, QuantileNetwork target, QuantileNetwork adamM, QuantileNetwork adamV, long adamStep) {

  /** The six arrays of a network: w0, b0, w2, b2, w4, b4. */
  static float[][] arrays(QuantileNetwork n) {
    return new float[][] {n.w0(), n.b0(), n.w2(), n.b2(), n.w4(), n.b4()};
  }

  /** A network of the given shape with these six arrays. */
  static QuantileNetwork network(QuantileNetwork shape, float[][] a) {
    return new QuantileNetwork(
        shape.inputSize(), shape.hidden1(), shape.hidden2(), shape.numActions(), shape.numQuantiles(), a[0], a[1],
        a[2], a[3], a[4], a[5]);
  }
}
