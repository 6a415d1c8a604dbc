package org.crowdsweep.job.cli;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crowdsweep.core.io.DistributionText;
import org.crowdsweep.core.platform.BetaParameters;
import org.crowdsweep.core.platform.TaskGiverDistribution;
import org.crowdsweep.core.platform.TaskGiverDistribution.CustomBeta;
import org.crowdsweep.core.platform.TaskGiverDistribution.DefaultBeta;
import org.crowdsweep.core.platform.World;

/**
 * A command-line change to one task-giver: {@code INDEX.PROPERTY=beta(a,b)} (property one of payout, expertise,
 * effort, interestingness, target_num_instances), {@code INDEX=default}, or {@code INDEX=<line>} with a line in the
 * original {@code task_properties_distributions.txt} syntax.
 *
 * @param text the option value as given
 */
record TaskGiverOverride(String text) {
  private static final Pattern PROPERTY = Pattern.compile("(\\d+)\\.([a-z_]+)=(.+)");
  private static final Pattern WHOLE = Pattern.compile("(\\d+)=(.+)");
  private static final Pattern BETA =
      Pattern.compile("beta\\(\\s*([^,\\s]+)\\s*,\\s*([^)\\s]+)\\s*\\)", Pattern.CASE_INSENSITIVE);

  /** Applies every change, in order. */
  static World applyAll(World world, List<String> changes) {
    for (String change : changes) {
      world = new TaskGiverOverride(change).applyTo(world);
    }
    return world;
  }

  /** Applies the change to {@code world}; a bad value gives a message naming the option and the value. */
  World applyTo(World world) {
    Matcher m = PROPERTY.matcher(text);
    if (m.matches()) {
      int index = index(m.group(1), world);
      TaskGiverDistribution current = world.taskGivers().get(index);
      CustomBeta base;
      if (current instanceof DefaultBeta d) {
        base = d.asCustom();
      } else if (current instanceof CustomBeta c) {
        base = c;
      } else {
        throw bad("task-giver " + index + " has a fixed distribution; replace it whole with " + index + "=…");
      }
      BetaParameters beta = beta(m.group(2), m.group(3));
      CustomBeta changed =
          switch (m.group(2)) {
            case "payout" -> base.withPayout(beta);
            case "expertise" -> base.withExpertise(beta);
            case "effort" -> base.withEffort(beta);
            case "interestingness" -> base.withInterestingness(beta);
            case "target_num_instances" -> base.withTargetNumInstances(beta);
            default -> throw bad(
                "unknown property '"
                    + m.group(2)
                    + "' (known: payout, expertise, effort, interestingness, target_num_instances)");
          };
      return world.withTaskGiver(index, changed);
    }
    m = WHOLE.matcher(text);
    if (m.matches()) {
      int index = index(m.group(1), world);
      String value = m.group(2).strip();
      TaskGiverDistribution d;
      if (value.toLowerCase(Locale.ROOT).equals("default")) {
        d = TaskGiverDistribution.defaultBeta();
      } else {
        try {
          d = DistributionText.parse(value);
        } catch (IllegalArgumentException e) {
          throw bad(e.getMessage());
        }
      }
      return world.withTaskGiver(index, d);
    }
    throw bad("expected INDEX.PROPERTY=beta(a,b), INDEX=default or INDEX=<distribution line>");
  }

  private int index(String digits, World world) {
    int index;
    try {
      index = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw bad("task-giver index must be an integer");
    }
    if (index >= world.numTaskGivers()) {
      throw bad("task-giver index must be < " + world.numTaskGivers() + " (the world's K)");
    }
    return index;
  }

  private BetaParameters beta(String property, String value) {
    Matcher m = BETA.matcher(value.strip());
    if (!m.matches()) {
      throw bad(property + " must be beta(a,b)");
    }
    try {
      return new BetaParameters(Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
    } catch (NumberFormatException e) {
      throw bad(property + " must be beta(a,b) with numbers");
    } catch (IllegalArgumentException e) {
      throw bad(property + "." + e.getMessage());
    }
  }

  private IllegalArgumentException bad(String why) {
    return new IllegalArgumentException("--tg " + text + ": " + why);
  }
}
