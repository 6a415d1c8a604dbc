package org.crowdsweep.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import org.crowdsweep.core.agent.Policy;
import org.crowdsweep.core.evaluation.EvaluationSettings;
import org.crowdsweep.core.evaluation.EpisodeRecord;
import org.crowdsweep.core.evaluation.Evaluator;
import org.crowdsweep.core.evaluation.SeedingMode;
import org.crowdsweep.core.rng.NumpyRandom;
import org.junit.jupiter.api.Test;

/** One focused test per quirk of model-spec §3.8, plus the reputation and episode-end rules of §3.5–3.6. */
final class CrowdworkerPlatformQuirksTest {

  private static final UserProperties USER = UserProperties.PUBLISHED;

  private static World fixedWorld(AntiCheatSettings ac, TaskGiverDistribution.Fixed task, int k) {
    return new World(USER, ac, Collections.nCopies(k, task));
  }

  private static CrowdworkerPlatform platform(World world, long seed) {
    CrowdworkerPlatform p = new CrowdworkerPlatform(world, NumpyRandom.seeded(seed));
    p.reset();
    return p;
  }

  @Test
  void quirk1_timeOut_checkedBeforeActionWithStrictGreater() {
    UserProperties user = new UserProperties(1, 0.5, 0, 2, 1, 0.1, 1, 1);
    World world = new World(user, AntiCheatSettings.NO_GOLD, List.of(TaskGiverDistribution.Fixed.DEFAULTS));
    CrowdworkerPlatform p = platform(world, 1);
    p.step(Actions.SWITCH_TASK0); // t = 1
    p.step(Actions.SWITCH_TASK0); // t = 2, equal to the budget: not over
    assertFalse(p.isDone());
    p.step(Actions.SWITCH_TASK0); // executed: t = 3
    assertEquals(3.0, p.timeSpent());
    assertFalse(p.isDone());
    double reward = p.step(Actions.ANSWER_DILIGENTLY); // not executed
    assertTrue(p.isDone());
    assertEquals(0.0, reward);
    assertEquals(StepEvent.TIME_OUT, p.lastEvent());
    assertEquals(EndReason.TIME_BUDGET, p.endReason());
    assertEquals(3.0, p.timeSpent(), "the time-out step executes nothing");
    assertEquals(0, p.answersInSlot(0));
  }

  @Test
  void quirk2_invalidAnswerCostsRandomTime_invalidSwitchCostsSwitchTime() {
    World world = fixedWorld(AntiCheatSettings.NO_GOLD, TaskGiverDistribution.Fixed.DEFAULTS, 2);
    CrowdworkerPlatform p = platform(world, 1);
    assertEquals(-1.0, p.step(Actions.ANSWER_DILIGENTLY));
    assertEquals(StepEvent.ANSWER_INVALID, p.lastEvent());
    assertEquals(0.1, p.timeSpent());
    // Exhaust slot 1 (50 questions), then switching to it is invalid but still costs 1.
    World small = fixedWorld(AntiCheatSettings.NO_GOLD, new TaskGiverDistribution.Fixed(0.5, 0.8, 0.5, 0.5, 1), 2);
    CrowdworkerPlatform q = platform(small, 1);
    q.step(Actions.SWITCH_TASK0 + 1);
    q.step(Actions.ANSWER_NEGLIGENTLY);
    assertEquals(-1, q.currentTask(), "an exhausted task is left");
    double before = q.timeSpent();
    assertEquals(-1.0, q.step(Actions.SWITCH_TASK0 + 1));
    assertEquals(StepEvent.SWITCH_INVALID, q.lastEvent());
    assertEquals(before + 1, q.timeSpent());
  }

  @Test
  void quirk3_switchToCurrentTask_penalisedButIssuesNewQuestion() {
    World world = fixedWorld(AntiCheatSettings.NO_GOLD, TaskGiverDistribution.Fixed.DEFAULTS, 2);
    CrowdworkerPlatform p = platform(world, 3);
    p.step(Actions.SWITCH_TASK0);
    NumpyRandom shadow = NumpyRandom.seeded(3);
    shadow.shuffle(new int[] {0, 1});
    shadow.random();
    shadow.integers(10);
    shadow.random();
    long expectedLabel = shadow.integers(10);
    assertEquals(-1.0, p.step(Actions.SWITCH_TASK0));
    assertEquals(StepEvent.SWITCH_SAME, p.lastEvent());
    assertEquals(0, p.currentTask());
    assertEquals(expectedLabel, p.pendingQuestionLabel(0), "a new question was drawn");
  }

