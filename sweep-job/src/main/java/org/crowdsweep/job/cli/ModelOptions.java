package org.crowdsweep.job.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.crowdsweep.core.agent.GreedyQuantilePolicy;
import org.crowdsweep.core.evaluation.SeedingMode;
import org.crowdsweep.core.platform.World;
import picocli.CommandLine.Option;

/** The options of the commands that run a model in a world ({@code evaluate}, {@code trace}), and their checks. */
final class ModelOptions {
  @Option(names = "--model", required = true, paramLabel = "PATH", description = "Experiment directory or model.save.")
  Path model;

  @Option(
      names = "--world",
      paramLabel = "DIR",
      description = "Experiment directory whose world to use (default: the model's own).")
  Path world;

  @Option(names = "--seed", defaultValue = "98765", description = "Evaluation seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--seeding",
      defaultValue = "tutorial",
      paramLabel = "MODE",
      description =
          "tutorial: one generator seeded once, episodes back to back (default); per-episode: a derived seed per"
              + " episode (common random numbers).")
  String seeding;

  @Option(
      names = "--tg",
      paramLabel = "CHANGE",
      description =
          "Change a task-giver: INDEX.PROPERTY=beta(a,b) (payout, expertise, effort, interestingness,"
              + " target_num_instances), INDEX=default, or INDEX=<original distribution line>. Repeatable.")
  List<String> taskGiverChanges = new ArrayList<>();

  /** A model and the world it runs in, checked to fit each other. */
  record Loaded(ModelLocation location, World world, GreedyQuantilePolicy policy, SeedingMode mode) {}

  /** Checks the options, reads the model and its world (with the task-giver changes applied). */
  Loaded load() {
    if (seed < 0) {
      throw new IllegalArgumentException("--seed: must be >= 0, found " + seed);
    }
    SeedingMode mode = seedingMode(seeding);
    ModelLocation location = ModelLocation.resolve(model, world);
    World w = TaskGiverOverride.applyAll(location.readWorld(), taskGiverChanges);
    GreedyQuantilePolicy policy = location.readPolicy();
    if (policy.numActions() != w.numActions()) {
      throw new IllegalArgumentException(
          "--world: the model acts for " + (policy.numActions() - 3) + " task-givers, the world has "
              + w.numTaskGivers());
    }
    return new Loaded(location, w, policy, mode);
  }

  static SeedingMode seedingMode(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "tutorial" -> SeedingMode.TUTORIAL;
      case "per-episode", "per_episode" -> SeedingMode.PER_EPISODE;
      default -> throw new IllegalArgumentException("--seeding: must be tutorial or per-episode, found " + text);
    };
  }
}
