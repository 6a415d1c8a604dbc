package org.crowdsweep.core.rng;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * numpy's {@code SeedSequence} (O'Neill's seed_seq hash, pool of four 32-bit words), restricted to what {@code
 * default_rng(seed)} needs: a non-negative integer seed and no spawn key.
 *
 * <p>All arithmetic is on unsigned 32-bit words held in {@code int}s; Java's wrapping {@code int} multiplication is
 * exactly numpy's {@code uint32} arithmetic.
 */
public final class SeedSequence {
  private static final int INIT_A = 0x43b0d7e5;
  private static final int MULT_A = 0x931e8875;
  private static final int INIT_B = 0x8b51f9dd;
  private static final int MULT_B = 0x58f38ded;
  private static final int MIX_MULT_L = 0xca01f9dd;
  private static final int MIX_MULT_R = 0x4973f715;
  private static final int XSHIFT = 16;
  private static final int POOL_SIZE = 4;

  private final int[] pool;

  private SeedSequence(int[] pool) {
    this.pool = pool;
  }

  /** The sequence for {@code SeedSequence(seed)}; the seed must be a non-negative integer. */
  public static SeedSequence of(long seed) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed: must be >= 0, found " + seed);
    }
    return of(BigInteger.valueOf(seed));
  }

  /** The sequence for an arbitrarily large non-negative integer seed (numpy splits it into 32-bit words). */
  public static SeedSequence of(BigInteger seed) {
    if (seed.signum() < 0) {
      throw new IllegalArgumentException("seed: must be >= 0, found " + seed);
    }
    return new SeedSequence(mixEntropy(toWords(seed)));
  }

  /** The 32-bit words of a non-negative integer, least significant first; zero is one word. */
  static int[] toWords(BigInteger value) {
    int n = Math.max(1, (value.bitLength() + 31) / 32);
    int[] words = new int[n];
    for (int i = 0; i < n; i++) {
      words[i] = value.shiftRight(32 * i).intValue();
    }
    return words;
  }

  private static int[] mixEntropy(int[] entropy) {
    int[] mixer = new int[POOL_SIZE];
    int[] hashConst = {INIT_A};
    for (int i = 0; i < POOL_SIZE; i++) {
      mixer[i] = hashmix(i < entropy.length ? entropy[i] : 0, hashConst);
    }
    for (int src = 0; src < POOL_SIZE; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        if (src != dst) {
          mixer[dst] = mix(mixer[dst], hashmix(mixer[src], hashConst));
        }
      }
    }
    for (int src = POOL_SIZE; src < entropy.length; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        mixer[dst] = mix(mixer[dst], hashmix(entropy[src], hashConst));
      }
    }
    return mixer;
  }

  private static int hashmix(int value, int[] hashConst) {
    value ^= hashConst[0];
    hashConst[0] *= MULT_A;
    value *= hashConst[0];
    value ^= value >>> XSHIFT;
    return value;
  }

  private static int mix(int x, int y) {
    int result = MIX_MULT_L * x - MIX_MULT_R * y;
    result ^= result >>> XSHIFT;
    return result;
  }

  /** {@code generate_state(n, uint32)}. */
  public int[] generateState32(int n) {
    int[] state = new int[n];
    int hashConst = INIT_B;
    for (int i = 0; i < n; i++) {
      int value = pool[i % POOL_SIZE];
      value ^= hashConst;
      hashConst *= MULT_B;
      value *= hashConst;
      value ^= value >>> XSHIFT;
      state[i] = value;
    }
    return state;
  }

  /** {@code generate_state(n, uint64)}: consecutive 32-bit outputs paired as (low, high). */
  public long[] generateState64(int n) {
    int[] words = generateState32(2 * n);
    long[] state = new long[n];
    for (int i = 0; i < n; i++) {
      state[i] = (words[2 * i] & 0xFFFFFFFFL) | ((long) words[2 * i + 1] << 32);
    }
    return state;
  }

  @Override
  public String toString() {
    return "SeedSequence" + Arrays.toString(pool);
  }
}
