package org.crowdsweep.job.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.UUID;
import org.crowdsweep.core.io.Trees;
import org.crowdsweep.core.training.ModelDirectory;
import org.crowdsweep.core.training.QrDqnTrainer;
import org.crowdsweep.core.training.TrainingResult;
import org.crowdsweep.specs.Point;

/**
 * Trained models by training key: {@code CACHE/<key>/} is a model directory. A model is trained into a temporary
 * directory and renamed into place when complete, so a half-written model is never used; when two attempts race, the
 * first rename wins and the other's copy is discarded.
 */
public final class ModelCache {
  private final Path root;

  public ModelCache(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The directory of a key's model. */
  public Path entry(String trainingKey) {
    return root.resolve(trainingKey);
  }

  /** Whether the key's model is complete in the cache. */
  public boolean contains(String trainingKey) {
    return ModelDirectory.isModelDirectory(entry(trainingKey));
  }

  /** Trains the point's model on the CPU unless the cache has it; returns the result, or null if it was cached. */
  public TrainingResult ensureTrained(Point point, Map<String, Object> provenance) {
    return ensureTrained(point, provenance, null);
  }

  /**
   * Trains the point's model unless the cache has it: on the given GPU ({@code gpu:N}, DJL backend) or, when null, on
   * the CPU (java backend). Returns the training result, or null if it was cached.
   */
  public TrainingResult ensureTrained(Point point, Map<String, Object> provenance, String gpu) {
    if (!point.trains()) {
      throw new IllegalArgumentException("point " + point.label() + " loads its agent; nothing to train");
    }
    if (contains(point.trainingKey())) {
      return null;
    }
    Path tmp = root.resolve(".tmp-" + point.trainingKey() + "-" + UUID.randomUUID());
    try {
      Files.createDirectories(root);
      QrDqnTrainer trainer = new QrDqnTrainer(point.world(), point.training(), point.trainingSeed());
      if (gpu != null) {
        trainer.withBackend(QrDqnTrainer.Backend.DJL, gpu);
      }
      TrainingResult result;
      try {
        result = trainer.train();
      } catch (IllegalStateException | IllegalArgumentException e) {
        throw gpu == null ? e : new IllegalStateException("training on " + gpu + ": " + e.getMessage(), e);
      }
      Map<String, Object> p = new java.util.LinkedHashMap<>(provenance);
      p.put("commit", org.crowdsweep.job.cli.ProvenanceAccess.commit());
      p.put("device", result.device());
      p.put("backend", gpu != null ? "djl" : "java");
      p.put("wall_seconds", result.wallSeconds());
      p.put("training_key", point.trainingKey());
      ModelDirectory.write(tmp, point.trainingKey(), point.world(), point.training(), point.trainingSeed(), result, p,
          false);
      try {
        Files.move(tmp, entry(point.trainingKey()), StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
        Trees.delete(tmp); // another attempt finished first; its model is the same
      } catch (AtomicMoveNotSupportedException e) {
        throw new IllegalStateException("model cache " + root + " does not support atomic renames", e);
      }
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("model cache " + root + ": " + e.getMessage(), e);
    }
  }

}
