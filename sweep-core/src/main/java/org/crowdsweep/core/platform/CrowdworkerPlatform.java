package org.crowdsweep.core.platform;

import java.util.List;
import org.crowdsweep.core.rng.NumpyRandom;

/**
 * The crowdworking platform: a worker with a time budget chooses among K tasks, answers diligently or negligently,
 * switches or quits (model-spec §3, every rule and quirk of the original {@code UserModelEnv}).
 *
 * <p><b>Reset</b> draws one task per task-giver (in task-giver order), shuffles the slot order, and clears the
 * current task, time and reputation; no question is issued until a task is selected. <b>Observation</b>: per slot
 * payout, answers given (−1 when inactive), and expertise, effort and interestingness once tried (else −1); then the
 * current slot, reputation, budget and time spent; raw values, no scaling. <b>Step</b>: quit ends the episode; any
 * other action first checks {@code time > budget} (strictly) and then ends it without executing; a valid answer pays
 * {@code ρ_pay·payout} (+ {@code ρ_int·interest} if diligent) regardless of correctness, records the answer (gold
 * questions move the reputation, add then clamp to [0, 1]) and issues the next question; an invalid answer costs −1
 * and the random answer time; a switch always costs its time and gives 0, or −1 to the current or an inactive task.
 * A task is active while real answers &lt; target, failed gold answers &lt; ban-after and reputation ≥ minimum. The
 * episode does not end when tasks run out.
 *
 * <p>One {@link NumpyRandom} serves all randomness and is not reseeded at reset, as in the original. Not
 * thread-safe. Steps allocate nothing.
 */
public final class CrowdworkerPlatform {
  private final World world;
  private final UserProperties user;
  private final AntiCheatSettings antiCheat;
  private final List<TaskGiverDistribution> distributions;
  private final int k;
  private NumpyRandom rng;

  private final TaskProperties[] slotProperties;
  private final int[] giverOfSlot;
  private final int[] instanceCounter;
  private final int[] realInstanceCounter;
  private final int[] qaFalseCounter;
  private final boolean[] questionIsGold;
  private final int[] questionLabel;
  private final int[] permutation;

  private int currentTask = -1;
  private double timeSpent;
  private double reputation;
  private boolean started;
  private boolean done;
  private EndReason endReason;
  private StepEvent lastEvent;
  private GoldOutcome lastGold = GoldOutcome.NONE;
  private int lastAnsweredSlot = -1;

  /** A platform for the given world, drawing from {@code rng} (which it keeps using across episodes). */
  public CrowdworkerPlatform(World world, NumpyRandom rng) {
    if (world == null) {
      throw new IllegalArgumentException("world: must be given, found null");
    }
    if (rng == null) {
      throw new IllegalArgumentException("rng: must be given, found null");
    }
    this.world = world;
    this.user = world.user();
    this.antiCheat = world.antiCheat();
    this.distributions = world.taskGivers();
    this.k = world.numTaskGivers();
    this.rng = rng;
    this.slotProperties = new TaskProperties[k];
    this.giverOfSlot = new int[k];
    this.instanceCounter = new int[k];
    this.realInstanceCounter = new int[k];
    this.qaFalseCounter = new int[k];
    this.questionIsGold = new boolean[k];
    this.questionLabel = new int[k];
    this.permutation = new int[k];
  }

  /** Replaces the generator (for per-episode seeding); the platform keeps drawing from the new one. */
  public void useGenerator(NumpyRandom generator) {
    if (generator == null) {
      throw new IllegalArgumentException("rng: must be given, found null");
    }
    this.rng = generator;
  }

  /** The world this platform simulates. */
  public World world() {
    return world;
  }

