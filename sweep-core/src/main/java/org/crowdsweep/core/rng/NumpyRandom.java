package org.crowdsweep.core.rng;

import java.util.List;

/**
 * {@code numpy.random.default_rng(seed)}: numpy's {@code Generator} over a {@code PCG64} bit generator, bit for bit.
 *
 * <p>PCG64 is the XSL-RR 128/64 variant with a step before each output. 32-bit draws use numpy's buffering: a 64-bit
 * output serves two 32-bit draws (low half first) and the buffered half survives calls of other kinds. The
 * distributions follow numpy's {@code distributions.c}. Not thread-safe: give each consumer its own instance.
 */
public final class NumpyRandom {
  private static final long MULT_HI = 0x2360ED051FC65DA4L;
  private static final long MULT_LO = 0x4385DF649FCCF645L;
  private static final double TWO_POW_MINUS_53 = 0x1.0p-53;

  private long stateHi;
  private long stateLo;
  private long incHi;
  private long incLo;
  private boolean hasUint32;
  private int uinteger;

  private NumpyRandom() {}

  /** {@code default_rng(seed)} for a non-negative seed. */
  public static NumpyRandom seeded(long seed) {
    return fromSeedSequence(SeedSequence.of(seed));
  }

  /** {@code Generator(PCG64(seedSequence))}. */
  public static NumpyRandom fromSeedSequence(SeedSequence seedSequence) {
    long[] words = seedSequence.generateState64(4);
    NumpyRandom rng = new NumpyRandom();
    rng.seedPcg(words[0], words[1], words[2], words[3]);
    return rng;
  }

  /** A generator in exactly the given state (see {@link #state()}). */
  public static NumpyRandom fromState(State state) {
    NumpyRandom rng = new NumpyRandom();
    rng.restore(state);
    return rng;
  }

  private void seedPcg(long initStateHi, long initStateLo, long initSeqHi, long initSeqLo) {
    incHi = (initSeqHi << 1) | (initSeqLo >>> 63);
    incLo = (initSeqLo << 1) | 1L;
    stateHi = 0;
    stateLo = 0;
    step();
    long lo = stateLo + initStateLo;
    long carry = Long.compareUnsigned(lo, stateLo) < 0 ? 1 : 0;
    stateHi = stateHi + initStateHi + carry;
    stateLo = lo;
    step();
    hasUint32 = false;
    uinteger = 0;
  }

  private void step() {
    // state = state * MULT + inc (mod 2^128)
    long lo = stateLo * MULT_LO;
    long hi = unsignedMultiplyHigh(stateLo, MULT_LO) + stateHi * MULT_LO + stateLo * MULT_HI;
    long newLo = lo + incLo;
    long carry = Long.compareUnsigned(newLo, lo) < 0 ? 1 : 0;
    stateHi = hi + incHi + carry;
    stateLo = newLo;
  }

  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  /** The next raw 64-bit output ({@code next_uint64}). */
  public long nextLong() {
    step();
    return Long.rotateRight(stateHi ^ stateLo, (int) (stateHi >>> 58));
  }

  /** The next raw 32-bit output ({@code next_uint32}), as an unsigned value in an {@code int}. */
  public int nextInt32() {
    if (hasUint32) {
      hasUint32 = false;
      return uinteger;
    }
    long next = nextLong();
    hasUint32 = true;
    uinteger = (int) (next >>> 32);
    return (int) next;
  }

  /** {@code random()}: a double in [0, 1) with 53 random bits. */
  public double random() {
    return (nextLong() >>> 11) * TWO_POW_MINUS_53;
  }

  /**
   * {@code integers(0, bound)} with numpy's default int64 dtype, for {@code 1 <= bound <= 2^32}: Lemire's bounded
   * method on buffered 32-bit draws.
   */
  public long integers(long bound) {
    if (bound < 1 || bound > (1L << 32)) {
      throw new IllegalArgumentException("bound: must be in [1, 2^32], found " + bound);
    }
    long rng = bound - 1;
    if (rng == 0) {
      return 0;
    }
    if (rng == 0xFFFFFFFFL) {
      return nextInt32() & 0xFFFFFFFFL;
    }
    long rngExcl = bound;
    long m = (nextInt32() & 0xFFFFFFFFL) * rngExcl;
    long leftover = m & 0xFFFFFFFFL;
    if (leftover < rngExcl) {
      long threshold = (0xFFFFFFFFL - rng) % rngExcl;
      while (leftover < threshold) {
        m = (nextInt32() & 0xFFFFFFFFL) * rngExcl;
        leftover = m & 0xFFFFFFFFL;
      }
    }
    return m >>> 32;
  }

  /** {@code random_interval(max)}: a uniform value in [0, max] by masked rejection. */
  long randomInterval(long max) {
    if (max == 0) {
      return 0;
    }
    long mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    mask |= mask >>> 32;
    long value;
    if (Long.compareUnsigned(max, 0xFFFFFFFFL) <= 0) {
      do {
        value = nextInt32() & 0xFFFFFFFFL & mask;
      } while (value > max);
    } else {
      do {
        value = nextLong() & mask;
      } while (Long.compareUnsigned(value, max) > 0);
    }
    return value;
  }

  /** {@code shuffle(list)} in place: Fisher–Yates from the end, as numpy does for a Python list. */
  public <T> void shuffle(List<T> list) {
    for (int i = list.size() - 1; i >= 1; i--) {
      int j = (int) randomInterval(i);
      T tmp = list.get(i);
      list.set(i, list.get(j));
      list.set(j, tmp);
    }
  }

