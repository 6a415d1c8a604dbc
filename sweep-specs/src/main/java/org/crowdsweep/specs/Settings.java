package org.crowdsweep.specs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crowdsweep.core.platform.BetaParameters;
import org.crowdsweep.core.platform.TaskGiverDistribution;
import org.crowdsweep.core.platform.TaskGiverDistribution.CustomBeta;
import org.crowdsweep.core.platform.TaskGiverDistribution.DefaultBeta;
import org.crowdsweep.core.platform.TaskGiverDistribution.Fixed;

/**
 * The setting paths of the spec language and their rules: the one place that knows what {@code
 * antiCheat.qaModeProb} means and which values it takes.
 *
 * <ul>
 *   <li>{@code user.<field>}: payoutSensitivity, interestingnessSensitivity, timeSensitivity (numbers), timeBudget
 *       (&gt; 0), startReputation ([0, 1]), randomAnswerTime, intentionalAnswerTime, switchTaskTime (≥ 0).
 *   <li>{@code antiCheat.<field>}: qaModeProb ([0, 1]), banAfter (integer ≥ 0), reputationPunishment (≤ 0),
 *       reputationBonus (≥ 0), minReputation ([0, 1]).
 *   <li>{@code taskGivers}: the number K of task-givers (1..100), all default.
 *   <li>{@code taskGivers[i]}: {@code "default"}, {@code {"beta": {"payout": [a, b], …,
 *       "targetNumInstancesScale": 100}}} or {@code {"fixed": {"payout": 0.5, …}}}.
 *   <li>{@code taskGivers[i].<property>} (payout, expertise, effort, interestingness, targetNumInstances): {@code
 *       {"beta": [a, b]}} on a Beta task-giver, {@code {"fixed": v}} or a number on a fixed one; {@code
 *       taskGivers[i].targetNumInstancesScale}: a number &gt; 0.
 *   <li>{@code training.<hyperparameter>} (see {@link #HYPERPARAMETERS}) and {@code training.seed}.
 * </ul>
 */
public final class Settings {
  private static final Pattern TASK_GIVER = Pattern.compile("taskGivers\\[(\\d+)\\](?:\\.([A-Za-z]+))?");

  static final List<String> USER =
      List.of(
          "payoutSensitivity",
          "interestingnessSensitivity",
          "timeSensitivity",
          "timeBudget",
          "startReputation",
          "randomAnswerTime",
          "intentionalAnswerTime",
          "switchTaskTime");
  static final List<String> ANTI_CHEAT =
      List.of("qaModeProb", "banAfter", "reputationPunishment", "reputationBonus", "minReputation");
  static final List<String> PROPERTIES =
      List.of("payout", "expertise", "effort", "interestingness", "targetNumInstances");

  /** Hyperparameter names (camelCase) and whether each is an integer. */
  public static final Map<String, Boolean> HYPERPARAMETERS = new LinkedHashMap<>();

  static {
    for (String n :
        List.of(
            "totalTimesteps", "learningStarts", "bufferSize", "batchSize", "trainFreq", "gradientSteps",
            "targetUpdateInterval", "nQuantiles", "hidden1", "hidden2", "logInterval")) {
      HYPERPARAMETERS.put(n, true);
    }
    for (String n :
        List.of(
            "gamma", "learningRate", "adamEps", "adamBeta1", "adamBeta2", "explorationFraction",
            "explorationInitialEps", "explorationFinalEps")) {
      HYPERPARAMETERS.put(n, false);
    }
  }

  private Settings() {}

  /** Every fixed path (task-giver paths shown with index 0), for "did you mean" and the schema. */
  public static List<String> knownPaths() {
    List<String> paths = new ArrayList<>();
    USER.forEach(f -> paths.add("user." + f));
    ANTI_CHEAT.forEach(f -> paths.add("antiCheat." + f));
    paths.add("taskGivers");
    paths.add("taskGivers[0]");
    PROPERTIES.forEach(p -> paths.add("taskGivers[0]." + p));
    paths.add("taskGivers[0].targetNumInstancesScale");
    HYPERPARAMETERS.keySet().forEach(h -> paths.add("training." + h));
    paths.add("training.seed");
    return paths;
  }

  /** Whether a path changes only training (not the world). */
  static boolean isTrainingPath(String path) {
    return path.startsWith("training.");
  }