  /** Starts a new episode (model-spec §3.2). */
  public void reset() {
    TaskProperties[] drawn = new TaskProperties[k];
    for (int giver = 0; giver < k; giver++) {
      drawn[giver] = distributions.get(giver).draw(rng);
    }
    for (int i = 0; i < k; i++) {
      permutation[i] = i;
    }
    rng.shuffle(permutation);
    for (int slot = 0; slot < k; slot++) {
      giverOfSlot[slot] = permutation[slot];
      slotProperties[slot] = drawn[permutation[slot]];
      instanceCounter[slot] = 0;
      realInstanceCounter[slot] = 0;
      qaFalseCounter[slot] = 0;
      questionIsGold[slot] = false;
      questionLabel[slot] = 0;
    }
    currentTask = -1;
    timeSpent = 0;
    reputation = user.startReputation();
    started = true;
    done = false;
    endReason = null;
    lastEvent = null;
    lastGold = GoldOutcome.NONE;
    lastAnsweredSlot = -1;
  }

  /**
   * Executes one action and returns its reward (model-spec §3.5). Details of what happened are available from
   * {@link #lastEvent()}, {@link #lastGoldOutcome()}, {@link #lastAnsweredSlot()} and {@link #isDone()}.
   */
  public double step(int action) {
    if (!started) {
      throw new IllegalStateException("step before reset: call reset() first");
    }
    if (done) {
      throw new IllegalStateException("step after the episode ended: call reset() first");
    }
    if (action < 0 || action >= 3 + k) {
      throw new IllegalArgumentException("action: must be in [0, " + (2 + k) + "], found " + action);
    }
    lastGold = GoldOutcome.NONE;
    lastAnsweredSlot = -1;
    if (action == Actions.QUIT) {
      done = true;
      endReason = EndReason.USER_QUIT;
      lastEvent = StepEvent.QUIT;
      return (user.timeBudget() - timeSpent) * user.timeSensitivity();
    }
    if (timeSpent > user.timeBudget()) {
      done = true;
      endReason = EndReason.TIME_BUDGET;
      lastEvent = StepEvent.TIME_OUT;
      return 0;
    }
    if (action == Actions.ANSWER_NEGLIGENTLY || action == Actions.ANSWER_DILIGENTLY) {
      return answer(action);
    }
    return switchTo(action - Actions.SWITCH_TASK0);
  }

  private double answer(int action) {
    if (currentTask == -1 || !isActive(currentTask)) {
      timeSpent += user.randomAnswerTime();
      lastEvent = StepEvent.ANSWER_INVALID;
      return -1;
    }
    int slot = currentTask;
    TaskProperties task = slotProperties[slot];
    double reward;
    int answer;
    if (action == Actions.ANSWER_NEGLIGENTLY) {
      timeSpent += user.randomAnswerTime();
      answer = (int) rng.integers(task.numClasses());
      reward = user.payoutSensitivity() * task.payout();
      lastEvent = StepEvent.ANSWER_NEGLIGENT;
    } else {
      timeSpent += user.intentionalAnswerTime() * task.effort();
      double u = rng.random();
      answer = u < task.expertise() ? questionLabel[slot] : (int) rng.integers(task.numClasses());
      reward =
          user.payoutSensitivity() * task.payout()
              + user.interestingnessSensitivity() * task.interestingness();
      lastEvent = StepEvent.ANSWER_DILIGENT;
    }
    lastAnsweredSlot = slot;
    double change = record(slot, answer);
    reputation = Math.max(0.0, Math.min(1.0, reputation + change));
    if (!isActive(slot)) {
      currentTask = -1;
    } else {
      issueQuestion(slot);
    }
    return reward;
  }

  private double record(int slot, int answer) {
    instanceCounter[slot]++;
    if (questionIsGold[slot]) {
      if (answer != questionLabel[slot]) {
        qaFalseCounter[slot]++;
        lastGold = GoldOutcome.FAILED;
        return antiCheat.reputationPunishment();
      }
      lastGold = GoldOutcome.PASSED;
      return antiCheat.reputationBonus();
    }
    realInstanceCounter[slot]++;
    return 0;
  }

  private double switchTo(int slot) {
    timeSpent += user.switchTaskTime();
    if (!isActive(slot)) {
      currentTask = -1;
      lastEvent = StepEvent.SWITCH_INVALID;
      return -1;
    }
    double reward;
    if (slot == currentTask) {
      reward = -1;
      lastEvent = StepEvent.SWITCH_SAME;
    } else {
      reward = 0;
      lastEvent = StepEvent.SWITCH;
    }
    currentTask = slot;
    issueQuestion(slot);
    return reward;
  }

