package org.crowdsweep.specs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.crowdsweep.core.platform.AntiCheatSettings;
import org.crowdsweep.core.platform.TaskGiverDistribution;
import org.crowdsweep.core.platform.UserProperties;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.training.QrDqnSettings;

/**
 * A world and training settings under construction: the defaults (the published world, the paper's
 * hyperparameters) with settings applied one by one. Values reaching here are already checked by {@link Settings}.
 */
final class Draft {
  final double[] user = {1, 0.5, 0, 50, 1, 0.1, 1, 1};
  int banAfter = 3;
  double qaModeProb = 0.1;
  double punishment = -0.05;
  double bonus = 0.05;
  double minReputation = 0.9;
  final List<TaskGiverDistribution> taskGivers = new ArrayList<>();
  final Map<String, Object> hyper = new LinkedHashMap<>();
  Long trainingSeed;

  Draft() {
    for (int i = 0; i < 5; i++) {
      taskGivers.add(TaskGiverDistribution.defaultBeta());
    }
  }

  Draft copy() {
    Draft d = new Draft();
    System.arraycopy(user, 0, d.user, 0, user.length);
    d.banAfter = banAfter;
    d.qaModeProb = qaModeProb;
    d.punishment = punishment;
    d.bonus = bonus;
    d.minReputation = minReputation;
    d.taskGivers.clear();
    d.taskGivers.addAll(taskGivers);
    d.hyper.putAll(hyper);
    d.trainingSeed = trainingSeed;
    return d;
  }

  World world() {
    return new World(
        new UserProperties(user[0], user[1], user[2], user[3], user[4], user[5], user[6], user[7]),
        new AntiCheatSettings(banAfter, qaModeProb, punishment, bonus, minReputation),
        taskGivers);
  }

  QrDqnSettings training() {
    QrDqnSettings p = QrDqnSettings.PAPER;
    return new QrDqnSettings(
        longOr("totalTimesteps", p.totalTimesteps()),
        longOr("learningStarts", p.learningStarts()),
        (int) longOr("bufferSize", p.bufferSize()),
        (int) longOr("batchSize", p.batchSize()),
        doubleOr("gamma", p.gamma()),
        doubleOr("learningRate", p.learningRate()),
        doubleOr("adamEps", p.adamEps()),
        doubleOr("adamBeta1", p.adamBeta1()),
        doubleOr("adamBeta2", p.adamBeta2()),
        (int) longOr("trainFreq", p.trainFreq()),
        (int) longOr("gradientSteps", p.gradientSteps()),
        longOr("targetUpdateInterval", p.targetUpdateInterval()),
        doubleOr("explorationFraction", p.explorationFraction()),
        doubleOr("explorationInitialEps", p.explorationInitialEps()),
        doubleOr("explorationFinalEps", p.explorationFinalEps()),
        (int) longOr("nQuantiles", p.numQuantiles()),
        (int) longOr("hidden1", p.hidden1()),
        (int) longOr("hidden2", p.hidden2()),
        (int) longOr("logInterval", p.logIntervalEpisodes()));
  }

  private long longOr(String key, long fallback) {
    Object v = hyper.get(key);
    return v == null ? fallback : ((Number) v).longValue();
  }

  private double doubleOr(String key, double fallback) {
    Object v = hyper.get(key);
    return v == null ? fallback : ((Number) v).doubleValue();
  }
}
