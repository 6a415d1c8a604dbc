package org.crowdsweep.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.crowdsweep.core.io.PyJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sweep plan}, {@code sweep validate} and {@code sweep train} end to end. */
final class SpecCommandsTest {
  @TempDir Path tmp;

  private static final String B1 = "../sweep-specs/specs/b1-gold-probability.json";

  @Test
  void plan_b1_printsCountsAndWork() {
    SweepCliTest.Result r = SweepCliTest.run("plan", B1);
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("spec b1-gold-probability: 5 points, 5 distinct trainings, 5 evaluations (1000"
        + " episodes each)\nwork: 50,000,000 environment steps to train; 5,000 episodes to evaluate"), r.out());
    assertTrue(r.out().contains("effect B1: negligent_share, quit_rate, ended_blocked, return, expected down;"
        + " 1 baseline point(s), 4 manipulated point(s)"), r.out());
  }

  @Test
  @SuppressWarnings("unchecked")
  void plan_json_isMachineReadable() {
    SweepCliTest.Result r = SweepCliTest.run("plan", "--json", B1);
    assertEquals(0, r.code(), r.err());
    Map<String, Object> plan = PyJson.parseObject(r.out());
    assertEquals(5L, plan.get("trainings"));
    assertEquals(50_000_000L, plan.get("training_steps"));
    assertEquals(5, ((java.util.List<Object>) plan.get("points")).size());
  }

  @Test
  void validate_validSpec_exits0() {
    SweepCliTest.Result r = SweepCliTest.run("validate", B1);
    assertEquals(0, r.code(), r.err());
    assertEquals(B1 + ": valid, 5 points", r.out().strip());
  }

  @Test
  void validate_badSpec_printsEveryErrorAndExits2() throws Exception {
    Path spec = tmp.resolve("bad.json");
    Files.writeString(spec, "{\"name\": \"x\", \"axes\": [{\"path\": \"antiCheat.qaModeProb\", \"values\": [0, 1.5]}],"
        + " \"evaluation\": {\"episodes\": 0}}");
    SweepCliTest.Result r = SweepCliTest.run("validate", spec.toString());
    assertEquals(2, r.code());
    assertEquals(
        "sweep: " + spec + ": evaluation.episodes: must be an integer in [1, 10000000], found 0\n"
            + "sweep: " + spec + ": axes[1 - 1].values[1] (antiCheat.qaModeProb): must be in [0, 1], found 1.5"
                .replace("[1 - 1]", "[0]"),
        r.err().strip());
  }

  @Test
  void validate_missingFile_isOneLine() {
    SweepCliTest.Result r = SweepCliTest.run("validate", tmp.resolve("nope.json").toString());
    assertEquals(2, r.code());
    assertEquals("sweep: " + tmp.resolve("nope.json") + ": no such spec file " + tmp.resolve("nope.json"), r.err().strip());
  }

  @Test
  void train_smallBudget_writesAModelThatEvaluates() {
    Path out = tmp.resolve("model");
    SweepCliTest.Result r =
        SweepCliTest.run(
            "train", "--out", out.toString(), "--timesteps", "3000", "--buffer-size", "3000", "--qa-mode-prob", "0",
            "--quiet");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("trained 3000 steps ("), r.out());
    assertTrue(Files.isRegularFile(out.resolve("weights.bin")));
    assertTrue(!Files.exists(tmp.resolve("model.ckpt")), "the checkpoint is removed after success");
    SweepCliTest.Result eval = SweepCliTest.run("evaluate", "--model", out.toString(), "--episodes", "20");
    assertEquals(0, eval.code(), eval.err());
    SweepCliTest.Result again = SweepCliTest.run("train", "--out", out.toString(), "--timesteps", "3000");
    assertEquals(2, again.code());
    assertEquals("sweep: --out " + out + ": already exists (choose another directory)", again.err().strip());
  }

  @Test
  void run_changedSpec_addsPointsButRefusesToDropThem() throws Exception {
    Path run = tmp.resolve("run");
    java.nio.file.Files.createDirectories(run.resolve("points/point_id=feedfacefeedface"));
    org.crowdsweep.specs.Plan plan = org.crowdsweep.specs.Expansion.expand(
        org.crowdsweep.specs.SpecReader.read(java.nio.file.Paths.get("../sweep-specs/specs/tutorial.json")));
    org.crowdsweep.job.run.Storage runDir = org.crowdsweep.job.run.Storage.of(run.toString());
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class, () -> RunCommand.checkCompatible(runDir, plan));
    assertEquals("--out " + run + ": holds 1 point(s) the spec no longer has (e.g. feedfacefeedface); the tables would"
        + " mix two studies (use another directory, or remove those points)", e.getMessage());
    java.nio.file.Files.delete(run.resolve("points/point_id=feedfacefeedface"));
    java.nio.file.Files.createDirectories(run.resolve("points/point_id=" + plan.points().get(0).id()));
    RunCommand.checkCompatible(runDir, plan); // a subset of the plan: the rest are simply new points
  }

  @Test
  void train_badWorldFlag_isOneLine() {
    SweepCliTest.Result r = SweepCliTest.run("train", "--out", tmp.resolve("m").toString(), "--qa-mode-prob", "2");
    assertEquals(2, r.code());
    assertEquals("sweep: world: qa_mode_prob: must be in [0, 1], found 2.0", r.err().strip());
  }
}