  /** A short name for labels: the last segment, with the task-giver index kept ({@code tg0.payout}). */
  static String shortName(String path) {
    Matcher m = TASK_GIVER.matcher(path);
    if (m.matches()) {
      return "tg" + m.group(1) + (m.group(2) == null ? "" : "." + m.group(2));
    }
    int dot = path.lastIndexOf('.');
    return dot < 0 ? path : path.substring(dot + 1);
  }

  /**
   * Applies one setting to the draft; returns null, or the problem as "rule, found value" (the caller adds where).
   * The draft is unchanged when the setting is refused.
   */
  static String apply(Draft d, String path, Object value) {
    if (path.startsWith("user.")) {
      int i = USER.indexOf(path.substring(5));
      if (i < 0) {
        return unknown(path);
      }
      String field = USER.get(i);
      String err =
          switch (field) {
            case "timeBudget" -> positive(value);
            case "startReputation" -> unit(value);
            case "randomAnswerTime", "intentionalAnswerTime", "switchTaskTime" -> nonNegative(value);
            default -> number(value);
          };
      if (err == null) {
        d.user[i] = Values.asDouble(value);
      }
      return err;
    }
    if (path.startsWith("antiCheat.")) {
      String field = path.substring(10);
      String err;
      switch (field) {
        case "qaModeProb", "minReputation" -> err = unit(value);
        case "banAfter" -> err = nonNegativeInteger(value);
        case "reputationPunishment" -> err = nonPositive(value);
        case "reputationBonus" -> err = nonNegative(value);
        default -> {
          return unknown(path);
        }
      }
      if (err != null) {
        return err;
      }
      switch (field) {
        case "qaModeProb" -> d.qaModeProb = Values.asDouble(value);
        case "minReputation" -> d.minReputation = Values.asDouble(value);
        case "banAfter" -> d.banAfter = (int) Values.asLong(value);
        case "reputationPunishment" -> d.punishment = Values.asDouble(value);
        default -> d.bonus = Values.asDouble(value);
      }
      return null;
    }
    if (path.equals("taskGivers")) {
      if (!Values.isInteger(value) || Values.asLong(value) < 1 || Values.asLong(value) > 100) {
        return "must be an integer in [1, 100], found " + Values.show(value);
      }
      d.taskGivers.clear();
      for (long i = 0; i < Values.asLong(value); i++) {
        d.taskGivers.add(TaskGiverDistribution.defaultBeta());
      }
      return null;
    }
    Matcher m = TASK_GIVER.matcher(path);
    if (m.matches()) {
      int index;
      try {
        index = Integer.parseInt(m.group(1));
      } catch (NumberFormatException e) {
        return "task-giver index is too large";
      }
      if (index >= d.taskGivers.size()) {
        return "task-giver index must be < " + d.taskGivers.size() + " (the number of task-givers), found " + index;
      }
      String property = m.group(2);
      if (property == null) {
        Object parsed = taskGiver(value);
        if (parsed instanceof String err) {
          return err;
        }
        d.taskGivers.set(index, (TaskGiverDistribution) parsed);
        return null;
      }
      return applyProperty(d, index, property, value, path);
    }
    if (path.startsWith("training.")) {
      String name = path.substring(9);
      if (name.equals("seed")) {
        String err = nonNegativeInteger(value);
        if (err == null) {
          d.trainingSeed = Values.asLong(value);
        }
        return err;
      }
      Boolean integer = HYPERPARAMETERS.get(name);
      if (integer == null) {
        return unknown(path);
      }
      String err = integer ? positiveInteger(value) : hyperRule(name, value);
      if (err == null) {
        Draft probe = d.copy();
        probe.hyper.put(name, value);
        try {
          probe.training();
        } catch (IllegalArgumentException e) {
          String msg = e.getMessage();
          return msg.substring(msg.indexOf(": ") + 2);
        }
        d.hyper.put(name, value);
      }
      return err;
    }
    return unknown(path);
  }

  private static String hyperRule(String name, Object value) {
    return switch (name) {
      case "gamma", "explorationInitialEps", "explorationFinalEps" -> unit(value);
      case "adamBeta1", "adamBeta2" -> {
        String e = number(value);
        yield e != null ? e : (Values.asDouble(value) >= 0 && Values.asDouble(value) < 1)
            ? null
            : "must be in [0, 1), found " + Values.show(value);
      }
      case "explorationFraction" -> {
        String e = number(value);
        yield e != null ? e : (Values.asDouble(value) > 0 && Values.asDouble(value) <= 1)
            ? null
            : "must be in (0, 1], found " + Values.show(value);
      }
      default -> positive(value);
    };
  }

