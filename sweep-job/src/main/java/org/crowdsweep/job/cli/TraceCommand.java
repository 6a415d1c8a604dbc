package org.crowdsweep.job.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.crowdsweep.core.agent.GreedyQuantilePolicy;
import org.crowdsweep.core.evaluation.EpisodeRecord;
import org.crowdsweep.core.evaluation.EvaluationSettings;
import org.crowdsweep.core.evaluation.Evaluator;
import org.crowdsweep.core.evaluation.SeedingMode;
import org.crowdsweep.core.evaluation.StepObserver;
import org.crowdsweep.core.io.PyJson;
import org.crowdsweep.core.platform.Actions;
import org.crowdsweep.core.platform.CrowdworkerPlatform;
import org.crowdsweep.core.platform.World;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sweep trace}: one episode step by step, in the tutorial's words. */
@Command(
    name = "trace",
    mixinStandardHelpOptions = true,
    description = {
      "Prints one episode step by step as the tutorial does: the action, its reward and, with --observations, what",
      "the worker sees in each task slot (payout, rounds, expertise, effort, interest), the reputation and the time."
    })
final class TraceCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ModelOptions options;

  @Option(names = "--episode", defaultValue = "0", description = "Which episode of the evaluation (default: 0).")
  int episode;

  @Option(names = "--observations", description = "Print the observation after every step.")
  boolean observations;

  @Override
  public Integer call() {
    if (episode < 0) {
      throw new IllegalArgumentException("--episode: must be >= 0, found " + episode);
    }
    ModelOptions.Loaded loaded = options.load();
    SeedingMode mode = loaded.mode();
    World w = loaded.world();
    GreedyQuantilePolicy policy = loaded.policy();
    long seed = options.seed;
    PrintWriter out = spec.commandLine().getOut();
    StepObserver printer =
        new StepObserver() {
          private boolean tracing;

          @Override
          public void onEpisodeStart(int index, CrowdworkerPlatform platform) {
            tracing = index == episode;
            if (tracing && observations) {
              out.println("At the beginning of the episode:");
              printObservation(out, platform);
            }
          }

          @Override
          public void onStep(int step, int action, double reward, CrowdworkerPlatform platform) {
            if (!tracing) {
              return;
            }
            out.printf(
                Locale.ROOT,
                "Worker performed action %s and earned a reward of %.2f%n",
                Actions.name(action),
                reward);
            if (observations) {
              printObservation(out, platform);
            }
          }
        };
    EpisodeRecord record;
    if (mode == SeedingMode.PER_EPISODE) {
      record = Evaluator.replay(w, policy, seed, episode, printer);
    } else {
      // The tutorial's episodes depend on all before them: the earlier ones run silently.
      List<EpisodeRecord> all =
          Evaluator.run(w, policy, new EvaluationSettings(episode + 1, seed, SeedingMode.TUTORIAL), printer);
      record = all.get(episode);
    }
    out.printf(
        Locale.ROOT,
        "Episode %d ended (%s) after %d steps: %d answer actions, return %.2f, time %s/%s%n",
        episode,
        record.endReason().originalName(),
        record.steps(),
        record.answerActions(),
        record.episodeReturn(),
        PyJson.floatRepr(record.timeUsed()),
        PyJson.floatRepr(w.user().timeBudget()));
    out.flush();
    return 0;
  }

  static void printObservation(PrintWriter out, CrowdworkerPlatform platform) {
    double[] obs = platform.observation();
    int k = platform.numSlots();
    out.println("Observation:");
    for (int i = 0; i < k; i++) {
      out.printf("  Task %d:%n", i);
      out.printf(
          "      payout %s | rounds %s%n", PyJson.floatRepr(obs[5 * i]), PyJson.floatRepr(obs[5 * i + 1]));
      out.printf(
          "      expert %s | effort %s | interest %s%n",
          PyJson.floatRepr(obs[5 * i + 2]),
          PyJson.floatRepr(obs[5 * i + 3]),
          PyJson.floatRepr(obs[5 * i + 4]));
    }
    out.printf("  current task: %s%n", PyJson.floatRepr(obs[5 * k]));
    out.printf("  reputation: %s%n", PyJson.floatRepr(obs[5 * k + 1]));
    out.printf("  time: %s/%s%n", PyJson.floatRepr(obs[5 * k + 3]), PyJson.floatRepr(obs[5 * k + 2]));
  }
}
