package org.crowdsweep.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** The committed JSON Schema is the one generated from the reader's field lists. */
final class SpecSchemaTest {
  @Test
  void committedSchema_isUpToDate() throws IOException {
    assertEquals(
        SpecSchema.generate(),
        Files.readString(Paths.get("schema/sweep-spec.schema.json"), StandardCharsets.UTF_8),
        "regenerate with: scripts/sweep schema > sweep-specs/schema/sweep-spec.schema.json");
  }
}
