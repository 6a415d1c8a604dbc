/**
 * Workers as agents: the QR-DQN quantile network (Dabney et al., 2018, "Distributional Reinforcement Learning with
 * Quantile Regression"), its greedy policy, and the reader for sb3-contrib {@code model.save} files.
 *
 * <p>{@link org.crowdsweep.core.agent.QuantileNetwork} holds the weights of the MLP {@code 5K+4 → 64 → ReLU → 64 →
 * ReLU → (3+K)·N}; {@link org.crowdsweep.core.agent.GreedyQuantilePolicy} acts greedily on the mean over quantiles,
 * in pure Java; {@link org.crowdsweep.core.agent.Sb3ModelReader} loads the published models without Python.
 */
package org.crowdsweep.core.agent;
