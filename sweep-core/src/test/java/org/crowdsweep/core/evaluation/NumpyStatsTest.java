package org.crowdsweep.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.crowdsweep.core.rng.NumpyRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code np.mean} and {@code np.std(ddof=1)} bit for bit: inputs {@code u1*1e6*u2 - 300*u3} from {@code
 * default_rng(n).random(n)} three times; expected bits printed by numpy 2.4.6.
 */
final class NumpyStatsTest {

  @ParameterizedTest
  @CsvSource({
    "1, 411db0628065ccc5, 0000000000000000",
    "7, 41112650b4a83919, 41100aa434197f7b",
    "8, 410773a4f48d7516, 41026db4a4036ea7",
    "9, 41149d7318e7b7fa, 4113cb69bfac0c8a",
    "100, 411272b99135df13, 410af0e1a2a2190c",
    "127, 410eb4ff49df1c71, 410a609d9bf4b9ea",
    "128, 410ef74cfe25e6ce, 410c555849c3a0ee",
    "129, 410cf8b9f00d2cc3, 4109e0e89971f0c7",
    "1000, 410d1a4a18030de5, 410a1b9ae48747e3",
    "5000, 410e9b4c5497a821, 410aa1dd7f08fec8",
  })
  void meanAndStd_matchNumpyBits(int n, String meanBits, String stdBits) {
    NumpyRandom rng = NumpyRandom.seeded(n);
    double[] u1 = new double[n];
    double[] u2 = new double[n];
    double[] u3 = new double[n];
    for (int i = 0; i < n; i++) {
      u1[i] = rng.random();
    }
    for (int i = 0; i < n; i++) {
      u2[i] = rng.random();
    }
    for (int i = 0; i < n; i++) {
      u3[i] = rng.random();
    }
    double[] a = new double[n];
    for (int i = 0; i < n; i++) {
      a[i] = u1[i] * 1e6 * u2[i] - 300 * u3[i];
    }
    double mean = NumpyStats.mean(a);
    assertEquals(Long.parseUnsignedLong(meanBits, 16), Double.doubleToRawLongBits(mean), "mean");
    if (n > 1) {
      assertEquals(Long.parseUnsignedLong(stdBits, 16), Double.doubleToRawLongBits(NumpyStats.sampleStd(a, mean)), "std");
    }
  }
}
