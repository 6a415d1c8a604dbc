package org.crowdsweep.core.rng;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * numpy's 256-layer ziggurat tables for the standard normal and the standard exponential.
 *
 * <p>The values are numpy's ({@code ziggurat_constants.h}, BSD-3-Clause, see {@code THIRD-PARTY.md}), stored as the
 * raw IEEE bit patterns that numpy 2.4.6's compiled {@code _generator} module holds, so that every draw is bit-exact.
 * They were not recomputed: a recomputation in double precision differs from numpy's in the last bits of every entry.
 */
final class ZigguratTables {
  static final double NOR_R = 3.6541528853610087963519472518;
  static final double NOR_INV_R = 0.27366123732975827203338247596;
  static final double EXP_R = 7.6971174701310497140446280481;

  static final long[] KI;
  static final double[] WI;
  static final double[] FI;
  static final long[] KE;
  static final double[] WE;
  static final double[] FE;

  static {
    Map<String, long[]> tables = load("ziggurat-tables.txt");
    KI = tables.get("ki_double");
    WI = asDoubles(tables.get("wi_double"));
    FI = asDoubles(tables.get("fi_double"));
    KE = tables.get("ke_double");
    WE = asDoubles(tables.get("we_double"));
    FE = asDoubles(tables.get("fe_double"));
  }

  private ZigguratTables() {}

  private static double[] asDoubles(long[] bits) {
    double[] values = new double[bits.length];
    for (int i = 0; i < bits.length; i++) {
      values[i] = Double.longBitsToDouble(bits[i]);
    }
    return values;
  }

  private static Map<String, long[]> load(String resource) {
    Map<String, long[]> tables = new HashMap<>();
    try (InputStream in = ZigguratTables.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource + " next to " + ZigguratTables.class);
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      String name = null;
      long[] current = null;
      int filled = 0;
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        line = line.strip();
        if (line.isEmpty()) {
          continue;
        }
        if (line.startsWith("#")) {
          name = line.substring(1).strip();
          current = new long[256];
          filled = 0;
          tables.put(name, current);
          continue;
        }
        for (String word : line.split("\\s+")) {
          current[filled++] = Long.parseUnsignedLong(word, 16);
        }
      }
      for (Map.Entry<String, long[]> e : tables.entrySet()) {
        if (e.getValue().length != 256) {
          throw new IllegalStateException("ziggurat table " + e.getKey() + " is incomplete");
        }
      }
      return tables;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
