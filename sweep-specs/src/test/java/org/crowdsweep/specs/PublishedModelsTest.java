package org.crowdsweep.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Published model names resolve against a directory like the original exp/ folder, with clear errors otherwise. */
final class PublishedModelsTest {
  @TempDir Path tmp;

  @Test
  void missingDirectory_saysWhereToGetIt() {
    PublishedModels none = PublishedModels.of(null);
    org.junit.jupiter.api.Assumptions.assumeTrue(System.getenv(PublishedModels.ENV) == null, "env var set");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> none.resolve("published:qa3-0.1"));
    assertEquals(
        "published:qa3-0.1: no published-models directory given; pass --published-models DIR or set"
            + " CROWDSWEEP_PUBLISHED_MODELS to the exp/ folder of github.com/m-hedderich/crowdworkersimulation (it holds"
            + " paper-exps_cheating_qa3-0.1_rep0.9)",
        e.getMessage());
  }

  @Test
  void directoryWithoutTheModel_isRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> PublishedModels.of(tmp).resolve("published:qa3-0"));
    assertEquals(
        "published:qa3-0: " + tmp.resolve("paper-exps_cheating_qa3-0_rep0.9/model.save") + " not found; the"
            + " published-models directory must be the exp/ folder of github.com/m-hedderich/crowdworkersimulation",
        e.getMessage());
  }

  @Test
  void referenceDirectory_resolves() {
    String dir = System.getProperty("crowdsweep.reference.dir", "../../shared/reference");
    Path root = Path.of(dir).toAbsolutePath().normalize();
    org.junit.jupiter.api.Assertions.assertTrue(
        java.nio.file.Files.isDirectory(root), "the published experiment directories are missing: expected " + root);
    assertEquals(root.resolve("paper-exps_cheating_qa3-0.1_rep0.9"),
        PublishedModels.of(root).resolve("published:qa3-0.1"));
  }
}