  @Test
  void quirk4_roundsCountGoldAnswers_andInactiveShowsMinusOne() {
    AntiCheatSettings allGold = new AntiCheatSettings(100, 1.0, 0.0, 0.0, 0.0);
    World world = fixedWorld(allGold, new TaskGiverDistribution.Fixed(0.5, 1.0, 0.5, 0.5, 1), 1);
    CrowdworkerPlatform p = platform(world, 1);
    p.step(Actions.SWITCH_TASK0);
    p.step(Actions.ANSWER_DILIGENTLY);
    p.step(Actions.ANSWER_DILIGENTLY);
    assertEquals(2.0, p.observation()[1], "two gold answers counted as rounds");
    assertEquals(0, p.realAnswersInSlot(0));
    World exhausted = fixedWorld(AntiCheatSettings.NO_GOLD, new TaskGiverDistribution.Fixed(0.5, 1.0, 0.5, 0.5, 1), 1);
    CrowdworkerPlatform q = platform(exhausted, 1);
    q.step(Actions.SWITCH_TASK0);
    q.step(Actions.ANSWER_DILIGENTLY);
    assertEquals(1, q.answersInSlot(0));
    assertEquals(-1.0, q.observation()[1], "inactive overrides the count");
  }

  @Test
  void quirk5_propertiesRevealedOnlyAfterFirstAnswer() {
    World world = fixedWorld(AntiCheatSettings.NO_GOLD, TaskGiverDistribution.Fixed.DEFAULTS, 1);
    CrowdworkerPlatform p = platform(world, 1);
    p.step(Actions.SWITCH_TASK0);
    double[] obs = p.observation();
    assertEquals(0.5, obs[0], "payout is always visible");
    assertEquals(-1.0, obs[2]);
    assertEquals(-1.0, obs[3]);
    assertEquals(-1.0, obs[4]);
    p.step(Actions.ANSWER_NEGLIGENTLY);
    obs = p.observation();
    assertEquals(0.8, obs[2]);
    assertEquals(0.5, obs[3]);
    assertEquals(0.0, obs[4]);
  }

  @Test
  void quirk6_paymentDoesNotDependOnCorrectness() {
    World world = fixedWorld(AntiCheatSettings.NO_GOLD, new TaskGiverDistribution.Fixed(0.7, 0.0, 0.5, 0.9, 50), 1);
    CrowdworkerPlatform p = platform(world, 11);
    p.step(Actions.SWITCH_TASK0);
    for (int i = 0; i < 20; i++) {
      assertEquals(0.7, p.step(Actions.ANSWER_NEGLIGENTLY), "negligent reward is the payout");
      assertEquals(0.7 + 0.5 * (0.9 - 0.5), p.step(Actions.ANSWER_DILIGENTLY), "diligent adds interest only");
    }
  }

  @Test
  void quirk7_everyQuestionDrawsTwice_evenWithoutGold() {
    World world = fixedWorld(AntiCheatSettings.NO_GOLD, TaskGiverDistribution.Fixed.DEFAULTS, 1);
    NumpyRandom rng = NumpyRandom.seeded(21);
    CrowdworkerPlatform p = new CrowdworkerPlatform(world, rng);
    p.reset();
    p.step(Actions.SWITCH_TASK0);
    NumpyRandom shadow = NumpyRandom.seeded(21);
    shadow.shuffle(new int[] {0});
    shadow.random();
    shadow.integers(10);
    assertEquals(shadow.state(), rng.state());
  }

  @Test
  void quirk8_negligentDrawsOneInteger_diligentDrawsUniformPlusIntegerIfUnknown() {
    for (double expertise : new double[] {0.0, 1.0}) {
      World world = fixedWorld(AntiCheatSettings.NO_GOLD, new TaskGiverDistribution.Fixed(0.5, expertise, 0.5, 0.5, 50), 1);
      NumpyRandom rng = NumpyRandom.seeded(5);
      CrowdworkerPlatform p = new CrowdworkerPlatform(world, rng);
      p.reset();
      p.step(Actions.SWITCH_TASK0);
      NumpyRandom shadow = NumpyRandom.fromState(rng.state());
      p.step(Actions.ANSWER_NEGLIGENTLY);
      shadow.integers(10); // the random label
      shadow.random(); // next question: gold draw
      shadow.integers(10); // next question: label
      assertEquals(shadow.state(), rng.state(), "negligent, expertise " + expertise);
      p.step(Actions.ANSWER_DILIGENTLY);
      shadow.random();
      if (expertise < 1.0) {
        shadow.integers(10);
      }
      shadow.random();
      shadow.integers(10);
      assertEquals(shadow.state(), rng.state(), "diligent, expertise " + expertise);
    }
  }

