package org.crowdsweep.core.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crowdsweep.core.agent.QuantileNetwork;
import org.crowdsweep.core.io.ExperimentDirectory;
import org.crowdsweep.core.io.PyJson;
import org.crowdsweep.core.io.Sha256;
import org.crowdsweep.core.io.Trees;
import org.crowdsweep.core.platform.World;

/**
 * A trained model on disk: an original-style experiment directory (so the world reads like a published one) plus the
 * weights and what made them.
 *
 * <pre>
 * config.json, user_properties.json, anti_cheat_settings.json, task_properties_distributions.txt  the world
 * model.json        format, network shape, every hyperparameter, seed, counters, weights file and its SHA-256
 * weights.bin       online then target network, little-endian float32, torch layout (w0, b0, w2, b2, w4, b4)
 * progress.csv      the training curve in sb3's columns
 * provenance.json   versions, device, threads, wall time, resumes
 * </pre>
 *
 * <p>The directory is written under a temporary name and renamed, so a half-written model is never seen.
 */
public final class ModelDirectory {
  public static final String MODEL_JSON = "model.json";
  public static final String WEIGHTS = "weights.bin";
  public static final String PROGRESS = "progress.csv";
  public static final String PROVENANCE = "provenance.json";
  static final String FORMAT = "crowdsweep-qrdqn";

  private ModelDirectory() {}

  /** Whether {@code dir} holds a model in this format. */
  public static boolean isModelDirectory(Path dir) {
    return Files.isRegularFile(dir.resolve(MODEL_JSON)) && Files.isRegularFile(dir.resolve(WEIGHTS));
  }

