package org.crowdsweep.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.crowdsweep.core.platform.AntiCheatSettings;
import org.crowdsweep.core.platform.BetaParameters;
import org.crowdsweep.core.platform.TaskGiverDistribution;
import org.crowdsweep.core.platform.TaskGiverDistribution.CustomBeta;
import org.crowdsweep.core.platform.UserProperties;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.testing.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Reading and writing the original experiment directories, byte for byte, and refusing bad ones clearly. */
final class ExperimentDirectoryTest {

  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {Reference.QA_01, Reference.QA_0})
  void referenceDirectory_roundTripsByteForByte(String name) throws IOException {
    Path source = Reference.dir(name);
    ExperimentDirectory dir = ExperimentDirectory.read(source);
    dir.write(tmp);
    for (String file :
        List.of(
            ExperimentDirectory.CONFIG,
            ExperimentDirectory.USER_PROPERTIES,
            ExperimentDirectory.ANTI_CHEAT_SETTINGS,
            ExperimentDirectory.DISTRIBUTIONS)) {
      assertArrayEquals(Files.readAllBytes(source.resolve(file)), Files.readAllBytes(tmp.resolve(file)), file);
    }
    assertEquals(name, dir.name());
  }

  @Test
  void referenceDirectories_giveThePublishedWorlds() {
    World qa01 = ExperimentDirectory.read(Reference.dir(Reference.QA_01)).world();
    assertEquals(World.published(), qa01);
    World qa0 = ExperimentDirectory.read(Reference.dir(Reference.QA_0)).world();
    assertEquals(World.published().withAntiCheat(AntiCheatSettings.NO_GOLD), qa0);
    assertEquals(UserProperties.PUBLISHED, qa0.user());
  }

  @Test
  void allThreeDistributionSyntaxes_parseAndFormatBack() {
    List<String> lines =
        List.of(
            "TaskPropertiesBetaDistribution",
            "TaskPropertiesCustomBetaDistribution(payout:(90, 10);expertise:(40, 10);effort:(10, 10);"
                + "interestingness:(10, 10);target_num_instances:(10, 10);target_num_instances_scale:100)",
            "TaskPropertiesCustomFixedDistribution(payout:0.5;expertise:0.8;effort:0.5;interestingness:0.5;"
                + "target_num_instances:50)",
            "TaskPropertiesCustomBetaDistribution(payout:(0.5, 2.25);expertise:(40, 10);effort:(10, 10);"
                + "interestingness:(10, 10);target_num_instances:(10, 10);target_num_instances_scale:12.5)");
    for (String line : lines) {
      assertEquals(line, DistributionText.format(DistributionText.parse(line)));
    }
    assertEquals(
        CustomBeta.DEFAULTS.withPayout(new BetaParameters(90, 10)), DistributionText.parse(lines.get(1)));
    assertEquals(TaskGiverDistribution.Fixed.DEFAULTS, DistributionText.parse(lines.get(2)));
  }

  @Test
  void customWorld_writesAndReadsBack() {
    World world =
        World.published()
            .withTaskGiver(0, CustomBeta.DEFAULTS.withPayout(new BetaParameters(90, 10)))
            .withTaskGiver(1, TaskGiverDistribution.Fixed.DEFAULTS);
    ExperimentDirectory.of(world, Map.of("name", "custom", "main_seed", 7L)).write(tmp);
    assertEquals(world, ExperimentDirectory.read(tmp).world());
  }

  private Path copyReference() throws IOException {
    Path source = Reference.dir(Reference.QA_01);
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        if (!f.getFileName().toString().equals("model.save")) {
          Files.copy(f, tmp.resolve(f.getFileName()));
        }
      }
    }
    return tmp;
  }

  private String readError(Path dir) {
    return assertThrows(IllegalArgumentException.class, () -> ExperimentDirectory.read(dir)).getMessage();
  }

  @Test
  void distributionWithNonPositiveA_namesLineFieldAndValue() throws IOException {
    Path dir = copyReference();
    Files.writeString(
        dir.resolve(ExperimentDirectory.DISTRIBUTIONS),
        "TaskPropertiesBetaDistribution\nTaskPropertiesCustomBetaDistribution(payout:(0, 10))\n",
        StandardCharsets.UTF_8);
    assertEquals(
        dir.resolve(ExperimentDirectory.DISTRIBUTIONS) + " line 2: payout.a: must be > 0, found 0.0", readError(dir));
  }

  @Test
  void qaModeProbOutsideUnitInterval_namesFileFieldAndValue() throws IOException {
    Path dir = copyReference();
    Files.writeString(
        dir.resolve(ExperimentDirectory.ANTI_CHEAT_SETTINGS),
        "{\"min_reputation\": 0.9, \"qa_false_max\": 3, \"qa_mode_prob\": 1.5, \"reputation_bonus\": 0.05,"
            + " \"reputation_punishment\": -0.05}",
        StandardCharsets.UTF_8);
    assertEquals(dir + "/anti_cheat_settings.json: qa_mode_prob: must be in [0, 1], found 1.5", readError(dir));
  }

  @Test
  void missingFile_namesThePath() throws IOException {
    Path dir = copyReference();
    Files.delete(dir.resolve(ExperimentDirectory.USER_PROPERTIES));
    assertEquals("missing file " + dir.resolve(ExperimentDirectory.USER_PROPERTIES), readError(dir));
  }

  @Test
  void missingField_namesFileAndField() throws IOException {
    Path dir = copyReference();
    Files.writeString(dir.resolve(ExperimentDirectory.USER_PROPERTIES), "{\"time_budget\": 50}", StandardCharsets.UTF_8);
    assertEquals(dir + "/user_properties.json: payout_sensitivity: missing field", readError(dir));
  }

  @Test
  void unknownDistributionClass_isRefused() throws IOException {
    Path dir = copyReference();
    Files.writeString(dir.resolve(ExperimentDirectory.DISTRIBUTIONS), "TaskPropertiesGauss(mu:1)\n", StandardCharsets.UTF_8);
    assertEquals(
        dir.resolve(ExperimentDirectory.DISTRIBUTIONS) + " line 1: unknown task-giver distribution class 'TaskPropertiesGauss'",
        readError(dir));
  }

  @Test
  void malformedJson_namesFileAndLine() throws IOException {
    Path dir = copyReference();
    Files.writeString(dir.resolve(ExperimentDirectory.CONFIG), "{\n  \"name\": \n}", StandardCharsets.UTF_8);
    String message = readError(dir);
    assertEquals(dir.resolve(ExperimentDirectory.CONFIG) + ": malformed JSON at line 3", message.substring(0, message.indexOf(", column")));
  }
}
