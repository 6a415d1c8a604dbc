package org.crowdsweep.core.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.crowdsweep.core.agent.Policy;
import org.crowdsweep.core.platform.Actions;
import org.crowdsweep.core.platform.CrowdworkerPlatform;
import org.crowdsweep.core.platform.GoldOutcome;
import org.crowdsweep.core.platform.StepEvent;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.rng.NumpyRandom;
import org.crowdsweep.core.rng.StableSeeds;

/**
 * Runs a policy in a world for N episodes and records each one.
 *
 * <p>The loop is the tutorial's: reset, then act on the observation until the episode ends. In {@link
 * SeedingMode#TUTORIAL} one generator seeded once serves all episodes; in {@link SeedingMode#PER_EPISODE} each
 * episode gets a generator of its own (see {@link StableSeeds#episodeSeed}). An episode has no step cap, as in the
 * original; the time budget ends it (each non-quit step that is executed costs at least the smallest action time,
 * and a policy that never spends time cannot exist unless all action times are 0, which is refused).
 */
public final class Evaluator {
  private Evaluator() {}

  /** Runs the evaluation and returns one record per episode, in episode order. */
  public static List<EpisodeRecord> run(World world, Policy policy, EvaluationSettings settings) {
    return run(world, policy, settings, null);
  }

  /** Runs the evaluation, reporting every step to {@code observer} (may be null). */
  public static List<EpisodeRecord> run(
      World world, Policy policy, EvaluationSettings settings, StepObserver observer) {
    if (world.user().randomAnswerTime() == 0 && world.user().switchTaskTime() == 0) {
      throw new IllegalArgumentException(
          "world: random_answer_time and switch_task_time are both 0, so an episode might never end");
    }
    CrowdworkerPlatform platform = new CrowdworkerPlatform(world, NumpyRandom.seeded(settings.seed()));
    List<EpisodeRecord> records = new ArrayList<>(settings.episodes());
    double[] obs = new double[world.observationSize()];
    for (int e = 0; e < settings.episodes(); e++) {
      long episodeSeed = -1;
      if (settings.mode() == SeedingMode.PER_EPISODE) {
        episodeSeed = StableSeeds.episodeSeed(settings.seed(), e);
        platform.useGenerator(NumpyRandom.seeded(episodeSeed));
      }
      records.add(runEpisode(platform, policy, e, episodeSeed, obs, observer));
    }
    return records;
  }

  /** Replays episode {@code index} of a per-episode-seeded evaluation alone. */
  public static EpisodeRecord replay(
      World world, Policy policy, long evaluationSeed, int index, StepObserver observer) {
    long episodeSeed = StableSeeds.episodeSeed(evaluationSeed, index);
    CrowdworkerPlatform platform = new CrowdworkerPlatform(world, NumpyRandom.seeded(episodeSeed));
    return runEpisode(platform, policy, index, episodeSeed, new double[world.observationSize()], observer);
  }

  static EpisodeRecord runEpisode(
      CrowdworkerPlatform platform,
      Policy policy,
      int index,
      long episodeSeed,
      double[] obs,
      StepObserver observer) {
    int k = platform.numSlots();
    int[] tutorialPerGiver = new int[k];
    int[] cleanPerGiver = new int[k];
    int steps = 0;
    int answerActions = 0;
    int diligent = 0;
    int negligent = 0;
    int invalid = 0;
    int switches = 0;
    int switchesAway = 0;
    int goldPassed = 0;
    int goldFailed = 0;
    double ret = 0;
    double payout = 0;
    platform.reset();
    if (observer != null) {
      observer.onEpisodeStart(index, platform);
    }
    while (true) {
      platform.observe(obs);
      int action = policy.act(obs);
      int before = platform.currentTask();
      boolean beforeActive = before != -1 && platform.isActive(before);
      double reward = platform.step(action);
      steps++;
      ret += reward;
      StepEvent event = platform.lastEvent();
      if (Actions.isAnswer(action)) {
        answerActions++;
        int current = platform.currentTask();
        if (current != -1) {
          tutorialPerGiver[platform.taskGiverOfSlot(current)]++;
        }
      }
      if (event.isValidAnswer()) {
        int slot = platform.lastAnsweredSlot();
        cleanPerGiver[platform.taskGiverOfSlot(slot)]++;
        payout += platform.slotProperties(slot).payout();
        if (event == StepEvent.ANSWER_DILIGENT) {
          diligent++;
        } else {
          negligent++;
        }
      }
      if (event.isInvalid()) {
        invalid++;
      }
      if (event.isSwitch()) {
        switches++;
        if (event == StepEvent.SWITCH && beforeActive) {
          switchesAway++;
        }
      }
      if (platform.lastGoldOutcome() == GoldOutcome.PASSED) {
        goldPassed++;
      } else if (platform.lastGoldOutcome() == GoldOutcome.FAILED) {
        goldFailed++;
      }
      if (observer != null) {
        observer.onStep(steps, action, reward, platform);
      }
      if (platform.isDone()) {
        break;
      }
    }
    return new EpisodeRecord(
        index,
        episodeSeed,
        steps,
        answerActions,
        diligent,
        negligent,
        invalid,
        switches,
        switchesAway,
        tutorialPerGiver,
        cleanPerGiver,
        platform.endReason(),
        platform.reputation(),
        platform.isBlocked(),
        goldPassed,
        goldFailed,
        ret,
        payout,
        platform.timeSpent());
  }
}
