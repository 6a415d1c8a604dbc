package org.crowdsweep.core.io;

import java.util.LinkedHashMap;
import java.util.Map;
import org.crowdsweep.core.platform.BetaParameters;
import org.crowdsweep.core.platform.TaskGiverDistribution;
import org.crowdsweep.core.platform.TaskGiverDistribution.CustomBeta;
import org.crowdsweep.core.platform.TaskGiverDistribution.DefaultBeta;
import org.crowdsweep.core.platform.TaskGiverDistribution.Fixed;

/**
 * One line of {@code task_properties_distributions.txt}: the {@code __str__} of a task-giver distribution.
 *
 * <p>Three syntaxes: the bare {@code TaskPropertiesBetaDistribution}, {@code
 * TaskPropertiesCustomBetaDistribution(payout:(90, 10);...;target_num_instances_scale:100)} and {@code
 * TaskPropertiesCustomFixedDistribution(payout:0.5;expertise:0.8;...)}. Numbers are written as Python writes them;
 * integral values as ints ({@code (90, 10)}), as the original's defaults are ints.
 */
public final class DistributionText {
  static final String DEFAULT_CLASS = "TaskPropertiesBetaDistribution";
  static final String CUSTOM_BETA_CLASS = "TaskPropertiesCustomBetaDistribution";
  static final String FIXED_CLASS = "TaskPropertiesCustomFixedDistribution";

  private DistributionText() {}

  /** The line for a distribution. */
  public static String format(TaskGiverDistribution d) {
    if (d instanceof DefaultBeta) {
      return DEFAULT_CLASS;
    }
    if (d instanceof CustomBeta c) {
      return CUSTOM_BETA_CLASS
          + "(payout:"
          + tuple(c.payout())
          + ";expertise:"
          + tuple(c.expertise())
          + ";effort:"
          + tuple(c.effort())
          + ";interestingness:"
          + tuple(c.interestingness())
          + ";target_num_instances:"
          + tuple(c.targetNumInstances())
          + ";target_num_instances_scale:"
          + number(c.targetNumInstancesScale())
          + ")";
    }
    Fixed f = (Fixed) d;
    return FIXED_CLASS
        + "(payout:"
        + number(f.payout())
        + ";expertise:"
        + number(f.expertise())
        + ";effort:"
        + number(f.effort())
        + ";interestingness:"
        + number(f.interestingness())
        + ";target_num_instances:"
        + number(f.targetNumInstances())
        + ")";
  }

  private static String tuple(BetaParameters p) {
    return "(" + number(p.a()) + ", " + number(p.b()) + ")";
  }

  /** A number as Python would print the literal the user most likely wrote: integral values as ints. */
  static String number(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return PyJson.floatRepr(v);
  }

  /** Parses one line; the message of a failure names the property, the rule and the value found. */
  public static TaskGiverDistribution parse(String line) {
    String text = line.strip();
    if (text.equals(DEFAULT_CLASS) || text.equals(DEFAULT_CLASS + "()")) {
      return TaskGiverDistribution.defaultBeta();
    }
    int open = text.indexOf('(');
    if (open < 0 || !text.endsWith(")")) {
      throw new IllegalArgumentException("unknown task-giver distribution '" + text + "'");
    }
    String cls = text.substring(0, open);
    Map<String, String> fields = fields(text.substring(open + 1, text.length() - 1));
    if (cls.equals(CUSTOM_BETA_CLASS)) {
      CustomBeta d = CustomBeta.DEFAULTS;
      for (Map.Entry<String, String> e : fields.entrySet()) {
        String key = e.getKey();
        String value = e.getValue();
        switch (key) {
          case "payout" -> d = d.withPayout(beta(key, value));
          case "expertise" -> d = d.withExpertise(beta(key, value));
          case "effort" -> d = d.withEffort(beta(key, value));
          case "interestingness" -> d = d.withInterestingness(beta(key, value));
          case "target_num_instances" -> d = d.withTargetNumInstances(beta(key, value));
          case "target_num_instances_scale" -> d =
              new CustomBeta(
                  d.payout(),
                  d.expertise(),
                  d.effort(),
                  d.interestingness(),
                  d.targetNumInstances(),
                  parseNumber(key, value));
          default -> throw unknown(cls, key);
        }
      }
      return d;
    }
    if (cls.equals(FIXED_CLASS)) {
      Fixed f = Fixed.DEFAULTS;
      double payout = f.payout();
      double expertise = f.expertise();
      double effort = f.effort();
      double interest = f.interestingness();
      double target = f.targetNumInstances();
      for (Map.Entry<String, String> e : fields.entrySet()) {
        double v = parseNumber(e.getKey(), e.getValue());
        switch (e.getKey()) {
          case "payout" -> payout = v;
          case "expertise" -> expertise = v;
          case "effort" -> effort = v;
          case "interestingness" -> interest = v;
          case "target_num_instances" -> target = v;
          default -> throw unknown(cls, e.getKey());
        }
      }
      return new Fixed(payout, expertise, effort, interest, target);
    }
    throw new IllegalArgumentException("unknown task-giver distribution class '" + cls + "'");
  }

  private static IllegalArgumentException unknown(String cls, String key) {
    return new IllegalArgumentException("unknown property '" + key + "' of " + cls);
  }

  private static Map<String, String> fields(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    if (body.isBlank()) {
      return out;
    }
    for (String part : body.split(";")) {
      int colon = part.indexOf(':');
      if (colon < 0) {
        throw new IllegalArgumentException("expected key:value, found '" + part + "'");
      }
      String key = part.substring(0, colon).strip();
      if (out.put(key, part.substring(colon + 1).strip()) != null) {
        throw new IllegalArgumentException("property '" + key + "' given twice");
      }
    }
    return out;
  }

  private static BetaParameters beta(String key, String value) {
    if (!value.startsWith("(") || !value.endsWith(")")) {
      throw new IllegalArgumentException(key + ": must be a tuple (a, b), found " + value);
    }
    String[] ab = value.substring(1, value.length() - 1).split(",");
    if (ab.length != 2) {
      throw new IllegalArgumentException(key + ": must be a tuple (a, b), found " + value);
    }
    double a = parseNumber(key + ".a", ab[0].strip());
    double b = parseNumber(key + ".b", ab[1].strip());
    try {
      return new BetaParameters(a, b);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + "." + e.getMessage(), e);
    }
  }

  private static double parseNumber(String key, String value) {
    try {
      return Double.parseDouble(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": must be a number, found " + value, e);
    }
  }
}
