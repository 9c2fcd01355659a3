package org.attention4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attention4j.io.Json;

/**
 * The trainer's counters, as saved in {@code trainer.json}. Everything random in a run derives
 * from {@code (seed, epoch)} (batch order) and {@code (seed, step)} (dropout), so these counters,
 * the weights and the optimizer state are all that resuming needs.
 */
final class TrainerState {
  static final int FORMAT_VERSION = 1;

  int step;
  /** The current epoch, from 0. */
  int epoch;
  /** The next batch of the current epoch's order, from 0. */
  int batchInEpoch;
  /** Sum and count of the current epoch's step losses (for its mean). */
  double epochLossSum;
  int epochLossCount;
  double bestBleu = Double.NaN;
  /** From 1; 0 for none. */
  int bestEpoch;
  /** Epochs since the best one. */
  int badEpochs;
  final List<EpochResult> history = new ArrayList<>();
  long tokens;
  double seconds;
  int totalSteps;
  long dataFingerprint;
  boolean finished;
  Map<String, Object> config = Map.of();

  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", step);
    m.put("format", "attention4j-seq2seq-trainer");
    m.put("version", FORMAT_VERSION);
    m.put("epoch", epoch);
    m.put("batchInEpoch", batchInEpoch);
    m.put("epochLossSum", epochLossSum);
    m.put("epochLossCount", epochLossCount);
    m.put("bestBleu", EpochResult.finite(bestBleu));
    m.put("bestEpoch", bestEpoch);
    m.put("badEpochs", badEpochs);
    m.put("finished", finished);
    m.put("tokens", tokens);
    m.put("seconds", seconds);
    m.put("totalSteps", totalSteps);
    m.put("dataFingerprint", dataFingerprint);
    m.put("config", config);
    m.put("history", history.stream().map(EpochResult::toMap).toList());
    return m;
  }

  static TrainerState fromMap(Map<String, ?> m, String src) {
    int version = Json.getInt(m, "version", src);
    if (version != FORMAT_VERSION) {
      throw new IllegalArgumentException(src + ": trainer state version " + version + ", this code reads " + FORMAT_VERSION);
    }
    TrainerState s = new TrainerState();
    s.step = Json.getInt(m, "step", src);
    s.epoch = Json.getInt(m, "epoch", src);
    s.batchInEpoch = Json.getInt(m, "batchInEpoch", src);
    s.epochLossSum = Json.getDouble(m, "epochLossSum", src);
    s.epochLossCount = Json.getInt(m, "epochLossCount", src);
    s.bestBleu = EpochResult.number(m, "bestBleu", src);
    s.bestEpoch = Json.getInt(m, "bestEpoch", src);
    s.badEpochs = Json.getInt(m, "badEpochs", src);
    s.finished = Json.getBoolean(m, "finished", src);
    s.tokens = Json.getLong(m, "tokens", src);
    s.seconds = Json.getDouble(m, "seconds", src);
    s.totalSteps = Json.getInt(m, "totalSteps", src);
    s.dataFingerprint = Json.getLong(m, "dataFingerprint", src);
    s.config = Json.getObject(m, "config", src);
    for (Object o : Json.getList(m, "history", src)) {
      if (!(o instanceof Map<?, ?> h)) throw new IllegalArgumentException(src + ": history must hold objects");
      @SuppressWarnings("unchecked")
      Map<String, ?> entry = (Map<String, ?>) h;
      s.history.add(EpochResult.fromMap(entry, src + ": history"));
    }
    return s;
  }
}
