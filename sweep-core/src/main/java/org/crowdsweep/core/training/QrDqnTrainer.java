package org.crowdsweep.core.training;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.crowdsweep.core.agent.QuantileNetwork;
import org.crowdsweep.core.platform.CrowdworkerPlatform;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.rng.NumpyRandom;
import org.crowdsweep.core.rng.StableSeeds;

/**
 * Trains a QR-DQN worker in a world with the loop of sb3-contrib 1.4.0 ({@code OffPolicyAlgorithm.learn}).
 *
 * <p>Each round collects {@code train_freq} environment steps, then (once more than {@code learning_starts} steps
 * are done) takes {@code gradient_steps} gradient steps. Actions are uniform until {@code learning_starts}, then
 * ε-greedy with ε updated after every step from the progress remaining; the target network is copied whenever the
 * step count is a multiple of {@code target_update_interval}; after a done the terminal observation is stored and the
 * environment resets. A row of the training curve is logged every {@code log_interval} episodes.
 *
 * <p>Randomness: the environment draws from {@code default_rng(seed)} (as sb3 seeds the env with the training seed);
 * exploration, replay sampling and weight initialisation each get their own generator, seeded from the training seed
 * with {@link StableSeeds}. The same seed therefore gives bit-identical weights.
 *
 * <p>Checkpoints (optional) hold the weights, the optimiser, the counters and every generator's state, written to a
 * temporary name and renamed. A resumed training starts a fresh episode and refills the replay buffer, which is not
 * saved: gradient steps resume once it holds {@code learning_starts} (at least one batch) new transitions.
 */
public final class QrDqnTrainer {
  private static final int MAGIC = 0x43535132; // "CSQ2"
  private static final int EPISODE_WINDOW = 100;

  private final World world;
  private final QrDqnSettings settings;
  private final long seed;
  private Path checkpointFile;
  private long checkpointInterval;
  private TrainingListener listener = TrainingListener.NONE;
  private QuantileHuberLoss.Method lossMethod = QuantileHuberLoss.Method.SORTED;
  private Backend backend = Backend.JAVA;
  private String device = "cpu";

  /** Where the networks are computed. */
  public enum Backend {
    /** Plain Java float32 on one CPU thread: the fastest on a CPU. */
    JAVA,
    /** DJL's PyTorch engine, on a GPU when a device {@code gpu} or {@code gpu:N} is given and present. */
    DJL
  }