  private static String applyProperty(Draft d, int index, String property, Object value, String path) {
    TaskGiverDistribution current = d.taskGivers.get(index);
    if (property.equals("targetNumInstancesScale")) {
      if (current instanceof Fixed) {
        return "taskGivers[" + index + "] is fixed and has no question-count scale";
      }
      String err = positive(value);
      if (err != null) {
        return err;
      }
      CustomBeta c = current instanceof DefaultBeta db ? db.asCustom() : (CustomBeta) current;
      d.taskGivers.set(
          index,
          new CustomBeta(
              c.payout(), c.expertise(), c.effort(), c.interestingness(), c.targetNumInstances(),
              Values.asDouble(value)));
      return null;
    }
    if (!PROPERTIES.contains(property)) {
      return unknown(path);
    }
    if (current instanceof Fixed f) {
      Object v = value;
      if (value instanceof Map<?, ?> map && map.size() == 1 && map.containsKey("fixed")) {
        v = map.get("fixed");
      }
      if (!Values.isNumber(v)) {
        return "taskGivers[" + index + "] is fixed: must be a number or {\"fixed\": v}, found " + Values.show(value);
      }
      double x = Values.asDouble(v);
      String err = fixedRule(property, x, value);
      if (err != null) {
        return err;
      }
      double[] p = {f.payout(), f.expertise(), f.effort(), f.interestingness(), f.targetNumInstances()};
      p[PROPERTIES.indexOf(property)] = x;
      d.taskGivers.set(index, new Fixed(p[0], p[1], p[2], p[3], p[4]));
      return null;
    }
    Object beta = betaOf(value);
    if (beta instanceof String err) {
      if (value instanceof Map<?, ?> map && map.containsKey("fixed")) {
        return "taskGivers[" + index + "] is a Beta task-giver: {\"fixed\": v} needs a fixed one (set taskGivers["
            + index + "] to {\"fixed\": {…}}), found " + Values.show(value);
      }
      return err;
    }
    BetaParameters b = (BetaParameters) beta;
    CustomBeta c = current instanceof DefaultBeta db ? db.asCustom() : (CustomBeta) current;
    c =
        switch (property) {
          case "payout" -> c.withPayout(b);
          case "expertise" -> c.withExpertise(b);
          case "effort" -> c.withEffort(b);
          case "interestingness" -> c.withInterestingness(b);
          default -> c.withTargetNumInstances(b);
        };
    d.taskGivers.set(index, c);
    return null;
  }

  private static String fixedRule(String property, double x, Object shown) {
    if (!Double.isFinite(x)) {
      return "must be a finite number, found " + Values.show(shown);
    }
    return switch (property) {
      case "expertise" -> x >= 0 && x <= 1 ? null : "must be in [0, 1], found " + Values.show(shown);
      case "effort", "targetNumInstances" -> x >= 0 ? null : "must be >= 0, found " + Values.show(shown);
      default -> null;
    };
  }

  /** A Beta distribution written {@code {"beta": [a, b]}}, or the problem. */
  private static Object betaOf(Object value) {
    if (!(value instanceof Map<?, ?> map) || map.size() != 1 || !map.containsKey("beta")) {
      return "must be {\"beta\": [a, b]}, found " + Values.show(value);
    }
    return betaPair(map.get("beta"));
  }

  /** The pair [a, b] of a Beta distribution, both finite and &gt; 0, or the problem. */
  private static Object betaPair(Object ab) {
    if (!(ab instanceof List<?> list) || list.size() != 2 || !Values.isNumber(list.get(0))
        || !Values.isNumber(list.get(1))) {
      return "Beta parameters must be two numbers [a, b], found " + Values.show(ab);
    }
    double a = Values.asDouble(list.get(0));
    double b = Values.asDouble(list.get(1));
    if (!(a > 0) || !Double.isFinite(a) || !(b > 0) || !Double.isFinite(b)) {
      return "Beta parameters must be > 0, found " + Values.show(ab);
    }
    return new BetaParameters(a, b);
  }

