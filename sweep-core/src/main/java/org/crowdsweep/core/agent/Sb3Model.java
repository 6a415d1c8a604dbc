package org.crowdsweep.core.agent;

import java.util.Map;

/**
 * A QR-DQN model as saved by sb3-contrib ({@code model.save}): the online and target quantile networks and the
 * readable hyperparameters of its {@code data} entry.
 *
 * @param online the network that acts ({@code quantile_net})
 * @param target the target network ({@code quantile_net_target})
 * @param hyperparameters the plain (not cloudpickled) values of {@code data}: learning_rate, gamma, n_quantiles,
 *     num_timesteps, … as Python values
 * @param sb3Version the {@code _stable_baselines3_version} entry, or null
 * @param systemInfo the {@code system_info.txt} entry, or null
 */
public record Sb3Model(
    QuantileNetwork online,
    QuantileNetwork target,
    Map<String, Object> hyperparameters,
    String sb3Version,
    String systemInfo) {

  public Sb3Model {
    hyperparameters = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(hyperparameters));
  }

  /** The greedy policy of the online network. */
  public GreedyQuantilePolicy policy() {
    return new GreedyQuantilePolicy(online);
  }
}
