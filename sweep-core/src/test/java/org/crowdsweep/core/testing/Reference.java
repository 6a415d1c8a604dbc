package org.crowdsweep.core.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.crowdsweep.core.agent.Sb3Model;
import org.crowdsweep.core.agent.Sb3ModelReader;

/**
 * The published experiment directories ({@code ../shared/reference/}), found through the system property {@code
 * crowdsweep.reference.dir} (set by the build) or the environment variable {@code CROWDSWEEP_REFERENCE_DIR}. A test
 * that needs them fails with a message saying where they were looked for.
 */
public final class Reference {
  /** The model trained with gold questions (qa_mode_prob 0.1). */
  public static final String QA_01 = "paper-exps_cheating_qa3-0.1_rep0.9";

  /** The model trained without gold questions. */
  public static final String QA_0 = "paper-exps_cheating_qa3-0_rep0.9";

  private static Sb3Model qa01Model;

  private Reference() {}

  /** The reference directory; fails the test if it is absent. */
  public static Path root() {
    String dir = System.getProperty("crowdsweep.reference.dir");
    if (dir == null || dir.isBlank()) {
      dir = System.getenv("CROWDSWEEP_REFERENCE_DIR");
    }
    if (dir == null || dir.isBlank()) {
      dir = "../../shared/reference";
    }
    Path root = Paths.get(dir).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve(QA_01))) {
      fail(
          "The published experiment directories are missing: expected "
              + root.resolve(QA_01)
              + ". Put the shared/ folder beside the checkout (../shared/reference), or set -Dcrowdsweep.reference.dir"
              + " or CROWDSWEEP_REFERENCE_DIR.");
    }
    return root;
  }

  /** One published experiment directory. */
  public static Path dir(String name) {
    return root().resolve(name);
  }

  /** The published qa3-0.1 model, read once per JVM. */
  public static synchronized Sb3Model qa01() {
    if (qa01Model == null) {
      qa01Model = Sb3ModelReader.read(dir(QA_01).resolve("model.save"));
    }
    return qa01Model;
  }
}