  /** Writes a trained model into {@code dir}, which must not exist yet (or is replaced when {@code replace}). */
  public static void write(
      Path dir,
      String name,
      World world,
      QrDqnSettings settings,
      long seed,
      TrainingResult result,
      Map<String, Object> provenance,
      boolean replace) {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs) && !replace) {
      throw new IllegalArgumentException("--out " + dir + ": already exists (choose another directory)");
    }
    Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(tmp);
      Map<String, Object> config = new LinkedHashMap<>();
      config.put("name", name);
      config.put("description", "QR-DQN worker trained by crowdsweep");
      config.put("rl_model", "QR-DQN");
      config.put("exploration_fraction", settings.explorationFraction());
      config.put("exploration_final_eps", settings.explorationFinalEps());
      config.put("learning_starts", settings.learningStarts());
      config.put("total_timesteps", settings.totalTimesteps());
      config.put("main_seed", seed);
      ExperimentDirectory.of(world, config).write(tmp);

      byte[] weights = weightBytes(result.online(), result.target());
      Files.write(tmp.resolve(WEIGHTS), weights);
      Map<String, Object> model = new LinkedHashMap<>();
      model.put("format", FORMAT);
      model.put("version", 1L);
      QuantileNetwork n = result.online();
      Map<String, Object> net = new LinkedHashMap<>();
      net.put("input_size", (long) n.inputSize());
      net.put("hidden1", (long) n.hidden1());
      net.put("hidden2", (long) n.hidden2());
      net.put("actions", (long) n.numActions());
      net.put("n_quantiles", (long) n.numQuantiles());
      model.put("network", net);
      model.put("hyperparameters", hyperparameters(settings));
      model.put("seed", seed);
      model.put("num_timesteps", result.totalTimesteps());
      model.put("episodes", result.episodes());
      model.put("n_updates", result.nUpdates());
      model.put("weights_file", WEIGHTS);
      model.put("weights_sha256", Sha256.hex(weights));
      Files.writeString(tmp.resolve(MODEL_JSON), PyJson.write(model), StandardCharsets.UTF_8);
      writeCurve(tmp.resolve(PROGRESS), result.curve());
      Files.writeString(tmp.resolve(PROVENANCE), PyJson.write(provenance), StandardCharsets.UTF_8);
      if (replace && Files.exists(abs)) {
        Trees.delete(abs);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write model directory " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Writes a training curve as sb3's {@code progress.csv}. */
  public static void writeCurve(Path file, List<TrainingRow> rows) throws IOException {
    StringBuilder sb = new StringBuilder(TrainingRow.HEADER).append('\n');
    for (TrainingRow r : rows) {
      sb.append(r.csv()).append('\n');
    }
    Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
  }

  /** Every hyperparameter under sb3's names. */
  public static Map<String, Object> hyperparameters(QrDqnSettings s) {
    Map<String, Object> h = new LinkedHashMap<>();
    h.put("total_timesteps", s.totalTimesteps());
    h.put("learning_starts", s.learningStarts());
    h.put("buffer_size", (long) s.bufferSize());
    h.put("batch_size", (long) s.batchSize());
    h.put("gamma", s.gamma());
    h.put("learning_rate", s.learningRate());
    h.put("adam_eps", s.adamEps());
    h.put("adam_beta1", s.adamBeta1());
    h.put("adam_beta2", s.adamBeta2());
    h.put("train_freq", (long) s.trainFreq());
    h.put("gradient_steps", (long) s.gradientSteps());
    h.put("target_update_interval", s.targetUpdateInterval());
    h.put("exploration_fraction", s.explorationFraction());
    h.put("exploration_initial_eps", s.explorationInitialEps());
    h.put("exploration_final_eps", s.explorationFinalEps());
    h.put("n_quantiles", (long) s.numQuantiles());
    h.put("net_arch", List.of((long) s.hidden1(), (long) s.hidden2()));
    h.put("log_interval", (long) s.logIntervalEpisodes());
    return h;
  }

  /** Reads the online (acting) network of a model directory, checking the weights' size and checksum. */
  public static QuantileNetwork readOnline(Path dir) {
    Map<String, Object> model;
    try {
      model = PyJson.parseObject(Files.readString(dir.resolve(MODEL_JSON), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("model: missing file " + dir.resolve(MODEL_JSON));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(MODEL_JSON) + ": " + e.getMessage(), e);
    }
    if (!FORMAT.equals(model.get("format"))) {
      throw new IllegalArgumentException(
          "model " + dir.resolve(MODEL_JSON) + ": format must be " + FORMAT + ", found " + model.get("format"));
    }
    if (!(model.get("network") instanceof Map<?, ?> net)) {
      throw new IllegalArgumentException("model " + dir.resolve(MODEL_JSON) + ": network: missing field");
    }
    int in = intOf(net, "input_size", dir);
    int h1 = intOf(net, "hidden1", dir);
    int h2 = intOf(net, "hidden2", dir);
    int actions = intOf(net, "actions", dir);
    int nq = intOf(net, "n_quantiles", dir);
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(dir.resolve(WEIGHTS));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("model: missing file " + dir.resolve(WEIGHTS));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + dir.resolve(WEIGHTS) + ": " + e.getMessage(), e);
    }
    long perNet = (long) h1 * in + h1 + (long) h2 * h1 + h2 + (long) actions * nq * h2 + (long) actions * nq;
    if (bytes.length != 2 * perNet * 4) {
      throw new IllegalArgumentException(
          "model " + dir.resolve(WEIGHTS) + ": must have " + (2 * perNet * 4) + " bytes, found " + bytes.length);
    }
    Object sum = model.get("weights_sha256");
    if (sum != null && !sum.equals(Sha256.hex(bytes))) {
      throw new IllegalArgumentException("model " + dir.resolve(WEIGHTS) + ": checksum does not match model.json");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    float[][] t = new float[6][];
    int[] sizes = {h1 * in, h1, h2 * h1, h2, actions * nq * h2, actions * nq};
    for (int i = 0; i < 6; i++) {
      t[i] = new float[sizes[i]];
      buf.asFloatBuffer().get(t[i]);
      buf.position(buf.position() + sizes[i] * 4);
    }
    return new QuantileNetwork(in, h1, h2, actions, nq, t[0], t[1], t[2], t[3], t[4], t[5]);
  }

  private static int intOf(Map<?, ?> net, String key, Path dir) {
    if (!(net.get(key) instanceof Long l) || l <= 0) {
      throw new IllegalArgumentException(
          "model " + dir.resolve(MODEL_JSON) + ": network." + key + " must be a positive integer, found " + net.get(key));
    }
    return Math.toIntExact(l);
  }

  private static byte[] weightBytes(QuantileNetwork online, QuantileNetwork target) {
    List<float[]> arrays = new ArrayList<>();
    for (QuantileNetwork n : new QuantileNetwork[] {online, target}) {
      arrays.addAll(List.of(n.w0(), n.b0(), n.w2(), n.b2(), n.w4(), n.b4()));
    }
    int total = 0;
    for (float[] a : arrays) {
      total += a.length;
    }
    ByteBuffer buf = ByteBuffer.allocate(total * 4).order(ByteOrder.LITTLE_ENDIAN);
    for (float[] a : arrays) {
      for (float f : a) {
        buf.putFloat(f);
      }
    }
    return buf.array();
  }

}