  /** {@code shuffle(array)} in place for an int array (same draws as for a list). */
  public void shuffle(int[] values) {
    for (int i = values.length - 1; i >= 1; i--) {
      int j = (int) randomInterval(i);
      int tmp = values[i];
      values[i] = values[j];
      values[j] = tmp;
    }
  }

  /** {@code standard_normal()}: numpy's 256-layer ziggurat. */
  public double standardNormal() {
    for (; ; ) {
      long r = nextLong();
      int idx = (int) (r & 0xff);
      r >>>= 8;
      long sign = r & 0x1;
      long rabs = (r >>> 1) & 0x000fffffffffffffL;
      double x = rabs * ZigguratTables.WI[idx];
      if (sign != 0) {
        x = -x;
      }
      if (rabs < ZigguratTables.KI[idx]) {
        return x;
      }
      if (idx == 0) {
        for (; ; ) {
          double xx = -ZigguratTables.NOR_INV_R * StrictMath.log1p(-random());
          double yy = -StrictMath.log1p(-random());
          if (yy + yy > xx * xx) {
            return ((rabs >>> 8) & 0x1) != 0 ? -(ZigguratTables.NOR_R + xx) : ZigguratTables.NOR_R + xx;
          }
        }
      } else {
        if (((ZigguratTables.FI[idx - 1] - ZigguratTables.FI[idx]) * random() + ZigguratTables.FI[idx])
            < StrictMath.exp(-0.5 * x * x)) {
          return x;
        }
      }
    }
  }

  /** {@code standard_exponential()}: numpy's 256-layer ziggurat. */
  public double standardExponential() {
    for (; ; ) {
      long ri = nextLong();
      ri >>>= 3;
      int idx = (int) (ri & 0xFF);
      ri >>>= 8;
      double x = ri * ZigguratTables.WE[idx];
      if (ri < ZigguratTables.KE[idx]) {
        return x;
      }
      if (idx == 0) {
        return ZigguratTables.EXP_R - StrictMath.log1p(-random());
      }
      if ((ZigguratTables.FE[idx - 1] - ZigguratTables.FE[idx]) * random() + ZigguratTables.FE[idx]
          < StrictMath.exp(-x)) {
        return x;
      }
      // numpy recurses here; a loop draws the same numbers.
    }
  }

  /** {@code standard_gamma(shape)}: Marsaglia–Tsang for shape > 1, numpy's rejection method below 1. */
  public double standardGamma(double shape) {
    if (shape == 1.0) {
      return standardExponential();
    } else if (shape == 0.0) {
      return 0.0;
    } else if (shape < 1.0) {
      for (; ; ) {
        double u = random();
        double v = standardExponential();
        if (u <= 1.0 - shape) {
          double x = StrictMath.pow(u, 1. / shape);
          if (x <= v) {
            return x;
          }
        } else {
          double y = -StrictMath.log((1 - u) / shape);
          double x = StrictMath.pow(1.0 - shape + shape * y, 1. / shape);
          if (x <= (v + y)) {
            return x;
          }
        }
      }
    }
    double b = shape - 1. / 3.;
    double c = 1. / StrictMath.sqrt(9 * b);
    for (; ; ) {
      double x;
      double v;
      do {
        x = standardNormal();
        v = 1.0 + c * x;
      } while (v <= 0.0);
      v = v * v * v;
      double u = random();
      if (u < 1.0 - 0.0331 * (x * x) * (x * x)) {
        return b * v;
      }
      if (StrictMath.log(u) < 0.5 * x * x + b * (1. - v + StrictMath.log(v))) {
        return b * v;
      }
    }
  }

  /** {@code beta(a, b)}: Jöhnk's algorithm when both are ≤ 1, else the ratio of two gammas. */
  public double beta(double a, double b) {
    if (!(a > 0) || !(b > 0)) {
      throw new IllegalArgumentException("beta: a and b must be > 0, found a=" + a + ", b=" + b);
    }
    if (a <= 1.0 && b <= 1.0) {
      for (; ; ) {
        double u = random();
        double v = random();
        double x = StrictMath.pow(u, 1.0 / a);
        double y = StrictMath.pow(v, 1.0 / b);
        double xpy = x + y;
        if (xpy <= 1.0 && u + v > 0.0) {
          if (xpy > 0) {
            return x / xpy;
          }
          double logX = StrictMath.log(u) / a;
          double logY = StrictMath.log(v) / b;
          double logM = logX > logY ? logX : logY;
          logX -= logM;
          logY -= logM;
          return StrictMath.exp(logX - StrictMath.log(StrictMath.exp(logX) + StrictMath.exp(logY)));
        }
      }
    }
    double ga = standardGamma(a);
    double gb = standardGamma(b);
    return ga / (ga + gb);
  }

  /** A snapshot of the complete generator state, for checkpoints and replays. */
  public State state() {
    return new State(stateHi, stateLo, incHi, incLo, hasUint32, uinteger);
  }

  /** Puts this generator into the given state. */
  public void restore(State state) {
    stateHi = state.stateHi();
    stateLo = state.stateLo();
    incHi = state.incHi();
    incLo = state.incLo();
    hasUint32 = state.hasUint32();
    uinteger = state.uinteger();
  }

  /**
   * The complete PCG64 state: the 128-bit state and increment as high and low words, and the buffered 32-bit half.
   */
  public record State(long stateHi, long stateLo, long incHi, long incLo, boolean hasUint32, int uinteger) {
    public State {
      if ((incLo & 1L) == 0) {
        throw new IllegalArgumentException("incLo: the PCG increment must be odd, found " + Long.toHexString(incLo));
      }
    }
  }
}
