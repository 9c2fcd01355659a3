package org.attention4j.cli.translate;

import java.util.LinkedHashMap;
import java.util.Map;
import org.attention4j.train.TrainerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The trainer settings of {@code attn train translate}. Each is applied to a base config ({@link
 * TrainerConfig#toMap()} form) only when given: a fresh run starts from {@link #freshDefaults},
 * a resumed one from the settings saved in its checkpoint, so that {@code --resume} needs no
 * option repeated.
 */
final class TrainerOptions {
  /** The schedules by their command-line names. */
  static final Map<String, TrainerConfig.ScheduleKind> SCHEDULES = Map.of(
      "noam", TrainerConfig.ScheduleKind.INVERSE_SQRT, "inverse-sqrt", TrainerConfig.ScheduleKind.INVERSE_SQRT,
      "cosine", TrainerConfig.ScheduleKind.COSINE, "constant", TrainerConfig.ScheduleKind.CONSTANT,
      "linear", TrainerConfig.ScheduleKind.LINEAR);
  /** Warm-up steps of the noam schedule when {@code --warmup} is not given (Vaswani et al. 2017). */
  static final int NOAM_WARMUP = 4000;

  @Option(names = "--epochs", paramLabel = "N", order = 40, description = "Passes over the training pairs (default: 10).")
  Integer epochs;

  @Option(names = "--max-steps", paramLabel = "N", order = 41, description = "Stop after N steps in all; 0 = no limit (default: 0).")
  Integer maxSteps;

  @Option(names = "--minutes", paramLabel = "M", order = 42,
      description = "Stop this session after M minutes, with a checkpoint; 0 = no limit (default: 0).")
  Double minutes;

  @Option(names = "--batch-tokens", paramLabel = "N", order = 43,
      description = "Padded positions per batch (rows x longest side) (default: 4096).")
  Integer batchTokens;

  @Option(names = "--lr", paramLabel = "X", order = 44, description = "Peak learning rate of Adam (default: 0.001).")
  Double lr;

  @Option(names = "--schedule", paramLabel = "NAME", order = 45,
      description = "noam (inverse square root), cosine, constant or linear; each with linear warm-up (default: constant).")
  String schedule;

  @Option(names = "--warmup", paramLabel = "N", order = 46,
      description = "Warm-up steps (default: " + NOAM_WARMUP + " with noam, else 0).")
  Integer warmup;

  @Option(names = "--label-smoothing", paramLabel = "X", order = 47, description = "In [0, 1) (default: 0.1).")
  Double labelSmoothing;

  @Option(names = "--clip", paramLabel = "X", order = 48, description = "Largest global gradient norm; 0 = none (default: 1.0).")
  Double clip;

  @Option(names = "--patience", paramLabel = "N", order = 49,
      description = "Stop when dev BLEU has not improved for N epochs; 0 = never (default: 0).")
  Integer patience;

  @Option(names = "--dev-pairs", paramLabel = "N", order = 50,
      description = "Dev BLEU after each epoch on the first N dev pairs; 0 = all (default: 500).")
  Integer devPairs;

  @Option(names = "--checkpoint-every", paramLabel = "N", order = 51,
      description = "Also save OUT/last every N steps; 0 = at epoch ends and on stopping only (default: 500).")
  Integer checkpointEvery;

  @Option(names = "--seed", paramLabel = "S", order = 52,
      description = "Seed of the initial weights, the batch order and dropout (default: 42).")
  Long seed;

  /** The CLI's defaults, in {@link TrainerConfig#toMap()} form. */
  static Map<String, Object> freshDefaults() {
    Map<String, Object> m = new LinkedHashMap<>(TrainerConfig.builder().build().toMap());
    m.put("devBleuPairs", 500);
    m.put("checkpointEvery", 500);
    return m;
  }

  /** The seed this run uses: {@code --seed}, else the base's. */
  long seed(Map<String, Object> base) {
    return seed != null ? seed : ((Number) base.get("seed")).longValue();
  }

  /**
   * {@code base} with the given options put in.
   *
   * @param fresh whether this is a new run (then {@code --schedule noam} without {@code --warmup}
   *     warms up for {@value #NOAM_WARMUP} steps)
   * @throws ParameterException naming an option whose value is out of range
   */
  Map<String, Object> apply(Map<String, Object> base, boolean fresh, CommandLine cl) {
    Map<String, Object> m = new LinkedHashMap<>(base);
    if (epochs != null) m.put("epochs", atLeast(cl, "--epochs", epochs, 1));
    if (maxSteps != null) m.put("maxSteps", atLeast(cl, "--max-steps", maxSteps, 0));
    if (minutes != null) {
      if (!(minutes >= 0) || Double.isInfinite(minutes)) throw new ParameterException(cl, "--minutes must be >= 0, got " + minutes);
      m.put("maxSeconds", minutes * 60);
    }
    if (batchTokens != null) m.put("batchTokens", atLeast(cl, "--batch-tokens", batchTokens, 1));
    if (lr != null) {
      if (!(lr > 0) || Double.isInfinite(lr)) throw new ParameterException(cl, "--lr must be > 0, got " + lr);
      m.put("lr", lr);
    }
    if (schedule != null) {
      TrainerConfig.ScheduleKind kind = SCHEDULES.get(schedule);
      if (kind == null) {
        throw new ParameterException(cl, "unknown schedule '" + schedule + "'; valid: noam, cosine, constant, linear");
      }
      m.put("schedule", kind.label());
      if (fresh && warmup == null && kind == TrainerConfig.ScheduleKind.INVERSE_SQRT) m.put("warmupSteps", NOAM_WARMUP);
    }
    if (warmup != null) m.put("warmupSteps", atLeast(cl, "--warmup", warmup, 0));
    if (labelSmoothing != null) {
      if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
        throw new ParameterException(cl, "--label-smoothing must be in [0, 1), got " + labelSmoothing);
      }
      m.put("labelSmoothing", labelSmoothing);
    }
    if (clip != null) {
      if (!(clip >= 0) || Double.isInfinite(clip)) throw new ParameterException(cl, "--clip must be >= 0, got " + clip);
      m.put("clipNorm", clip);
    }
    if (patience != null) m.put("patience", atLeast(cl, "--patience", patience, 0));
    if (devPairs != null) m.put("devBleuPairs", atLeast(cl, "--dev-pairs", devPairs, 0));
    if (checkpointEvery != null) m.put("checkpointEvery", atLeast(cl, "--checkpoint-every", checkpointEvery, 0));
    if (seed != null) m.put("seed", seed);
    return m;
  }

  private static int atLeast(CommandLine cl, String name, int v, int min) {
    if (v < min) throw new ParameterException(cl, name + " must be >= " + min + ", got " + v);
    return v;
  }
}
