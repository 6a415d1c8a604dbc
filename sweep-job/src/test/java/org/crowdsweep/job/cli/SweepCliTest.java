package org.crowdsweep.job.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end: the tutorial's numbers, the trace, and one-line errors with exit code 2. */
final class SweepCliTest {
  @TempDir Path tmp;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SweepCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  static String qa01() {
    String dir = System.getProperty("crowdsweep.reference.dir", "../../shared/reference");
    Path path = Paths.get(dir, "paper-exps_cheating_qa3-0.1_rep0.9");
    if (!Files.isDirectory(path)) {
      throw new AssertionError("The published experiment directories are missing: expected " + path.toAbsolutePath());
    }
    return path.toString();
  }

  private static String row(String out, String metric) {
    for (String line : out.split("\n")) {
      if (line.startsWith(metric + " ")) {
        return line.split("\\s+")[1];
      }
    }
    throw new AssertionError("no row " + metric + " in\n" + out);
  }

  @Test
  void evaluate_tutorialSettings_printsTutorialNumbers() {
    Result r = run("evaluate", "--model", qa01(), "--episodes", "100", "--seed", "98765");
    assertEquals(0, r.code(), r.err());
    assertEquals("85.39", row(r.out(), "answer_actions"));
    assertEquals("17.46", row(r.out(), "tg0_answers_tutorial"));
    assertEquals("0.21880928415930798", row(r.out(), "tg0_share_tutorial"));
  }

  @Test
  void evaluate_payoutOverride_printsEffectA1() {
    Result r = run("evaluate", "--model", qa01(), "--episodes", "100", "--tg", "0.payout=beta(90,10)");
    assertEquals(0, r.code(), r.err());
    assertEquals("0.5027607153753726", row(r.out(), "tg0_share_tutorial"));
    assertEquals("41.24", row(r.out(), "tg0_answers_tutorial"));
  }

  @Test
  void evaluate_originalLineOverride_isTheSameAsPropertyOverride() {
    Result r =
        run(
            "evaluate", "--model", qa01(), "--episodes", "100", "--format", "csv",
            "--tg", "0=TaskPropertiesCustomBetaDistribution(payout:(90, 10))");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("\ntg0_share_tutorial,0.5027607153753726,"), r.out());
  }

  @Test
  void trace_firstEpisode_followsTutorial() {
    Result r = run("trace", "--model", qa01());
    assertEquals(0, r.code(), r.err());
    String[] lines = r.out().split("\n");
    assertEquals("Worker performed action SWITCH TO TASK 3 and earned a reward of 0.00", lines[0]);
    assertEquals("Worker performed action ANSWER DILIGENTLY and earned a reward of 0.59", lines[1]);
    assertEquals("Worker performed action SWITCH TO TASK 4 and earned a reward of 0.00", lines[57]);
    assertEquals("Worker performed action ANSWER DILIGENTLY and earned a reward of 0.00", lines[93]);
    assertEquals(
        "Episode 0 ended (end_of_user_time_budget) after 94 steps: 92 answer actions, return 59.66,"
            + " time 50.17668808242706/50.0",
        lines[94]);
  }

  @Test
  void trace_observations_showTutorialLayout() {
    Result r = run("trace", "--model", qa01(), "--observations");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("At the beginning of the episode:\nObservation:\n  Task 0:\n"
        + "      payout 0.6253242330848118 | rounds 0.0\n      expert -1.0 | effort -1.0 | interest -1.0\n"), r.out());
    assertTrue(r.out().contains("  current task: 3.0\n  reputation: 1.0\n  time: 1.0/50.0\n"), "after the first switch");
  }

  @Test
  void errors_areOneLineWithExitCode2() {
    assertError("sweep: --model " + tmp.resolve("nope") + ": no such file or directory",
        "evaluate", "--model", tmp.resolve("nope").toString());
    assertError("sweep: --tg 0.payout=beta(0,10): payout.a: must be > 0, found 0.0",
        "evaluate", "--model", qa01(), "--tg", "0.payout=beta(0,10)");
    assertError("sweep: --tg 7.payout=beta(1,1): task-giver index must be < 5 (the world's K)",
        "evaluate", "--model", qa01(), "--tg", "7.payout=beta(1,1)");
    assertError("sweep: --tg 0.colour=beta(1,1): unknown property 'colour' (known: payout, expertise, effort,"
        + " interestingness, target_num_instances)", "evaluate", "--model", qa01(), "--tg", "0.colour=beta(1,1)");
    assertError("sweep: --episodes: must be >= 1, found 0", "evaluate", "--model", qa01(), "--episodes", "0");
    assertError("sweep: --seeding: must be tutorial or per-episode, found sometimes",
        "evaluate", "--model", qa01(), "--seeding", "sometimes");
  }

  @Test
  void corruptModel_isOneLineError() throws Exception {
    Path file = tmp.resolve("model.save");
    Files.write(file, new byte[] {1, 2, 3});
    Result r = run("evaluate", "--model", file.toString(), "--world", qa01());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("sweep: model " + file + ": not a readable zip archive ("), r.err());
    assertEquals(1, r.err().strip().split("\n").length, r.err());
  }

  @Test
  void missingRequiredOption_isUsageErrorWithCode2() {
    Result r = run("evaluate");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("Missing required option: '--model=PATH'"), r.err());
  }

  private static void assertError(String expected, String... args) {
    Result r = run(args);
    assertEquals(2, r.code(), r.out());
    assertEquals(expected, r.err().strip());
  }
}
