package org.crowdsweep.core.evaluation;

import java.util.Arrays;
import org.crowdsweep.core.platform.EndReason;

/**
 * What one episode did.
 *
 * @param index the episode's index in its evaluation
 * @param seed the episode's own seed (per-episode mode), or -1 in the tutorial's mode
 * @param steps steps taken, the ending step included
 * @param answerActions steps whose chosen action was an answer (invalid and not executed ones included: the
 *     tutorial's count)
 * @param diligentAnswers valid diligent answers executed
 * @param negligentAnswers valid negligent answers executed
 * @param invalidActions actions penalised with -1 (answers without an active task, switches to the current or an
 *     inactive task)
 * @param switchActions switch actions of any kind
 * @param switchesAwayFromActive valid switches to another task while the current task was still active
 * @param tutorialAnswersPerGiver answer actions credited to each task-giver the tutorial's way: the task-giver of
 *     the current task after the step
 * @param cleanAnswersPerGiver valid answers credited to the task-giver of the task answered
 * @param endReason how the episode ended
 * @param finalReputation the reputation at the end
 * @param endedBlocked whether the reputation was below the minimum at the end
 * @param goldPassed gold questions answered correctly
 * @param goldFailed gold questions answered wrongly
 * @param episodeReturn the undiscounted sum of rewards
 * @param payoutEarned the sum of the payouts of valid answers
 * @param timeUsed the time spent at the end
 */
public record EpisodeRecord(
    int index,
    long seed,
    int steps,
    int answerActions,
    int diligentAnswers,
    int negligentAnswers,
    int invalidActions,
    int switchActions,
    int switchesAwayFromActive,
    int[] tutorialAnswersPerGiver,
    int[] cleanAnswersPerGiver,
    EndReason endReason,
    double finalReputation,
    boolean endedBlocked,
    int goldPassed,
    int goldFailed,
    double episodeReturn,
    double payoutEarned,
    double timeUsed) {

  public EpisodeRecord {
    tutorialAnswersPerGiver = tutorialAnswersPerGiver.clone();
    cleanAnswersPerGiver = cleanAnswersPerGiver.clone();
  }

  @Override
  public int[] tutorialAnswersPerGiver() {
    return tutorialAnswersPerGiver.clone();
  }

  @Override
  public int[] cleanAnswersPerGiver() {
    return cleanAnswersPerGiver.clone();
  }

  /** Answer actions credited to task-giver {@code giver} the tutorial's way. */
  public int tutorialAnswers(int giver) {
    return tutorialAnswersPerGiver[giver];
  }

  /** Valid answers given to task-giver {@code giver}. */
  public int cleanAnswers(int giver) {
    return cleanAnswersPerGiver[giver];
  }

  /** Valid answers executed (diligent + negligent). */
  public int validAnswers() {
    return diligentAnswers + negligentAnswers;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EpisodeRecord r
        && index == r.index
        && seed == r.seed
        && steps == r.steps
        && answerActions == r.answerActions
        && diligentAnswers == r.diligentAnswers
        && negligentAnswers == r.negligentAnswers
        && invalidActions == r.invalidActions
        && switchActions == r.switchActions
        && switchesAwayFromActive == r.switchesAwayFromActive
        && Arrays.equals(tutorialAnswersPerGiver, r.tutorialAnswersPerGiver)
        && Arrays.equals(cleanAnswersPerGiver, r.cleanAnswersPerGiver)
        && endReason == r.endReason
        && Double.compare(finalReputation, r.finalReputation) == 0
        && endedBlocked == r.endedBlocked
        && goldPassed == r.goldPassed
        && goldFailed == r.goldFailed
        && Double.compare(episodeReturn, r.episodeReturn) == 0
        && Double.compare(payoutEarned, r.payoutEarned) == 0
        && Double.compare(timeUsed, r.timeUsed) == 0;
  }

  @Override
  public int hashCode() {
    int h = Arrays.hashCode(new Object[] {index, seed, steps, answerActions, endReason, episodeReturn, timeUsed});
    return 31 * (31 * h + Arrays.hashCode(tutorialAnswersPerGiver)) + Arrays.hashCode(cleanAnswersPerGiver);
  }

  @Override
  public String toString() {
    return "EpisodeRecord[index="
        + index
        + ", seed="
        + seed
        + ", steps="
        + steps
        + ", answerActions="
        + answerActions
        + ", diligent="
        + diligentAnswers
        + ", negligent="
        + negligentAnswers
        + ", invalid="
        + invalidActions
        + ", switches="
        + switchActions
        + ", tutorialPerGiver="
        + Arrays.toString(tutorialAnswersPerGiver)
        + ", cleanPerGiver="
        + Arrays.toString(cleanAnswersPerGiver)
        + ", end="
        + endReason
        + ", reputation="
        + finalReputation
        + ", return="
        + episodeReturn
        + ", time="
        + timeUsed
        + "]";
  }
}
