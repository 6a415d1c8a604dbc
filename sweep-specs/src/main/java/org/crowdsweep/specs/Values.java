package org.crowdsweep.specs;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.crowdsweep.core.io.PyJson;

/** Helpers for spec values, which are plain JSON values as {@link PyJson} parses them. */
final class Values {
  private Values() {}

  /** A value as it appears in messages: numbers as Python prints them, strings quoted, objects as compact JSON. */
  static String show(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof String s) {
      return "\"" + s + "\"";
    }
    if (v instanceof Double d) {
      return PyJson.floatRepr(d);
    }
    if (v instanceof Map<?, ?> || v instanceof List<?>) {
      return PyJson.write(v).replaceAll("\\s*\n\\s*", " ").replace("[ ", "[").replace(" ]", "]").replace("{ ", "{")
          .replace(" }", "}");
    }
    return String.valueOf(v);
  }

  static boolean isNumber(Object v) {
    return v instanceof Long || v instanceof Double || v instanceof BigInteger;
  }

  static boolean isInteger(Object v) {
    return v instanceof Long || (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15);
  }

  static double asDouble(Object v) {
    return ((Number) v).doubleValue();
  }

  static long asLong(Object v) {
    return ((Number) v).longValue();
  }

  /** A value's JSON type with its article, for messages ("an object", "a number", "null"). */
  static String typeName(Object v) {
    String name = org.crowdsweep.core.io.PyJson.typeName(v);
    return v == null ? name : (name.matches("[aeiou].*") ? "an " : "a ") + name;
  }

  /** The known name closest to {@code name}, if it is close enough to be a likely typo. */
  static String closest(String name, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = distance(name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
  }

  static String didYouMean(String name, Iterable<String> known) {
    String c = closest(name, known);
    return c == null ? "" : " (did you mean '" + c + "'?)";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
