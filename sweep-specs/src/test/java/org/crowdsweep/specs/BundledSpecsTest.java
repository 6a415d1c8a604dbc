package org.crowdsweep.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled spec is valid and plans; point ids and training keys are stable (golden file). */
final class BundledSpecsTest {
  static final Path SPECS = Paths.get("specs");
  static final Path GOLDEN = Paths.get("src/test/resources/golden-ids-v1.tsv");

  static Stream<Path> specs() throws IOException {
    return Files.list(SPECS).filter(p -> p.toString().endsWith(".json")).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("specs")
  void bundledSpec_plans(Path file) {
    Plan plan = Expansion.expand(SpecReader.read(file));
    assertTrue(plan.points().size() >= 2, "points");
    assertEquals(plan.points().size(), new HashSet<>(plan.points().stream().map(Point::id).toList()).size());
    assertTrue(!plan.spec().effects().isEmpty(), "each bundled spec states its effects");
    for (var e : plan.spec().effects()) {
      assertTrue(e.comment().length() > 40, e.name() + " justifies its expected direction");
    }
  }

  @Test
  void b1_oneTrainingPerProbability_evaluationsReuseThem() {
    Plan plan = Expansion.expand(SpecReader.read(SPECS.resolve("b1-gold-probability.json")));
    assertEquals(5, plan.points().size());
    assertEquals(5, plan.trainings().size());
    assertEquals(5, plan.evaluations());
    assertEquals(50_000_000L, plan.trainingSteps());
    assertEquals(List.of("qaModeProb=0", "qaModeProb=0.05", "qaModeProb=0.1", "qaModeProb=0.2", "qaModeProb=0.3"),
        plan.points().stream().map(Point::label).toList());
  }

  @Test
  void b5_fourPointsShareTwoTrainings() {
    Plan plan = Expansion.expand(SpecReader.read(SPECS.resolve("b5-cross-table.json")));
    assertEquals(4, plan.points().size());
    assertEquals(2, plan.trainings().size());
    assertEquals(plan.points().get(0).trainingKey(), plan.points().get(1).trainingKey());
    assertNotEquals(plan.points().get(0).id(), plan.points().get(1).id());
    assertEquals(0.1, plan.points().get(1).evaluationWorld().antiCheat().qaModeProb());
    assertEquals(0.0, plan.points().get(1).world().antiCheat().qaModeProb());
  }

  @Test
  void tutorial_isTheTutorialsEvaluation() {
    Plan plan = Expansion.expand(SpecReader.read(SPECS.resolve("tutorial.json")));
    assertEquals(List.of("baseline", "A.1"), plan.points().stream().map(Point::label).toList());
    assertEquals(100, plan.points().get(0).episodes());
    assertEquals(org.crowdsweep.core.evaluation.SeedingMode.TUTORIAL, plan.points().get(0).seeding());
    assertEquals(0, plan.trainings().size());
  }

  /** The golden lines: spec, label, point id, training key. */
  static List<String> goldenLines() throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path file : specs().toList()) {
      Plan plan = Expansion.expand(SpecReader.read(file));
      for (Point p : plan.points()) {
        lines.add(String.join("\t", plan.spec().name(), p.label(), p.id(), p.trains() ? p.trainingKey() : "-"));
      }
    }
    return lines;
  }

  @Test
  void pointIdsAndTrainingKeys_matchGoldenFile() throws IOException {
    assertEquals(Files.readAllLines(GOLDEN, StandardCharsets.UTF_8), goldenLines(),
        "ids changed: if on purpose, bump Expansion.TRAINER_VERSION or the id scheme, and regenerate with"
            + " BundledSpecsTest.main");
  }

  @Test
  void identicalPointsInDifferentSpecs_shareTheirId() {
    // The baseline of A1 and A2 is the same point (same worker, world and evaluation): one id, computed once.
    Plan a1 = Expansion.expand(SpecReader.read(SPECS.resolve("a1-payout.json")));
    Plan a2 = Expansion.expand(SpecReader.read(SPECS.resolve("a2-interest.json")));
    assertEquals(a1.points().get(0).id(), a2.points().get(0).id());
  }

  /** Regenerates the golden file (run from the sweep-specs directory); not a test. */
  public static void main(String[] args) throws IOException {
    Files.write(GOLDEN, goldenLines(), StandardCharsets.UTF_8);
  }
}
