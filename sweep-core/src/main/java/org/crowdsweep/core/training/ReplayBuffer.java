package org.crowdsweep.core.training;

import org.crowdsweep.core.rng.NumpyRandom;

/**
 * A uniform replay buffer: a ring of primitive arrays (observations as float32, as sb3 stores them), overwritten
 * oldest first once full; samples uniformly with replacement from an injected generator.
 */
public final class ReplayBuffer {
  private final int capacity;
  private final int obsSize;
  private final float[] obs;
  private final float[] nextObs;
  private final int[] actions;
  private final float[] rewards;
  private final boolean[] dones;
  private int position;
  private boolean full;

  /** An empty buffer for {@code capacity} transitions of observations of length {@code obsSize}. */
  public ReplayBuffer(int capacity, int obsSize) {
    if (capacity < 1) {
      throw new IllegalArgumentException("buffer_size: must be > 0, found " + capacity);
    }
    this.capacity = capacity;
    this.obsSize = obsSize;
    this.obs = new float[Math.multiplyExact(capacity, obsSize)];
    this.nextObs = new float[Math.multiplyExact(capacity, obsSize)];
    this.actions = new int[capacity];
    this.rewards = new float[capacity];
    this.dones = new boolean[capacity];
  }

  /** The heap a buffer of this size takes: two float observations, an int action, a float reward, a done flag each. */
  public static long bytes(int capacity, int obsSize) {
    return (long) capacity * (2L * Float.BYTES * obsSize + Integer.BYTES + Float.BYTES + 1);
  }

  /** Stores one transition; the next observation is the terminal one when {@code done}. */
  public void add(double[] observation, int action, double reward, double[] nextObservation, boolean done) {
    int base = position * obsSize;
    for (int i = 0; i < obsSize; i++) {
      obs[base + i] = (float) observation[i];
      nextObs[base + i] = (float) nextObservation[i];
    }
    actions[position] = action;
    rewards[position] = (float) reward;
    dones[position] = done;
    position++;
    if (position == capacity) {
      position = 0;
      full = true;
    }
  }

  /** The number of transitions stored. */
  public int size() {
    return full ? capacity : position;
  }

  /** Draws {@code batch} indices uniformly with replacement into {@code out}. */
  public void sampleIndices(NumpyRandom rng, int[] out) {
    int size = size();
    if (size == 0) {
      throw new IllegalStateException("sample from an empty replay buffer");
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = (int) rng.integers(size);
    }
  }

  float[] observations() {
    return obs;
  }

  float[] nextObservations() {
    return nextObs;
  }

  int action(int index) {
    return actions[index];
  }

  float reward(int index) {
    return rewards[index];
  }

  boolean done(int index) {
    return dones[index];
  }
}
