package org.crowdsweep.core.platform;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything that defines the platform a worker lives in: the worker, the deterrents and the task-givers.
 *
 * @param user the worker's properties
 * @param antiCheat the cheating deterrents
 * @param taskGivers one distribution per task-giver, in task-giver order; K = its size, at least 1
 */
public record World(UserProperties user, AntiCheatSettings antiCheat, List<TaskGiverDistribution> taskGivers) {

  public World {
    if (user == null) {
      throw new IllegalArgumentException("user: must be given, found null");
    }
    if (antiCheat == null) {
      throw new IllegalArgumentException("anti_cheat: must be given, found null");
    }
    if (taskGivers == null || taskGivers.isEmpty()) {
      throw new IllegalArgumentException("task_givers: must have at least 1 entry, found " + taskGivers);
    }
    for (int i = 0; i < taskGivers.size(); i++) {
      if (taskGivers.get(i) == null) {
        throw new IllegalArgumentException("task_givers[" + i + "]: must be given, found null");
      }
    }
    taskGivers = List.copyOf(taskGivers);
  }

  /** The published world with gold questions (qa3-0.1): five default task-givers. */
  public static World published() {
    return new World(
        UserProperties.PUBLISHED,
        AntiCheatSettings.PUBLISHED,
        Collections.nCopies(5, TaskGiverDistribution.defaultBeta()));
  }

  /** K, the number of task-givers (and task slots). */
  public int numTaskGivers() {
    return taskGivers.size();
  }

  /** The length of an observation: 5K + 4. */
  public int observationSize() {
    return 5 * taskGivers.size() + 4;
  }

  /** The number of actions: quit, answer negligently, answer diligently, and one switch per slot. */
  public int numActions() {
    return 3 + taskGivers.size();
  }

  /** A copy with task-giver {@code index} replaced. */
  public World withTaskGiver(int index, TaskGiverDistribution distribution) {
    if (index < 0 || index >= taskGivers.size()) {
      throw new IllegalArgumentException(
          "task_givers index: must be in [0, " + (taskGivers.size() - 1) + "], found " + index);
    }
    List<TaskGiverDistribution> copy = new ArrayList<>(taskGivers);
    copy.set(index, distribution);
    return new World(user, antiCheat, copy);
  }

  /** A copy with other deterrents. */
  public World withAntiCheat(AntiCheatSettings value) {
    return new World(user, value, taskGivers);
  }
}
