package org.crowdsweep.specs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.crowdsweep.core.platform.TaskGiverDistribution.CustomBeta;
import org.crowdsweep.specs.SweepSpec.AxisSpec;
import org.crowdsweep.specs.SweepSpec.EvaluationSpec;
import org.crowdsweep.specs.SweepSpec.TrainingSpec;
import org.junit.jupiter.api.Test;

/** Expansion order, labels, zip, ids and training keys, and the one validation path for specs built in code. */
final class ExpansionTest {

  private static Plan plan(String json) {
    return Expansion.expand(SpecReader.parse(json));
  }

  @Test
  void grid_firstAxisOutermost_zipAdvancesTogether_seedsLast() {
    Plan p =
        plan(
            """
            {"name": "g", "training": {"seeds": [1, 2], "totalTimesteps": 1000},
             "axes": [{"path": "antiCheat.qaModeProb", "values": [0, 0.1]},
                      {"path": "antiCheat.banAfter", "values": [1, 3], "zip": "z"},
                      {"path": "antiCheat.minReputation", "values": [0.8, 0.9], "zip": "z"}]}
            """);
    assertEquals(
        List.of(
            "qaModeProb=0,banAfter=1,minReputation=0.8,seed=1", "qaModeProb=0,banAfter=1,minReputation=0.8,seed=2",
            "qaModeProb=0,banAfter=3,minReputation=0.9,seed=1", "qaModeProb=0,banAfter=3,minReputation=0.9,seed=2",
            "qaModeProb=0.1,banAfter=1,minReputation=0.8,seed=1", "qaModeProb=0.1,banAfter=1,minReputation=0.8,seed=2",
            "qaModeProb=0.1,banAfter=3,minReputation=0.9,seed=1", "qaModeProb=0.1,banAfter=3,minReputation=0.9,seed=2"),
        p.points().stream().map(Point::label).toList());
    assertEquals(8, p.trainings().size());
    assertEquals(3, p.points().get(2).world().antiCheat().qaFalseMax());
    assertEquals(0.9, p.points().get(2).world().antiCheat().minReputation());
  }

  @Test
  void ranges_expandWithoutRoundingNoise() {
    Plan p = plan("""
        {"name": "r", "agent": {"load": "published:qa3-0.1"},
         "axes": [{"path": "antiCheat.qaModeProb", "range": {"start": 0, "stop": 0.3, "step": 0.1}}]}""");
    assertEquals(List.of("qaModeProb=0.0", "qaModeProb=0.1", "qaModeProb=0.2", "qaModeProb=0.3"),
        p.points().stream().map(Point::label).toList());
  }

  @Test
  void ids_stableAndSensitiveToEveryRelevantField() {
    String base = "{\"name\": \"i\", \"training\": {\"totalTimesteps\": 1000}}";
    Point a = plan(base).points().get(0);
    assertEquals(a.id(), plan(base).points().get(0).id());
    assertEquals(a.trainingKey(), plan(base).points().get(0).trainingKey());
    Point otherWorld = plan("{\"name\": \"i\", \"training\": {\"totalTimesteps\": 1000},"
        + " \"base\": {\"taskGivers[2].payout\": {\"beta\": [11, 10]}}}").points().get(0);
    assertNotEquals(a.id(), otherWorld.id());
    assertNotEquals(a.trainingKey(), otherWorld.trainingKey());
    Point otherBudget = plan("{\"name\": \"i\", \"training\": {\"totalTimesteps\": 1001}}").points().get(0);
    assertNotEquals(a.trainingKey(), otherBudget.trainingKey());
    Point otherSeed = plan("{\"name\": \"i\", \"training\": {\"totalTimesteps\": 1000, \"seeds\": [1]}}").points().get(0);
    assertNotEquals(a.trainingKey(), otherSeed.trainingKey());
    Point otherEval = plan("{\"name\": \"i\", \"training\": {\"totalTimesteps\": 1000},"
        + " \"evaluation\": {\"episodes\": 10}}").points().get(0);
    assertNotEquals(a.id(), otherEval.id());
    assertEquals(a.trainingKey(), otherEval.trainingKey(), "evaluation does not change the model");
    Point otherLog = plan("{\"name\": \"i\", \"training\": {\"totalTimesteps\": 1000,"
        + " \"hyperparameters\": {\"logInterval\": 5}}}").points().get(0);
    assertEquals(a.trainingKey(), otherLog.trainingKey(), "the log interval does not change the model");
    Point renamed = plan("{\"name\": \"other-name\", \"training\": {\"totalTimesteps\": 1000}}").points().get(0);
    assertEquals(a.id(), renamed.id(), "the spec's name is not part of a point");
  }

  @Test
  void taskGiverSettings_buildTheOriginalDistributions() {
    Point p = plan("""
        {"name": "t", "agent": {"load": "published:qa3-0.1"},
         "base": {"taskGivers": 3, "taskGivers[0].payout": {"beta": [90, 10]},
                  "taskGivers[2]": {"fixed": {"payout": 0.9}}, "taskGivers[2].effort": 0.25}}""").points().get(0);
    assertEquals(3, p.world().numTaskGivers());
    assertEquals(CustomBeta.DEFAULTS.withPayout(new org.crowdsweep.core.platform.BetaParameters(90, 10)),
        p.world().taskGivers().get(0));
    assertEquals(new org.crowdsweep.core.platform.TaskGiverDistribution.Fixed(0.9, 0.8, 0.25, 0.5, 50),
        p.world().taskGivers().get(2));
  }

  @Test
  void specBuiltInCode_goesThroughTheSameValidation() {
    SweepSpec spec =
        new SweepSpec(
            "code", "", Map.of(), SweepSpec.AgentSpec.TRAIN, TrainingSpec.DEFAULTS, EvaluationSpec.DEFAULTS,
            List.of(new AxisSpec("antiCheat.qaModeProb", List.of(0.0, 1.5), null)), List.of(), List.of(),
            SweepSpec.DEFAULT_MAX_POINTS);
    SpecException e = assertThrows(SpecException.class, () -> Expansion.expand(spec));
    assertEquals("axes[0].values[1] (antiCheat.qaModeProb): must be in [0, 1], found 1.5", e.getMessage());
  }
}
