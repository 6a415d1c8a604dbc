package org.crowdsweep.job.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.crowdsweep.core.io.ExperimentDirectory;
import org.crowdsweep.core.platform.AntiCheatSettings;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.training.ModelDirectory;
import org.crowdsweep.core.training.QrDqnSettings;
import org.crowdsweep.core.training.QrDqnTrainer;
import org.crowdsweep.core.training.TrainingDivergedException;
import org.crowdsweep.core.training.TrainingListener;
import org.crowdsweep.core.training.TrainingResult;
import org.crowdsweep.core.training.TrainingRow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sweep train}: train a QR-DQN worker in a world and write a model directory. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Trains a QR-DQN worker with the paper's hyperparameters (sb3-contrib 1.4.0 semantics) and writes a model",
      "directory that evaluate and trace read like a published one. The world is an experiment directory (--world)",
      "or the published deterrent world changed by flags. Checkpoints go to OUT.ckpt; rerunning the same command",
      "after a crash resumes from the last one."
    })
final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Model directory to create.")
  Path out;

  @Option(names = "--world", paramLabel = "DIR", description = "Experiment directory whose world to train in.")
  Path world;

  @Option(names = "--qa-mode-prob", paramLabel = "P", description = "Gold-question probability.")
  Double qaModeProb;

  @Option(names = "--ban-after", paramLabel = "N", description = "Per-task ban after N failed gold questions.")
  Integer banAfter;

  @Option(names = "--min-reputation", paramLabel = "R", description = "Global block below this reputation.")
  Double minReputation;

  @Option(names = "--reputation-punishment", paramLabel = "D", description = "Reputation change on a failed gold question (<= 0).")
  Double punishment;

  @Option(names = "--reputation-bonus", paramLabel = "D", description = "Reputation change on a passed gold question (>= 0).")
  Double bonus;

  @Option(names = "--tg", paramLabel = "CHANGE", description = "Change a task-giver, as for evaluate. Repeatable.")
  List<String> taskGiverChanges = new ArrayList<>();

  @Option(names = "--timesteps", defaultValue = "10000000", description = "Environment steps (default: ${DEFAULT-VALUE}).")
  long timesteps;

  @Option(names = "--seed", defaultValue = "12345", description = "Training seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--name", description = "Experiment name in config.json (default: the directory name).")
  String name;

  @Option(
      names = "--checkpoint-every",
      defaultValue = "500000",
      paramLabel = "STEPS",
      description = "Checkpoint interval in environment steps (default: ${DEFAULT-VALUE}).")
  long checkpointEvery;

  @Option(names = "--buffer-size", description = "Replay buffer capacity (default: the paper's 1,000,000).")
  Integer bufferSize;

  @Option(names = "--log-interval", description = "Episodes between training-curve rows (default: 1000).")
  Integer logInterval;

  @Option(names = "--quiet", description = "No progress bar and no log lines.")
  boolean quiet;

  @Option(
      names = "--backend",
      defaultValue = "java",
      description = "java (plain Java float32 on one core, the fastest on a CPU) or djl (DJL's PyTorch engine, for"
          + " GPUs) (default: ${DEFAULT-VALUE}).")
  String backend;

  @Option(
      names = "--device",
      description = "For --backend djl: auto (first GPU, else CPU; the default), cpu, gpu or gpu:N.")
  String device;

  World world() {
    World w = world != null ? ExperimentDirectory.read(world).world() : World.published();
    AntiCheatSettings a = w.antiCheat();
    w =
        w.withAntiCheat(
            new AntiCheatSettings(
                banAfter != null ? banAfter : a.qaFalseMax(),
                qaModeProb != null ? qaModeProb : a.qaModeProb(),
                punishment != null ? punishment : a.reputationPunishment(),
                bonus != null ? bonus : a.reputationBonus(),
                minReputation != null ? minReputation : a.minReputation()));
    return TaskGiverOverride.applyAll(w, taskGiverChanges);
  }

  @Override
  public Integer call() {
    if (timesteps < 1) {
      throw new IllegalArgumentException("--timesteps: must be >= 1, found " + timesteps);
    }
    if (seed < 0) {
      throw new IllegalArgumentException("--seed: must be >= 0, found " + seed);
    }
    Path outDir = out.toAbsolutePath().normalize();
    if (Files.exists(outDir)) {
      throw new IllegalArgumentException("--out " + out + ": already exists (choose another directory)");
    }
    World w;
    try {
      w = world();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("world: " + e.getMessage(), e);
    }
    QrDqnTrainer.Backend chosen;
    switch (backend) {
      case "java" -> chosen = QrDqnTrainer.Backend.JAVA;
      case "djl" -> chosen = QrDqnTrainer.Backend.DJL;
      default -> throw new IllegalArgumentException("--backend: must be java or djl, found " + backend);
    }
    String deviceName = device != null ? device : chosen == QrDqnTrainer.Backend.DJL ? "auto" : "cpu";
    if (chosen == QrDqnTrainer.Backend.JAVA && !deviceName.equals("cpu")) {
      throw new IllegalArgumentException("--device: the java backend runs on cpu only, found " + deviceName);
    }
    QrDqnSettings settings = QrDqnSettings.PAPER.withTotalTimesteps(timesteps);
    if (bufferSize != null) {
      settings = settings.withBufferSize(bufferSize);
    }
    if (logInterval != null) {
      settings = settings.withLogIntervalEpisodes(logInterval);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    Path checkpoint = outDir.resolveSibling(outDir.getFileName() + ".ckpt");
    Instant started = Instant.now();
    ProgressBar bar = new ProgressBar(stderr, quiet);
    QrDqnTrainer trainer =
        new QrDqnTrainer(w, settings, seed)
            .withBackend(chosen, deviceName)
            .withCheckpoints(checkpoint, checkpointEvery)
            .withListener(
                new TrainingListener() {
                  @Override
                  public void onLog(TrainingRow row) {
                    if (!quiet) {
                      bar.clear();
                      stdout.println(logLine(row));
                      stdout.flush();
                    }
                  }

                  @Override
                  public void onProgress(long steps, long total, double seconds) {
                    bar.update(steps, total, seconds);
                  }
                });
    if (Files.exists(checkpoint) && !quiet) {
      stderr.println("sweep: resuming from checkpoint " + checkpoint);
    }
    TrainingResult result;
    try {
      result = trainer.train();
    } catch (TrainingDivergedException e) {
      bar.clear();
      stderr.println("sweep: " + e.getMessage() + "; no model written (checkpoint kept at " + checkpoint + ")");
      stderr.flush();
      return 1;
    }
    bar.clear();
    Map<String, Object> provenance = Provenance.base();
    if (chosen == QrDqnTrainer.Backend.JAVA) {
      provenance.put(
          "trainer",
          "crowdsweep QR-DQN, java backend: float32, "
              + (org.crowdsweep.core.training.Simd.vectorised() ? "Vector API (8 lanes)" : "scalar loops")
              + ", sorted quantile loss, torch Adam");
    } else {
      ai.djl.engine.Engine engine = org.crowdsweep.core.training.DjlRuntime.engine();
      provenance.put("trainer", "crowdsweep QR-DQN, djl backend: autograd through the MLP, sorted quantile loss,"
          + " torch Adam");
      provenance.put("djl_version", ai.djl.engine.Engine.getDjlVersion());
      provenance.put("engine", engine.getEngineName() + " " + engine.getVersion());
      provenance.put("pytorch_threads", System.getProperty("ai.djl.pytorch.num_threads"));
    }
    provenance.put("backend", backend);
    provenance.put("device", result.device());
    provenance.put("threads", 1L);
    provenance.put("seed", seed);
    provenance.put("started_at", started.toString());
    provenance.put("finished_at", Instant.now().toString());
    provenance.put("wall_seconds", result.wallSeconds());
    provenance.put("resumed_at_steps", new ArrayList<Object>(result.resumedAt()));
    provenance.put("replay_buffer_rebuilt_on_resume", !result.resumedAt().isEmpty());
    provenance.put("command", "sweep " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    String modelName = name != null ? name : outDir.getFileName().toString();
    ModelDirectory.write(outDir, modelName, w, settings, seed, result, provenance, false);
    try {
      Files.deleteIfExists(checkpoint);
    } catch (java.io.IOException e) {
      stderr.println("sweep: could not delete checkpoint " + checkpoint + ": " + e.getMessage());
    }
    stdout.printf(
        Locale.ROOT,
        "trained %d steps (%d episodes, %d gradient steps) in %.1f s, %.0f steps/s; model written to %s%n",
        result.totalTimesteps(),
        result.episodes(),
        result.nUpdates(),
        result.wallSeconds(),
        result.totalTimesteps() / Math.max(result.wallSeconds(), 1e-9),
        outDir);
    stdout.flush();
    return 0;
  }

  static String logLine(TrainingRow r) {
    return String.format(
        Locale.ROOT,
        "episodes %8d | steps %9d | ep_rew_mean %8.3f | ep_len_mean %7.2f | exploration %.3f | loss %s | n_updates %8d"
            + " | fps %5d",
        r.episodes(),
        r.totalTimesteps(),
        r.epRewMean(),
        r.epLenMean(),
        r.explorationRate(),
        Double.isNaN(r.loss()) ? "   -   " : String.format(Locale.ROOT, "%7.4f", r.loss()),
        r.nUpdates(),
        r.fps());
  }

  /** A one-line progress bar on stderr: steps, rate and time left. */
  static final class ProgressBar {
    private final PrintWriter err;
    private final boolean quiet;
    private boolean drawn;

    ProgressBar(PrintWriter err, boolean quiet) {
      this.err = err;
      this.quiet = quiet;
    }

    void update(long steps, long total, double seconds) {
      if (quiet) {
        return;
      }
      int width = 30;
      int filled = (int) Math.min(width, width * steps / Math.max(total, 1));
      double rate = steps / Math.max(seconds, 1e-9);
      long eta = (long) ((total - steps) / Math.max(rate, 1e-9));
      err.printf(
          Locale.ROOT,
          "\r[%s%s] %,d/%,d steps  %,.0f steps/s  ETA %dh%02dm%02ds ",
          "#".repeat(filled),
          ".".repeat(width - filled),
          steps,
          total,
          rate,
          eta / 3600,
          eta / 60 % 60,
          eta % 60);
      err.flush();
      drawn = true;
    }

    void clear() {
      if (drawn) {
        err.print("\r" + " ".repeat(100) + "\r");
        err.flush();
        drawn = false;
      }
    }
  }
}
