package org.crowdsweep.specs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

/**
 * Resolves model references of specs: {@code published:qa3-0.1} and {@code published:qa3-0} against a directory laid
 * out like the original repository's {@code exp/} folder (given with {@code --published-models DIR} or the
 * environment variable {@code CROWDSWEEP_PUBLISHED_MODELS}); anything else is a path to an experiment directory, a
 * {@code model.save} or a crowdsweep model directory. The project does not ship the published files.
 */
public final class PublishedModels {
  /** The environment variable naming the published-models directory. */
  public static final String ENV = "CROWDSWEEP_PUBLISHED_MODELS";

  static final Map<String, String> DIRECTORIES =
      Map.of(
          "published:qa3-0.1", "paper-exps_cheating_qa3-0.1_rep0.9",
          "published:qa3-0", "paper-exps_cheating_qa3-0_rep0.9");

  private final Path directory;

  /** The folder names of the published models inside the published-models directory. */
  public static java.util.Collection<String> directoryNames() {
    return DIRECTORIES.values();
  }

  private PublishedModels(Path directory) {
    this.directory = directory;
  }

  /** A resolver for the given directory, or (when null) the environment variable's, or none. */
  public static PublishedModels of(Path directory) {
    if (directory == null) {
      String env = System.getenv(ENV);
      directory = env == null || env.isBlank() ? null : Paths.get(env);
    }
    return new PublishedModels(directory == null ? null : directory.toAbsolutePath().normalize());
  }

  /** The path a reference stands for; a missing published directory gives a message saying where to get it. */
  public Path resolve(String reference) {
    String dirName = DIRECTORIES.get(reference);
    if (dirName == null) {
      if (reference.startsWith("published:")) {
        throw new IllegalArgumentException(
            "unknown published model '" + reference + "'; known: " + String.join(", ", SpecValidator.PUBLISHED));
      }
      Path p = Paths.get(reference).toAbsolutePath().normalize();
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("model '" + reference + "': no such file or directory " + p);
      }
      return p;
    }
    if (directory == null) {
      throw new IllegalArgumentException(
          reference + ": no published-models directory given; pass --published-models DIR or set " + ENV
              + " to the exp/ folder of github.com/m-hedderich/crowdworkersimulation (it holds " + dirName + ")");
    }
    Path p = directory.resolve(dirName);
    if (!Files.isRegularFile(p.resolve("model.save"))) {
      throw new IllegalArgumentException(
          reference + ": " + p.resolve("model.save") + " not found; the published-models directory must be the exp/"
              + " folder of github.com/m-hedderich/crowdworkersimulation");
    }
    return p;
  }
}
