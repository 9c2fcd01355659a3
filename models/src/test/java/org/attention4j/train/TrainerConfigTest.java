package org.attention4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.attention4j.eval.BleuTokenizer;
import org.attention4j.io.Json;
import org.attention4j.optim.LrSchedule;
import org.junit.jupiter.api.Test;

class TrainerConfigTest {
  @Test
  void toMap_fromMap_roundTripsThroughJson() {
    TrainerConfig c = TrainerConfig.builder().epochs(3).maxSteps(100).maxSeconds(60).batching(new BatchingOptions(1000, 32, 500))
        .optimizer(TrainerConfig.OptimizerKind.ADAMW).lr(5e-4).betas(0.9, 0.98).eps(1e-9).weightDecay(0.01)
        .schedule(TrainerConfig.ScheduleKind.INVERSE_SQRT, 4000, 0).clipNorm(0).labelSmoothing(0.2).patience(4)
        .devBleuPairs(500).bleuTokenizer(BleuTokenizer.ZH).checkpointEvery(1000).restoreBest(false).seed(-7).build();
    Map<String, Object> json = Json.parseObject(Json.write(c.toMap(), false), "test");
    assertEquals(c, TrainerConfig.fromMap(json).build());
    assertEquals("inverse-sqrt", json.get("schedule"));
    assertEquals(c, c.toBuilder().build());
  }

  @Test
  void fromMap_unknownSchedule_listsTheKnownOnes() {
    var e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.fromMap(Map.of("schedule", "step")));
    assertEquals("trainer config: 'schedule' must be one of [constant, inverse-sqrt, linear, cosine], got \"step\"",
        e.getMessage());
  }

  @Test
  void fromMap_unknownKey_isNamed() {
    var e = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.fromMap(Map.of("epoch", 3)));
    assertEquals("trainer config: unknown key 'epoch' (known: [epochs, maxSteps, maxSeconds, batchTokens, batchSentences,"
        + " poolSize, optimizer, lr, beta1, beta2, eps, weightDecay, schedule, warmupSteps, minLr, clipNorm, labelSmoothing,"
        + " patience, devBleu, devBleuPairs, bleuTokenizer, checkpointEvery, restoreBest, seed])", e.getMessage());
  }

  @Test
  void build_rejectsContradictions() {
    var noWarmup = assertThrows(IllegalArgumentException.class,
        () -> TrainerConfig.builder().schedule(TrainerConfig.ScheduleKind.INVERSE_SQRT, 0, 0).build());
    assertEquals("TrainerConfig: the inverse-sqrt schedule needs warmupSteps >= 1", noWarmup.getMessage());
    var patience = assertThrows(IllegalArgumentException.class,
        () -> TrainerConfig.builder().patience(2).devBleu(false).build());
    assertEquals("TrainerConfig: early stopping (patience 2) needs dev BLEU, which is off", patience.getMessage());
    var smoothing = assertThrows(IllegalArgumentException.class, () -> TrainerConfig.builder().labelSmoothing(1).build());
    assertEquals("TrainerConfig: labelSmoothing must be in [0, 1), got 1.0", smoothing.getMessage());
  }

  @Test
  void schedules_peakAtLrAfterWarmup() {
    LrSchedule inv = TrainerConfig.ScheduleKind.INVERSE_SQRT.build(1e-3, 100, 1000, 0);
    assertEquals(1e-3, inv.lr(100), 1e-12);
    assertEquals(1e-3 * Math.sqrt(100.0 / 400), inv.lr(400), 1e-12);
    assertEquals(1e-5, inv.lr(1), 1e-12);
    LrSchedule constant = TrainerConfig.ScheduleKind.CONSTANT.build(1e-3, 10, 1000, 0);
    assertEquals(5e-4, constant.lr(5), 1e-12);
    assertEquals(1e-3, constant.lr(5000), 1e-12);
    LrSchedule linear = TrainerConfig.ScheduleKind.LINEAR.build(1e-3, 0, 100, 1e-4);
    assertEquals(1e-4, linear.lr(100), 1e-12);
  }
}