  /** A whole task-giver: "default", {"beta": {…}} or {"fixed": {…}}; or the problem. */
  private static Object taskGiver(Object value) {
    if ("default".equals(value)) {
      return TaskGiverDistribution.defaultBeta();
    }
    if (value instanceof Map<?, ?> map && map.size() == 1) {
      if (map.get("beta") instanceof Map<?, ?> props) {
        CustomBeta c = CustomBeta.DEFAULTS;
        for (Map.Entry<?, ?> e : props.entrySet()) {
          String key = String.valueOf(e.getKey());
          if (key.equals("targetNumInstancesScale")) {
            String err = positive(e.getValue());
            if (err != null) {
              return "beta." + key + ": " + err;
            }
            c = new CustomBeta(c.payout(), c.expertise(), c.effort(), c.interestingness(), c.targetNumInstances(),
                Values.asDouble(e.getValue()));
            continue;
          }
          if (!PROPERTIES.contains(key)) {
            List<String> known = new ArrayList<>(PROPERTIES);
            known.add("targetNumInstancesScale");
            return "unknown property '" + key + "' of a Beta task-giver" + Values.didYouMean(key, known);
          }
          Object beta = betaPair(e.getValue());
          if (beta instanceof String err) {
            return "beta." + key + ": " + err;
          }
          BetaParameters b = (BetaParameters) beta;
          c = switch (key) {
            case "payout" -> c.withPayout(b);
            case "expertise" -> c.withExpertise(b);
            case "effort" -> c.withEffort(b);
            case "interestingness" -> c.withInterestingness(b);
            default -> c.withTargetNumInstances(b);
          };
        }
        return c;
      }
      if (map.get("fixed") instanceof Map<?, ?> props) {
        Fixed f = Fixed.DEFAULTS;
        double[] p = {f.payout(), f.expertise(), f.effort(), f.interestingness(), f.targetNumInstances()};
        for (Map.Entry<?, ?> e : props.entrySet()) {
          String key = String.valueOf(e.getKey());
          int i = PROPERTIES.indexOf(key);
          if (i < 0) {
            return "unknown property '" + key + "' of a fixed task-giver" + Values.didYouMean(key, PROPERTIES);
          }
          if (!Values.isNumber(e.getValue())) {
            return "fixed." + key + ": must be a number, found " + Values.show(e.getValue());
          }
          String err = fixedRule(key, Values.asDouble(e.getValue()), e.getValue());
          if (err != null) {
            return "fixed." + key + ": " + err;
          }
          p[i] = Values.asDouble(e.getValue());
        }
        return new Fixed(p[0], p[1], p[2], p[3], p[4]);
      }
    }
    return "must be \"default\", {\"beta\": {…}} or {\"fixed\": {…}}, found " + Values.show(value);
  }

  private static String unknown(String path) {
    return "unknown setting path '" + path + "'" + Values.didYouMean(path, knownPaths());
  }

  static String number(Object v) {
    if (!Values.isNumber(v)) {
      return "must be a number, found " + Values.typeName(v) + " " + Values.show(v);
    }
    return Double.isFinite(Values.asDouble(v)) ? null : "must be a finite number, found " + Values.show(v);
  }

  static String positive(Object v) {
    String e = number(v);
    return e != null ? e : Values.asDouble(v) > 0 ? null : "must be > 0, found " + Values.show(v);
  }

  static String nonNegative(Object v) {
    String e = number(v);
    return e != null ? e : Values.asDouble(v) >= 0 ? null : "must be >= 0, found " + Values.show(v);
  }

  static String nonPositive(Object v) {
    String e = number(v);
    return e != null ? e : Values.asDouble(v) <= 0 ? null : "must be <= 0, found " + Values.show(v);
  }

  static String unit(Object v) {
    String e = number(v);
    double x = e == null ? Values.asDouble(v) : Double.NaN;
    return e != null ? e : (x >= 0 && x <= 1) ? null : "must be in [0, 1], found " + Values.show(v);
  }

  static String nonNegativeInteger(Object v) {
    if (!Values.isInteger(v) || Values.asLong(v) < 0) {
      return "must be an integer >= 0, found " + Values.show(v);
    }
    return null;
  }

  static String positiveInteger(Object v) {
    if (!Values.isInteger(v) || Values.asLong(v) < 1) {
      return "must be an integer > 0, found " + Values.show(v);
    }
    return null;
  }
}