  @Test
  void quirk9_interestingnessShifted_alsoInFixed() {
    TaskProperties t = new TaskGiverDistribution.Fixed(0.5, 0.8, 0.5, 0.5, 50).draw(NumpyRandom.seeded(1));
    assertEquals(0.0, t.interestingness());
    TaskProperties d = TaskGiverDistribution.defaultBeta().draw(NumpyRandom.seeded(1));
    assertTrue(d.interestingness() > -0.5 && d.interestingness() < 0.5);
  }

  @Test
  void quirk10_tutorialCreditReadsTaskAfterStep_clean_creditsAnsweredTask() {
    World world = fixedWorld(AntiCheatSettings.NO_GOLD, new TaskGiverDistribution.Fixed(0.5, 0.8, 0.5, 0.5, 1), 1);
    Policy script = new Policy() {
      int step;

      @Override
      public int act(double[] observation) {
        return step++ == 0 ? Actions.SWITCH_TASK0 : Actions.QUIT + (step == 2 ? Actions.ANSWER_DILIGENTLY : 0);
      }
    };
    EpisodeRecord r =
        Evaluator.run(world, script, new EvaluationSettings(1, 1, SeedingMode.TUTORIAL)).get(0);
    assertEquals(3, r.steps());
    assertEquals(1, r.answerActions());
    assertEquals(0, r.tutorialAnswers(0), "the answer that exhausts the task is not credited");
    assertEquals(1, r.cleanAnswers(0));
  }

  @Test
  void reputation_twoNetFailures_blockGloballyBecause0point8999() {
    AntiCheatSettings allGold = new AntiCheatSettings(3, 1.0, -0.05, 0.05, 0.9);
    World world = fixedWorld(allGold, new TaskGiverDistribution.Fixed(0.5, 0.0, 0.5, 0.5, 50), 2);
    CrowdworkerPlatform p = platform(world, 2);
    p.step(Actions.SWITCH_TASK0);
    int failuresInARow = 0;
    while (failuresInARow < 2) {
      p.step(Actions.ANSWER_NEGLIGENTLY);
      if (p.lastGoldOutcome() == GoldOutcome.FAILED) {
        failuresInARow++;
        if (failuresInARow == 1) {
          assertEquals(0.95, p.reputation());
        }
      } else {
        assertEquals(1.0, p.reputation(), "passed gold cannot bank reputation above 1");
        failuresInARow = 0;
      }
    }
    assertEquals(0.8999999999999999, p.reputation());
    assertTrue(p.isBlocked());
    assertEquals(-1, p.currentTask());
    double[] obs = p.observation();
    assertEquals(-1.0, obs[1], "every task inactive");
    assertEquals(-1.0, obs[6]);
    assertEquals(-1.0, p.step(Actions.SWITCH_TASK0 + 1));
    assertFalse(p.isDone(), "no episode end when every task is blocked");
  }

  @Test
  void step_beforeReset_isRefused() {
    CrowdworkerPlatform p = new CrowdworkerPlatform(World.published(), NumpyRandom.seeded(1));
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> p.step(0));
    assertEquals("step before reset: call reset() first", e.getMessage());
  }

  @Test
  void step_actionOutOfRange_isRefused() {
    CrowdworkerPlatform p = platform(World.published(), 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.step(8));
    assertEquals("action: must be in [0, 7], found 8", e.getMessage());
  }

  @Test
  void quit_endsEpisodeWithTimeSensitivityReward() {
    UserProperties user = new UserProperties(1, 0.5, 0.5, 50, 1, 0.1, 1, 1);
    World world = new World(user, AntiCheatSettings.NO_GOLD, List.of(TaskGiverDistribution.Fixed.DEFAULTS));
    CrowdworkerPlatform p = platform(world, 1);
    p.step(Actions.SWITCH_TASK0);
    assertEquals((50 - 1.0) * 0.5, p.step(Actions.QUIT));
    assertEquals(EndReason.USER_QUIT, p.endReason());
  }
}
