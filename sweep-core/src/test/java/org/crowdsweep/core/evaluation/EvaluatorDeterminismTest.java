package org.crowdsweep.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.crowdsweep.core.agent.Policy;
import org.crowdsweep.core.platform.AntiCheatSettings;
import org.crowdsweep.core.platform.World;
import org.crowdsweep.core.testing.Reference;
import org.junit.jupiter.api.Test;

/** Same seed, same records; another seed, other records; any per-episode-seeded episode replays alone. */
final class EvaluatorDeterminismTest {

  private static final World WORLD = World.published();

  @Test
  void sameSeed_givesIdenticalRecords_inBothModes() {
    Policy policy = Reference.qa01().policy();
    for (SeedingMode mode : SeedingMode.values()) {
      EvaluationSettings s = new EvaluationSettings(50, 4242, mode);
      List<EpisodeRecord> a = Evaluator.run(WORLD, policy, s);
      List<EpisodeRecord> b = Evaluator.run(WORLD, Reference.qa01().policy(), s);
      assertEquals(a, b, mode.toString());
    }
  }

  @Test
  void otherSeed_givesDifferentRecords() {
    Policy policy = Reference.qa01().policy();
    for (SeedingMode mode : SeedingMode.values()) {
      List<EpisodeRecord> a = Evaluator.run(WORLD, policy, new EvaluationSettings(50, 1, mode));
      List<EpisodeRecord> b = Evaluator.run(WORLD, policy, new EvaluationSettings(50, 2, mode));
      assertNotEquals(a, b, mode.toString());
    }
  }

  @Test
  void perEpisode_episodeReplaysAlone() {
    Policy policy = Reference.qa01().policy();
    List<EpisodeRecord> all = Evaluator.run(WORLD, policy, new EvaluationSettings(20, 77, SeedingMode.PER_EPISODE));
    assertEquals(all.get(13), Evaluator.replay(WORLD, policy, 77, 13, null));
  }

  @Test
  void perEpisode_commonRandomNumbers_sameEpisodeStartsAcrossWorlds() {
    // The task draws at reset do not depend on the deterrents: both worlds see the same first observation.
    World other = WORLD.withAntiCheat(AntiCheatSettings.NO_GOLD);
    double[][] starts = new double[2][];
    Evaluator.replay(WORLD, obs -> { if (starts[0] == null) starts[0] = obs.clone(); return 0; }, 5, 3, null);
    Evaluator.replay(other, obs -> { if (starts[1] == null) starts[1] = obs.clone(); return 0; }, 5, 3, null);
    assertEquals(java.util.Arrays.toString(starts[0]), java.util.Arrays.toString(starts[1]));
  }
}
