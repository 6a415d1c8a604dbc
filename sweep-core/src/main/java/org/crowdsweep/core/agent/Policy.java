package org.crowdsweep.core.agent;

/** Chooses an action from a raw observation. Implementations may keep scratch buffers: one instance per thread. */
public interface Policy {
  /** The action for this observation (length 5K+4, raw values as the platform produces them). */
  int act(double[] observation);
}
