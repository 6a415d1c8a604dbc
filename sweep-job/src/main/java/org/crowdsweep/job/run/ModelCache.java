package org.crowdsweep.job.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.crowdsweep.core.io.Trees;
import org.crowdsweep.core.training.ModelDirectory;
import org.crowdsweep.core.training.QrDqnTrainer;
import org.crowdsweep.core.training.TrainingListener;
import org.crowdsweep.core.training.TrainingResult;
import org.crowdsweep.specs.Point;

/**
 * Trained models by training key: {@code CACHE/<key>/} is a model directory, on the local disk or any Hadoop
 * FileSystem ({@link Storage}). A model is trained into a temporary directory and published under its key when
 * complete, so a half-written model is never used; when two attempts race, the first to publish wins and the other's
 * copy is discarded (training is deterministic: both are the same).
 */
public final class ModelCache {
  private final Storage root;

  /** The cache at a location (local path or Hadoop URI). */
  public ModelCache(String location) {
    this(Storage.of(location));
  }

  /** The cache in a local directory. */
  public ModelCache(Path root) {
    this(Storage.of(root.toAbsolutePath().toString()));
  }

  ModelCache(Storage root) {
    this.root = root;
  }

  /** Where the cache is. */
  public String location() {
    return root.location();
  }

  /**
   * A local directory with the key's model (the entry itself when the cache is local, else a copy on this machine).
   */
  public Path entry(String trainingKey) {
    return root.localCopy(trainingKey);
  }

  /** Whether the key's model is complete in the cache. */
  public boolean contains(String trainingKey) {
    return root.isFile(trainingKey + "/" + ModelDirectory.MODEL_JSON)
        && root.isFile(trainingKey + "/" + ModelDirectory.WEIGHTS);
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
    return ensureTrained(point, provenance, gpu, TrainingListener.NONE);
  }

  /** As {@link #ensureTrained(Point, Map, String)}, telling {@code listener} how the training goes. */
  public TrainingResult ensureTrained(Point point, Map<String, Object> provenance, String gpu,
      TrainingListener listener) {
    if (!point.trains()) {
      throw new IllegalArgumentException("point " + point.label() + " loads its agent; nothing to train");
    }
    if (contains(point.trainingKey())) {
      return null;
    }
    Path tmp = null;
    try {
      tmp = root.localWorkDirectory(".tmp-" + point.trainingKey() + "-" + UUID.randomUUID());
      QrDqnTrainer trainer =
          new QrDqnTrainer(point.world(), point.training(), point.trainingSeed()).withListener(listener);
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
      root.publishDirectory(tmp, point.trainingKey());
      tmp = null;
      return result;
    } catch (IOException e) {
      throw new UncheckedIOException("model cache " + root + ": " + e.getMessage(), e);
    } finally {
      if (tmp != null) {
        try {
          Trees.delete(tmp);
        } catch (IOException ignored) {
          // best effort: a failed training leaves no model, and its scratch folder is hidden (.tmp-)
        }
      }
    }
  }
}
