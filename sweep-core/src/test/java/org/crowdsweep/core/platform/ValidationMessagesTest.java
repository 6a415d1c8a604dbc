package org.crowdsweep.core.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Bad values give one-line messages naming the field, the rule and the value found. */
final class ValidationMessagesTest {

  private static void assertMessage(String expected, Executable e) {
    assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
  }

  @Test
  void beta_nonPositiveA() {
    assertMessage("a: must be > 0, found 0.0", () -> new BetaParameters(0, 10));
    assertMessage("a: must be > 0, found -1.0", () -> new BetaParameters(-1, 10));
    assertMessage("b: must be > 0, found NaN", () -> new BetaParameters(1, Double.NaN));
  }

  @Test
  void antiCheat_probabilityOutsideUnitInterval() {
    assertMessage("qa_mode_prob: must be in [0, 1], found 1.5", () -> new AntiCheatSettings(3, 1.5, -0.05, 0.05, 0.9));
    assertMessage(
        "reputation_punishment: must be <= 0, found 0.05", () -> new AntiCheatSettings(3, 0.1, 0.05, 0.05, 0.9));
    assertMessage("reputation_bonus: must be >= 0, found -0.1", () -> new AntiCheatSettings(3, 0.1, -0.05, -0.1, 0.9));
    assertMessage("qa_false_max: must be >= 0, found -1", () -> new AntiCheatSettings(-1, 0.1, -0.05, 0.05, 0.9));
  }

  @Test
  void user_nonPositiveBudget() {
    assertMessage("time_budget: must be > 0, found 0.0", () -> new UserProperties(1, 0.5, 0, 0, 1, 0.1, 1, 1));
    assertMessage("start_reputation: must be in [0, 1], found 2.0", () -> new UserProperties(1, 0.5, 0, 50, 2, 0.1, 1, 1));
  }

  @Test
  void world_noTaskGivers() {
    assertMessage(
        "task_givers: must have at least 1 entry, found []",
        () -> new World(UserProperties.PUBLISHED, AntiCheatSettings.PUBLISHED, List.of()));
    assertMessage(
        "task_givers index: must be in [0, 4], found 5",
        () -> World.published().withTaskGiver(5, TaskGiverDistribution.defaultBeta()));
  }

  @Test
  void fixed_expertiseOutsideUnitInterval() {
    assertMessage("expertise: must be in [0, 1], found 1.5", () -> new TaskGiverDistribution.Fixed(0.5, 1.5, 0.5, 0.5, 50));
  }
}
