package org.crowdsweep.job.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.crowdsweep.core.agent.GreedyQuantilePolicy;
import org.crowdsweep.core.agent.QuantileNetwork;
import org.crowdsweep.core.agent.Sb3ModelReader;
import org.crowdsweep.core.io.ExperimentDirectory;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.training.ModelDirectory;

/**
 * Where a model and its world come from: an experiment directory with a {@code model.save}, a crowdsweep model
 * directory ({@code model.json}), or a {@code model.save} file; the world is the model directory's own unless another experiment directory is named.
 *
 * @param modelFile the {@code model.save}
 * @param worldDir the experiment directory whose world is used
 */
record ModelLocation(Path modelFile, Path worldDir) {

  static ModelLocation resolve(Path model, Path world) {
    Path abs = model.toAbsolutePath().normalize();
    Path file;
    if (Files.isDirectory(abs) && ModelDirectory.isModelDirectory(abs)) {
      file = abs.resolve(ModelDirectory.MODEL_JSON);
    } else if (Files.isDirectory(abs)) {
      file = abs.resolve(ExperimentDirectory.MODEL);
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            "--model " + model + ": the directory has neither " + ExperimentDirectory.MODEL + " nor "
                + ModelDirectory.MODEL_JSON);
      }
    } else if (Files.isRegularFile(abs)) {
      file = abs;
    } else {
      throw new IllegalArgumentException("--model " + model + ": no such file or directory");
    }
    Path worldDir;
    if (world != null) {
      worldDir = world.toAbsolutePath().normalize();
    } else {
      worldDir = file.getParent();
      if (!Files.isRegularFile(worldDir.resolve(ExperimentDirectory.ANTI_CHEAT_SETTINGS))) {
        throw new IllegalArgumentException(
            "--model " + model + ": no experiment files beside the model; name the world with --world DIR");
      }
    }
    return new ModelLocation(file, worldDir);
  }

  /** The acting network: an sb3 {@code model.save} or a crowdsweep model directory. */
  QuantileNetwork readNetwork() {
    if (modelFile.getFileName().toString().equals(ModelDirectory.MODEL_JSON)) {
      return ModelDirectory.readOnline(modelFile.getParent());
    }
    return Sb3ModelReader.read(modelFile).online();
  }

  GreedyQuantilePolicy readPolicy() {
    return new GreedyQuantilePolicy(readNetwork());
  }

  World readWorld() {
    return ExperimentDirectory.read(worldDir).world();
  }
}
