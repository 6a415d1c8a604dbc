package org.crowdsweep.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crowdsweep.core.platform.AntiCheatSettings;
import org.crowdsweep.core.platform.TaskGiverDistribution;
import org.crowdsweep.core.platform.UserProperties;
import org.crowdsweep.core.platform.World;

/**
 * An experiment directory of the original project ({@code exp/<name>/}): the configuration, the worker, the
 * deterrents and the task-giver distributions, plus the {@code model.save} of a trained worker if present.
 *
 * <p>The three JSON files are kept as Python values (ints and floats apart, unknown fields preserved), so that
 * {@link #write} reproduces them byte for byte; {@link #world()} gives the typed view.
 *
 * @param config {@code config.json} as Python values (name, description, hyperparameters, seed, …)
 * @param userProperties {@code user_properties.json} as Python values
 * @param antiCheatSettings {@code anti_cheat_settings.json} as Python values
 * @param taskGivers the parsed lines of {@code task_properties_distributions.txt}
 */
public record ExperimentDirectory(
    Map<String, Object> config,
    Map<String, Object> userProperties,
    Map<String, Object> antiCheatSettings,
    List<TaskGiverDistribution> taskGivers) {

  public static final String CONFIG = "config.json";
  public static final String USER_PROPERTIES = "user_properties.json";
  public static final String ANTI_CHEAT_SETTINGS = "anti_cheat_settings.json";
  public static final String DISTRIBUTIONS = "task_properties_distributions.txt";
  public static final String MODEL = "model.save";

  public ExperimentDirectory {
    config = copy(config);
    userProperties = copy(userProperties);
    antiCheatSettings = copy(antiCheatSettings);
    taskGivers = List.copyOf(taskGivers);
    // Fail early, with the file and field, if the typed view is invalid.
    toUserProperties(userProperties);
    toAntiCheat(antiCheatSettings);
    if (taskGivers.isEmpty()) {
      throw new IllegalArgumentException(DISTRIBUTIONS + ": must list at least 1 task-giver, found 0");
    }
  }

  private static Map<String, Object> copy(Map<String, Object> map) {
    return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** Reads a directory; a missing or malformed file gives a one-line message naming the file and the field. */
  public static ExperimentDirectory read(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException("experiment directory: not a directory, found " + dir);
    }
    Map<String, Object> config = readJson(dir.resolve(CONFIG));
    Map<String, Object> user = readJson(dir.resolve(USER_PROPERTIES));
    Map<String, Object> antiCheat = readJson(dir.resolve(ANTI_CHEAT_SETTINGS));
    Path distFile = dir.resolve(DISTRIBUTIONS);
    List<TaskGiverDistribution> givers = new ArrayList<>();
    List<String> lines = readLines(distFile);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        givers.add(DistributionText.parse(lines.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(distFile + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    try {
      return new ExperimentDirectory(config, user, antiCheat, givers);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(dir + "/" + e.getMessage(), e);
    }
  }

  /** A directory for a world and a configuration, numbers written as ints where integral. */
  public static ExperimentDirectory of(World world, Map<String, Object> config) {
    UserProperties u = world.user();
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("intentional_answer_time", pyNumber(u.intentionalAnswerTime()));
    user.put("interestingness_sensitivity", pyNumber(u.interestingnessSensitivity()));
    user.put("payout_sensitivity", pyNumber(u.payoutSensitivity()));
    user.put("random_answer_time", pyNumber(u.randomAnswerTime()));
    user.put("start_reputation", pyNumber(u.startReputation()));
    user.put("switch_task_time", pyNumber(u.switchTaskTime()));
    user.put("time_budget", pyNumber(u.timeBudget()));
    user.put("time_sensitivity", pyNumber(u.timeSensitivity()));
    AntiCheatSettings a = world.antiCheat();
    Map<String, Object> ac = new LinkedHashMap<>();
    ac.put("min_reputation", pyNumber(a.minReputation()));
    ac.put("qa_false_max", (long) a.qaFalseMax());
    ac.put("qa_mode_prob", pyNumber(a.qaModeProb()));
    ac.put("reputation_bonus", pyNumber(a.reputationBonus()));
    ac.put("reputation_punishment", pyNumber(a.reputationPunishment()));
    return new ExperimentDirectory(config, user, ac, world.taskGivers());
  }

  private static Object pyNumber(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && Double.doubleToRawLongBits(v) < 0)) {
      return (long) v;
    }
    return v;
  }

  /** The typed world: worker, deterrents and task-givers. */
  public World world() {
    return new World(toUserProperties(userProperties), toAntiCheat(antiCheatSettings), taskGivers);
  }

  /** The experiment's name ({@code config.json} "name"), or null. */
  public String name() {
    Object name = config.get("name");
    return name instanceof String s ? s : null;
  }

  /** Writes the four files into {@code dir} (created if needed), exactly as the original's save methods would. */
  public void write(Path dir) {
    try {
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(CONFIG), PyJson.write(config), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(USER_PROPERTIES), PyJson.write(userProperties), StandardCharsets.UTF_8);
      Files.writeString(dir.resolve(ANTI_CHEAT_SETTINGS), PyJson.write(antiCheatSettings), StandardCharsets.UTF_8);
      StringBuilder sb = new StringBuilder();
      for (TaskGiverDistribution d : taskGivers) {
        sb.append(DistributionText.format(d)).append('\n');
      }
      Files.writeString(dir.resolve(DISTRIBUTIONS), sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write experiment directory " + dir + ": " + e.getMessage(), e);
    }
  }

  static UserProperties toUserProperties(Map<String, Object> m) {
    try {
      return new UserProperties(
          number(m, "payout_sensitivity"),
          number(m, "interestingness_sensitivity"),
          number(m, "time_sensitivity"),
          number(m, "time_budget"),
          number(m, "start_reputation"),
          number(m, "random_answer_time"),
          number(m, "intentional_answer_time"),
          number(m, "switch_task_time"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(USER_PROPERTIES + ": " + e.getMessage(), e);
    }
  }

  static AntiCheatSettings toAntiCheat(Map<String, Object> m) {
    try {
      double banAfter = number(m, "qa_false_max");
      if (banAfter != Math.rint(banAfter)) {
        throw new IllegalArgumentException("qa_false_max: must be an integer, found " + banAfter);
      }
      return new AntiCheatSettings(
          (int) banAfter,
          number(m, "qa_mode_prob"),
          number(m, "reputation_punishment"),
          number(m, "reputation_bonus"),
          number(m, "min_reputation"));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(ANTI_CHEAT_SETTINGS + ": " + e.getMessage(), e);
    }
  }

  private static double number(Map<String, Object> m, String key) {
    if (!m.containsKey(key)) {
      throw new IllegalArgumentException(key + ": missing field");
    }
    Object v = m.get(key);
    if (!(v instanceof Number n) || v instanceof Boolean) {
      throw new IllegalArgumentException(key + ": must be a number, found " + PyJson.typeName(v) + " " + v);
    }
    return n.doubleValue();
  }

  private static Map<String, Object> readJson(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("missing file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    try {
      return PyJson.parseObject(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }

  private static List<String> readLines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("missing file " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