  /** A trainer for the given world, settings and training seed. */
  public QrDqnTrainer(World world, QrDqnSettings settings, long seed) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed: must be >= 0, found " + seed);
    }
    this.world = world;
    this.settings = settings;
    this.seed = seed;
  }

  /** Writes a checkpoint to {@code file} every {@code interval} environment steps, and resumes from it if present. */
  public QrDqnTrainer withCheckpoints(Path file, long interval) {
    if (interval <= 0) {
      throw new IllegalArgumentException("checkpoint interval: must be > 0, found " + interval);
    }
    this.checkpointFile = file;
    this.checkpointInterval = interval;
    return this;
  }

  /** Computes the loss gradient with the given method (the pairwise one only serves as a benchmark baseline). */
  public QrDqnTrainer withLossMethod(QuantileHuberLoss.Method value) {
    this.lossMethod = value;
    return this;
  }

  /**
   * Computes the networks with the given backend on the given device ({@code cpu}, {@code gpu} for the first GPU,
   * {@code gpu:N}; only the DJL backend uses GPUs).
   */
  public QrDqnTrainer withBackend(Backend value, String deviceName) {
    if (value == Backend.JAVA && !deviceName.equals("cpu")) {
      throw new IllegalArgumentException("device: the java backend runs on cpu only, found " + deviceName);
    }
    this.backend = value;
    this.device = deviceName;
    return this;
  }

  /** Reports progress to {@code value}. */
  public QrDqnTrainer withListener(TrainingListener value) {
    this.listener = value;
    return this;
  }

  /** The seed of one of the trainer's own streams ("explore", "replay", "init"). */
  static long streamSeed(long seed, String stream) {
    return StableSeeds.derive("crowdsweep/qrdqn/v1|" + stream + "|" + seed);
  }

  /** Runs the training to the budget (or resumes it) and returns the result. */
  public TrainingResult train() {
    long start = System.nanoTime();
    int obsSize = world.observationSize();
    int numActions = world.numActions();
    NumpyRandom envRng = NumpyRandom.seeded(seed);
    NumpyRandom explore = NumpyRandom.seeded(streamSeed(seed, "explore"));
    NumpyRandom replayRng = NumpyRandom.seeded(streamSeed(seed, "replay"));
    NumpyRandom init = NumpyRandom.seeded(streamSeed(seed, "init"));
    try (Learner learner =
        backend == Backend.JAVA
            ? new QuantileLearner(obsSize, numActions, settings, init, lossMethod)
            : new DjlQuantileLearner(obsSize, numActions, settings, init, device)) {
      return train(learner, start, obsSize, envRng, explore, replayRng);
    }
  }

  private TrainingResult train(
      Learner learner, long start, int obsSize, NumpyRandom envRng, NumpyRandom explore, NumpyRandom replayRng) {
    int numActions = world.numActions();
    ReplayBuffer buffer = new ReplayBuffer(settings.bufferSize(), obsSize);
    Counters c = new Counters();
    List<TrainingRow> curve = new ArrayList<>();
    ArrayDeque<double[]> window = new ArrayDeque<>();
    List<Long> resumedAt = new ArrayList<>();
    long trainingStartsAt = settings.learningStarts();
    if (checkpointFile != null && Files.isRegularFile(checkpointFile)) {
      readCheckpoint(learner, envRng, explore, replayRng, c, curve, window, resumedAt);
      resumedAt.add(c.timesteps);
      trainingStartsAt = c.timesteps + Math.max(settings.learningStarts(), settings.batchSize());
    }
    CrowdworkerPlatform platform = new CrowdworkerPlatform(world, envRng);
    platform.reset();
    double[] obs = platform.observation();
    double[] next = new double[obsSize];
    int[] indices = new int[settings.batchSize()];
    double episodeReturn = 0;
    int episodeLength = 0;
    long total = settings.totalTimesteps();
    long lastHeartbeat = c.timesteps;
    double elapsedBefore = c.elapsedSeconds;
    while (c.timesteps < total) {
      for (int k = 0; k < settings.trainFreq(); k++) {
        int action;
        if (c.timesteps < settings.learningStarts()) {
          action = (int) explore.integers(numActions);
        } else if (explore.random() < c.epsilon) {
          action = (int) explore.integers(numActions);
        } else {
          action = learner.act(obs);
        }
        double reward = platform.step(action);
        c.timesteps++;
        boolean done = platform.isDone();
        platform.observe(next);
        episodeReturn += reward;
        episodeLength++;
        buffer.add(obs, action, reward, next, done);
        double progressRemaining = 1.0 - (double) c.timesteps / total;
        if (c.timesteps % settings.targetUpdateInterval() == 0) {
          learner.syncTarget();
        }
        c.epsilon = settings.explorationRate(progressRemaining);
        if (done) {
          c.episodes++;
          window.addLast(new double[] {Math.round(episodeReturn * 1e6) / 1e6, episodeLength});
          if (window.size() > EPISODE_WINDOW) {
            window.removeFirst();
          }
          episodeReturn = 0;
          episodeLength = 0;
          platform.reset();
          platform.observe(obs);
          if (c.episodes % settings.logIntervalEpisodes() == 0) {
            double elapsed = elapsedBefore + (System.nanoTime() - start) / 1e9;
            TrainingRow row = row(c, window, elapsed);
            curve.add(row);
            listener.onLog(row);
          }
        } else {
          double[] swap = obs;
          obs = next;
          next = swap;
        }
      }
      if (c.timesteps > trainingStartsAt) {
        for (int s = 0; s < settings.gradientSteps(); s++) {
          buffer.sampleIndices(replayRng, indices);
          double loss = learner.trainStep(buffer, indices);
          c.nUpdates++;
          if (!Double.isFinite(loss)) {
            throw new TrainingDivergedException(c.timesteps, "loss is " + loss);
          }
          c.lastLoss = loss;
        }
      }
      if (c.timesteps - lastHeartbeat >= 10_000) {
        lastHeartbeat = c.timesteps;
        if (!learner.weightsFinite()) {
          throw new TrainingDivergedException(c.timesteps, "a weight is NaN or infinite");
        }
        listener.onProgress(c.timesteps, total, elapsedBefore + (System.nanoTime() - start) / 1e9);
      }
      if (checkpointFile != null && c.timesteps % checkpointInterval < settings.trainFreq() && c.timesteps < total) {
        c.elapsedSeconds = elapsedBefore + (System.nanoTime() - start) / 1e9;
        writeCheckpoint(learner, envRng, explore, replayRng, c, curve, window, resumedAt);
        listener.onCheckpoint(c.timesteps);
      }
    }
    if (!learner.weightsFinite()) {
      throw new TrainingDivergedException(c.timesteps, "a weight is NaN or infinite");
    }
    double wall = (System.nanoTime() - start) / 1e9;
    return new TrainingResult(
        learner.onlineNetwork(),
        learner.targetNetwork(),
        curve,
        c.timesteps,
        c.episodes,
        c.nUpdates,
        elapsedBefore + wall,
        resumedAt,
        learner.device());
  }

  private TrainingRow row(Counters c, ArrayDeque<double[]> window, double elapsed) {
    double rew = 0;
    double len = 0;
    for (double[] e : window) {
      rew += e[0];
      len += e[1];
    }
    int n = window.size();
    return new TrainingRow(
        c.episodes,
        rew / n,
        len / n,
        c.epsilon,
        c.nUpdates == 0 ? Double.NaN : c.lastLoss,
        c.nUpdates,
        settings.learningRate(),
        elapsed > 0 ? (long) (c.timesteps / elapsed) : 0,
        (long) elapsed,
        c.timesteps);
  }

  /** Mutable counters of the loop. */
  private static final class Counters {
    long timesteps;
    long episodes;
    long nUpdates;
    double epsilon;
    double lastLoss = Double.NaN;
    double elapsedSeconds;
  }

  private void writeCheckpoint(
      Learner learner,
      NumpyRandom envRng,
      NumpyRandom explore,
      NumpyRandom replayRng,
      Counters c,
      List<TrainingRow> curve,
      ArrayDeque<double[]> window,
      List<Long> resumedAt) {
    Path tmp = checkpointFile.resolveSibling(checkpointFile.getFileName() + ".tmp");
    try {
      Files.createDirectories(checkpointFile.toAbsolutePath().getParent());
      try (DataOutputStream out =
          new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
        out.writeInt(MAGIC);
        out.writeLong(seed);
        out.writeLong(settings.totalTimesteps());
        out.writeLong(c.timesteps);
        out.writeLong(c.episodes);
        out.writeLong(c.nUpdates);
        out.writeDouble(c.epsilon);
        out.writeDouble(c.lastLoss);
        out.writeDouble(c.elapsedSeconds);
        for (NumpyRandom r : new NumpyRandom[] {envRng, explore, replayRng}) {
          NumpyRandom.State s = r.state();
          out.writeLong(s.stateHi());
          out.writeLong(s.stateLo());
          out.writeLong(s.incHi());
          out.writeLong(s.incLo());
          out.writeBoolean(s.hasUint32());
          out.writeInt(s.uinteger());
        }
        LearnerState ls = learner.state();
        out.writeLong(ls.adamStep());
        for (QuantileNetwork n : new QuantileNetwork[] {ls.online(), ls.target(), ls.adamM(), ls.adamV()}) {
          for (float[] a : LearnerState.arrays(n)) {
            out.writeInt(a.length);
            for (float f : a) {
              out.writeFloat(f);
            }
          }
        }
        out.writeInt(window.size());
        for (double[] e : window) {
          out.writeDouble(e[0]);
          out.writeDouble(e[1]);
        }
        out.writeInt(curve.size());
        for (TrainingRow r : curve) {
          out.writeUTF(r.csv());
        }
        out.writeInt(resumedAt.size());
        for (long s : resumedAt) {
          out.writeLong(s);
        }
      }
      Files.move(tmp, checkpointFile, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write checkpoint " + checkpointFile + ": " + e.getMessage(), e);
    }
  }

  private void readCheckpoint(
      Learner learner,
      NumpyRandom envRng,
      NumpyRandom explore,
      NumpyRandom replayRng,
      Counters c,
      List<TrainingRow> curve,
      ArrayDeque<double[]> window,
      List<Long> resumedAt) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(checkpointFile)))) {
      if (in.readInt() != MAGIC) {
        throw new IllegalArgumentException("checkpoint " + checkpointFile + ": not a crowdsweep QR-DQN checkpoint");
      }
      long fileSeed = in.readLong();
      long fileTotal = in.readLong();
      if (fileSeed != seed || fileTotal != settings.totalTimesteps()) {
        throw new IllegalArgumentException(
            "checkpoint "
                + checkpointFile
                + ": made for seed "
                + fileSeed
                + " and "
                + fileTotal
                + " steps, not seed "
                + seed
                + " and "
                + settings.totalTimesteps());
      }
      c.timesteps = in.readLong();
      c.episodes = in.readLong();
      c.nUpdates = in.readLong();
      c.epsilon = in.readDouble();
      c.lastLoss = in.readDouble();
      c.elapsedSeconds = in.readDouble();
      for (NumpyRandom r : new NumpyRandom[] {envRng, explore, replayRng}) {
        r.restore(
            new NumpyRandom.State(
                in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readBoolean(), in.readInt()));
      }
      long adamStep = in.readLong();
      QuantileNetwork shape = learner.onlineNetwork();
      QuantileNetwork[] nets = new QuantileNetwork[4];
      for (int k = 0; k < 4; k++) {
        float[][] arrays = new float[6][];
        for (int t = 0; t < 6; t++) {
          arrays[t] = new float[in.readInt()];
          for (int i = 0; i < arrays[t].length; i++) {
            arrays[t][i] = in.readFloat();
          }
        }
        nets[k] = LearnerState.network(shape, arrays);
      }
      learner.restore(new LearnerState(nets[0], nets[1], nets[2], nets[3], adamStep));
      int w = in.readInt();
      for (int i = 0; i < w; i++) {
        window.addLast(new double[] {in.readDouble(), in.readDouble()});
      }
      int rows = in.readInt();
      for (int i = 0; i < rows; i++) {
        curve.add(parseRow(in.readUTF()));
      }
      int resumes = in.readInt();
      for (int i = 0; i < resumes; i++) {
        resumedAt.add(in.readLong());
      }
    } catch (java.io.EOFException e) {
      throw new IllegalArgumentException("checkpoint " + checkpointFile + ": truncated", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read checkpoint " + checkpointFile + ": " + e.getMessage(), e);
    }
  }

  static TrainingRow parseRow(String csv) {
    String[] f = csv.split(",", -1);
    return new TrainingRow(
        Long.parseLong(f[0]),
        Double.parseDouble(f[1]),
        Double.parseDouble(f[2]),
        Double.parseDouble(f[3]),
        f[4].isEmpty() ? Double.NaN : Double.parseDouble(f[4]),
        Long.parseLong(f[5]),
        Double.parseDouble(f[6]),
        Long.parseLong(f[7]),
        Long.parseLong(f[8]),
        Long.parseLong(f[9]));
  }
}
