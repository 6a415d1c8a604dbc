package org.crowdsweep.core.rng;

import org.crowdsweep.core.io.Sha256;

/**
 * Seeds derived from identities with a stable hash: the first 8 bytes of SHA-256 of a canonical text, as a
 * non-negative 63-bit number. The same identity gives the same seed on any machine and JVM; never {@code
 * hashCode()}.
 */
public final class StableSeeds {
  private StableSeeds() {}

  /** The seed for a canonical identity text. */
  public static long derive(String identity) {
    byte[] digest = Sha256.digest(identity);
    long v = 0;
    for (int k = 0; k < 8; k++) {
      v = (v << 8) | (digest[k] & 0xff);
    }
    return v >>> 1;
  }


  /**
   * The seed of episode {@code index} of an evaluation with seed {@code evaluationSeed}: two evaluations with the same
   * seed see the same episode starts (common random numbers), and any episode can be replayed alone.
   */
  public static long episodeSeed(long evaluationSeed, long index) {
    return derive("crowdsweep/episode/v1|" + evaluationSeed + "|" + index);
  }
}
