package org.crowdsweep.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.crowdsweep.core.agent.GreedyQuantilePolicy;
import org.crowdsweep.core.io.ExperimentDirectory;
import org.crowdsweep.core.platform.Actions;
import org.crowdsweep.core.platform.BetaParameters;
import org.crowdsweep.core.platform.CrowdworkerPlatform;
import org.crowdsweep.core.platform.EndReason;
import org.crowdsweep.core.platform.TaskGiverDistribution.CustomBeta;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.testing.Reference;
import org.junit.jupiter.api.Test;

/**
 * The tutorial's published numbers (model-spec §8.1), reproduced bit for bit with the published qa3-0.1 model: the
 * 100-episode means, the A.1 payout demonstration and the first episode's trace.
 */
final class TutorialReproductionTest {

  private static World referenceWorld() {
    return ExperimentDirectory.read(Reference.dir(Reference.QA_01)).world();
  }

  @Test
  void tutorial_100Episodes_seed98765_givesPublishedMeans() {
    World world = referenceWorld();
    List<EpisodeRecord> records =
        Evaluator.run(world, Reference.qa01().policy(), EvaluationSettings.tutorial());
    PointMetrics m = PointMetrics.of(records, world.numTaskGivers());
    assertEquals(85.39, m.mean("answer_actions"));
    assertEquals(17.46, m.mean("tg0_answers_tutorial"));
    assertEquals(0.21880928415930798, m.mean("tg0_share_tutorial"));
  }

  @Test
  void effectA1_payoutBeta9010_givesPublishedRatio() {
    World world =
        referenceWorld().withTaskGiver(0, CustomBeta.DEFAULTS.withPayout(new BetaParameters(90, 10)));
    List<EpisodeRecord> records =
        Evaluator.run(world, Reference.qa01().policy(), EvaluationSettings.tutorial());
    PointMetrics m = PointMetrics.of(records, world.numTaskGivers());
    assertEquals(0.5027607153753726, m.mean("tg0_share_tutorial"));
    assertEquals(85.97, m.mean("answer_actions"));
    assertEquals(41.24, m.mean("tg0_answers_tutorial"));
  }

  @Test
  void firstEpisode_seed98765_followsPublishedTrace() {
    World world = referenceWorld();
    List<String> actions = new ArrayList<>();
    List<Double> rewards = new ArrayList<>();
    double[] switchTime = {Double.NaN};
    int[] answersInTask3AtSwitch = {-1, -1};
    List<EpisodeRecord> records =
        Evaluator.run(
            world,
            Reference.qa01().policy(),
            new EvaluationSettings(1, 98765, SeedingMode.TUTORIAL),
            (step, action, reward, p) -> {
              actions.add(Actions.name(action));
              rewards.add(reward);
              if (action == Actions.SWITCH_TASK0 + 4) {
                switchTime[0] = p.timeSpent() - world.user().switchTaskTime();
                answersInTask3AtSwitch[0] = p.realAnswersInSlot(3);
                answersInTask3AtSwitch[1] = p.answersInSlot(3) - p.realAnswersInSlot(3);
              }
            });
    EpisodeRecord r = records.get(0);
    assertEquals(94, r.steps());
    assertEquals("SWITCH TO TASK 3", actions.get(0));
    assertEquals(0.0, rewards.get(0));
    for (int i = 1; i <= 56; i++) {
      assertEquals("ANSWER DILIGENTLY", actions.get(i), "step " + (i + 1));
      assertEquals("0.59", String.format("%.2f", rewards.get(i)), "step " + (i + 1));
    }
    assertEquals("SWITCH TO TASK 4", actions.get(57));
    assertEquals("32.4", String.format("%.1f", switchTime[0]));
    assertEquals(53, answersInTask3AtSwitch[0], "real answers in task 3 when leaving it");
    assertEquals(3, answersInTask3AtSwitch[1], "gold answers in task 3 when leaving it");
    for (int i = 58; i < 93; i++) {
      assertEquals("ANSWER DILIGENTLY", actions.get(i), "step " + (i + 1));
      assertEquals("0.76", String.format("%.2f", rewards.get(i)), "step " + (i + 1));
    }
    assertEquals(EndReason.TIME_BUDGET, r.endReason());
    assertEquals(0.0, rewards.get(93));
    assertEquals("50.18", String.format("%.2f", r.timeUsed()));
  }

  @Test
  void firstReset_seed98765_matchesPublishedSlots() {
    CrowdworkerPlatform p =
        new CrowdworkerPlatform(referenceWorld(), org.crowdsweep.core.rng.NumpyRandom.seeded(98765));
    p.reset();
    int[] givers = {1, 2, 4, 3, 0};
    double[][] slots = {
      {0.6253242330848118, 0.785740247656915, 0.5265626868830152, 0.19796153829645602, 72.03295256796135},
      {0.33753537837799463, 0.8589561657442589, 0.5247141825974938, 0.037395870193654535, 74.6966726453712},
      {0.5568837901272194, 0.8521861408865222, 0.30588660510443727, 0.043958280834660135, 45.64251130645969},
      {0.6333947080897941, 0.8250139038604151, 0.5606295887830516, -0.08110641490684284, 69.3825142163179},
      {0.6768648101640447, 0.8475596506842105, 0.47946946030217924, 0.15824588766498016, 69.66900234450351}
    };
    for (int s = 0; s < 5; s++) {
      assertEquals(givers[s], p.taskGiverOfSlot(s), "giver of slot " + s);
      var t = p.slotProperties(s);
      assertEquals(slots[s][0], t.payout(), "payout of slot " + s);
      assertEquals(slots[s][1], t.expertise(), "expertise of slot " + s);
      assertEquals(slots[s][2], t.effort(), "effort of slot " + s);
      assertEquals(slots[s][3], t.interestingness(), "interestingness of slot " + s);
      assertEquals(slots[s][4], t.targetNumInstances(), "target of slot " + s);
    }
    p.step(Actions.SWITCH_TASK0 + 1);
    p.step(Actions.ANSWER_DILIGENTLY);
    assertEquals(1.524714182597494, p.timeSpent());
    double[] obs = p.observation();
    assertEquals(1.0, obs[5 + 1], "rounds of slot 1");
    assertEquals(0.8589561657442589, obs[5 + 2]);
    assertEquals(0.5247141825974938, obs[5 + 3]);
    assertEquals(0.037395870193654535, obs[5 + 4]);
    assertEquals(-1.0, obs[2], "slot 0 untried");
    assertEquals(1.0, obs[25], "current task");
  }

  @Test
  void greedyPolicy_agreesWithFullForwardPass() {
    var model = Reference.qa01();
    GreedyQuantilePolicy fast = model.policy();
    CrowdworkerPlatform p = new CrowdworkerPlatform(referenceWorld(), org.crowdsweep.core.rng.NumpyRandom.seeded(5));
    int decisions = 0;
    for (int e = 0; e < 20; e++) {
      p.reset();
      while (!p.isDone()) {
        double[] obs = p.observation();
        float[] z = model.online().forward(obs);
        int a = fast.act(obs);
        double[] q = new double[8];
        for (int i = 0; i < z.length; i++) {
          q[i % 8] += z[i];
        }
        int best = 0;
        for (int i = 1; i < 8; i++) {
          if (q[i] > q[best]) {
            best = i;
          }
        }
        assertEquals(best, a, "decision " + decisions);
        decisions++;
        p.step(a);
      }
    }
  }
}
