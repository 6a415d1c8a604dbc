package org.crowdsweep.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of malformed specs ({@code malformed-specs.txt}): each block is a name, the spec, and the exact error
 * lines expected, in order. A new rule or message means a new block.
 */
final class MalformedSpecCorpusTest {
  record Case(String name, String json, List<String> expected) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Case> corpus() throws IOException {
    String text;
    try (InputStream in = MalformedSpecCorpusTest.class.getResourceAsStream("/malformed-specs.txt")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    List<Case> cases = new ArrayList<>();
    for (String block : text.split("(?m)^=== ")) {
      if (block.isBlank()) {
        continue;
      }
      String name = block.substring(0, block.indexOf('\n'));
      String rest = block.substring(block.indexOf('\n') + 1);
      String[] parts = rest.split("(?m)^--- expected\n");
      List<String> expected = parts[1].strip().lines().collect(Collectors.toList());
      cases.add(new Case(name, parts[0].strip(), expected));
    }
    return cases;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("corpus")
  void malformedSpec_givesExactMessages(Case c) {
    SpecException e = assertThrows(SpecException.class, () -> SpecReader.parse(c.json() + "\n"));
    assertEquals(c.expected(), e.errors().stream().map(SpecError::toString).toList());
  }

  @org.junit.jupiter.api.Test
  void corpus_hasAtLeastThirtyCases() throws IOException {
    assertTrue(corpus().size() >= 30, "corpus size " + corpus().size());
  }
}
