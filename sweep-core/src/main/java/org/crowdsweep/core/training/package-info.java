/**
 * QR-DQN training (Dabney et al., 2018, "Distributional Reinforcement Learning with Quantile Regression") with the
 * semantics of sb3-contrib 1.4.0, which trained the published models (model-spec §4.1).
 *
 * <p>{@link org.crowdsweep.core.training.QrDqnSettings} holds every hyperparameter with the paper's defaults; {@link
 * org.crowdsweep.core.training.QrDqnTrainer} runs the loop (uniform random actions until {@code learning_starts},
 * then ε-greedy with sb3's linear schedule; one gradient step every 4 environment steps; hard target copy every
 * 10,000 steps); {@link org.crowdsweep.core.training.QuantileLearner} holds the online and target networks, computes
 * the quantile Huber loss gradient in O(N log N) per sample ({@link
 * org.crowdsweep.core.training.QuantileHuberLoss}) and applies torch's Adam; {@link
 * org.crowdsweep.core.training.ReplayBuffer} is a uniform ring buffer of primitive arrays. Every random stream is
 * injected.
 */
package org.crowdsweep.core.training;
