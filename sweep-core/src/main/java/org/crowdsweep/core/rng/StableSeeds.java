package org.crowdsweep.core.rng;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Seeds derived from identities with a stable hash: the first 8 bytes of SHA-256 of a canonical text, as a
 * non-negative 63-bit number. The same identity gives the same seed on any machine and JVM; never {@code
 * hashCode()}.
 */
public final class StableSeeds {
  private StableSeeds() {}

  /** The seed for a canonical identity text. */
  public static long derive(String identity) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
      long v = 0;
      for (int i = 0; i < 8; i++) {
        v = (v << 8) | (digest[i] & 0xff);
      }
      return v >>> 1;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  /**
   * The seed of episode {@code index} of an evaluation with seed {@code evaluationSeed}: two evaluations with the same
   * seed see the same episode starts (common random numbers), and any episode can be replayed alone.
   */
  public static long episodeSeed(long evaluationSeed, long index) {
    return derive("crowdsweep/episode/v1|" + evaluationSeed + "|" + index);
  }
}