  private void issueQuestion(int slot) {
    // Two draws even when qaModeProb is 0 (quirk 7).
    questionIsGold[slot] = rng.random() < antiCheat.qaModeProb();
    questionLabel[slot] = (int) rng.integers(slotProperties[slot].numClasses());
  }

  /** Whether the task in {@code slot} accepts answers now (model-spec §3.6). */
  public boolean isActive(int slot) {
    return realInstanceCounter[slot] < slotProperties[slot].targetNumInstances()
        && qaFalseCounter[slot] < antiCheat.qaFalseMax()
        && reputation >= antiCheat.minReputation();
  }

  /** Writes the 5K+4 observation into {@code out} as doubles (the original returns float64). */
  public void observe(double[] out) {
    if (out.length != 5 * k + 4) {
      throw new IllegalArgumentException("observation buffer: must have length " + (5 * k + 4) + ", found " + out.length);
    }
    for (int slot = 0; slot < k; slot++) {
      TaskProperties task = slotProperties[slot];
      boolean tried = instanceCounter[slot] > 0;
      out[5 * slot] = task.payout();
      out[5 * slot + 1] = isActive(slot) ? instanceCounter[slot] : -1;
      out[5 * slot + 2] = tried ? task.expertise() : -1;
      out[5 * slot + 3] = tried ? task.effort() : -1;
      out[5 * slot + 4] = tried ? task.interestingness() : -1;
    }
    out[5 * k] = currentTask;
    out[5 * k + 1] = reputation;
    out[5 * k + 2] = user.timeBudget();
    out[5 * k + 3] = timeSpent;
  }

  /** A fresh observation array. */
  public double[] observation() {
    double[] out = new double[5 * k + 4];
    observe(out);
    return out;
  }

  /** Whether the episode has ended. */
  public boolean isDone() {
    return done;
  }

  /** How the episode ended, or null while it runs. */
  public EndReason endReason() {
    return endReason;
  }

  /** What the last step did, or null before the first step of an episode. */
  public StepEvent lastEvent() {
    return lastEvent;
  }

  /** The gold-question result of the last step's answer. */
  public GoldOutcome lastGoldOutcome() {
    return lastGold;
  }

  /** The slot the last step answered in, or −1 if it executed no valid answer. */
  public int lastAnsweredSlot() {
    return lastAnsweredSlot;
  }

  /** The current task slot, or −1 ({@code current_task_idx}). */
  public int currentTask() {
    return currentTask;
  }

  /** The task-giver whose task sits in {@code slot} ({@code task_task_dist_map}). */
  public int taskGiverOfSlot(int slot) {
    return giverOfSlot[slot];
  }

  /** The properties of the task in {@code slot} for this episode. */
  public TaskProperties slotProperties(int slot) {
    return slotProperties[slot];
  }

  /** All answers given in {@code slot} this episode, gold included ({@code instance_counter}). */
  public int answersInSlot(int slot) {
    return instanceCounter[slot];
  }

  /** Real (non-gold) answers given in {@code slot} ({@code real_instance_counter}). */
  public int realAnswersInSlot(int slot) {
    return realInstanceCounter[slot];
  }

  /** Failed gold answers in {@code slot} ({@code qa_false_counter}). */
  public int failedGoldInSlot(int slot) {
    return qaFalseCounter[slot];
  }

  /** Whether the pending question of {@code slot} is a gold question (hidden from the worker). */
  public boolean pendingQuestionIsGold(int slot) {
    return questionIsGold[slot];
  }

  /** The true label of the pending question of {@code slot}. */
  public int pendingQuestionLabel(int slot) {
    return questionLabel[slot];
  }

  /** The time spent this episode. */
  public double timeSpent() {
    return timeSpent;
  }

  /** The worker's reputation, in [0, 1]. */
  public double reputation() {
    return reputation;
  }

  /** Whether the reputation is below the minimum, which blocks every task. */
  public boolean isBlocked() {
    return reputation < antiCheat.minReputation();
  }

  /** K, the number of task slots. */
  public int numSlots() {
    return k;
  }
}
