package org.attention4j.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.attention4j.eval.BleuTokenizer;
import org.attention4j.io.Json;
import org.attention4j.optim.LrSchedule;

/**
 * Settings of a {@link Seq2SeqTrainer} run, validated on construction. Build one with {@link
 * #builder()}; every default lives in {@link Builder}.
 *
 * @param epochs passes over the training pairs
 * @param maxSteps stop after this many optimizer steps in all (0: no limit)
 * @param maxSeconds stop this session after this much wall time, with a checkpoint (0: no limit)
 * @param batching batch sizes and bucketing
 * @param optimizer Adam or AdamW
 * @param lr the peak learning rate
 * @param beta1 first-moment decay
 * @param beta2 second-moment decay
 * @param eps the optimizer's epsilon
 * @param weightDecay L2 (Adam) or decoupled (AdamW) weight decay
 * @param schedule the learning-rate schedule
 * @param warmupSteps linear warm-up steps of the schedule (inverse-sqrt needs at least 1)
 * @param minLr the final rate of the linear and cosine schedules
 * @param clipNorm maximum global gradient norm (0: no clipping)
 * @param labelSmoothing {@code epsilon_ls} of the training loss (the dev loss has none)
 * @param patience stop when dev BLEU has not improved for this many epochs (0: never stop early)
 * @param devBleu decode the dev set greedily after each epoch and score BLEU
 * @param devBleuPairs score only the first this many dev pairs (0: all)
 * @param bleuTokenizer sacreBLEU's tokenizer for dev BLEU ({@code 13a}; {@code zh} for Chinese)
 * @param checkpointEvery also save the last checkpoint every this many steps (0: at epoch ends,
 *     and when stopped, only)
 * @param restoreBest at the end, put the weights of the best dev-BLEU epoch back into the model
 * @param seed seed of the batch order and of dropout
 */
public record TrainerConfig(int epochs, int maxSteps, double maxSeconds, BatchingOptions batching,
    OptimizerKind optimizer, double lr, double beta1, double beta2, double eps, double weightDecay,
    ScheduleKind schedule, int warmupSteps, double minLr, double clipNorm, double labelSmoothing, int patience,
    boolean devBleu, int devBleuPairs, BleuTokenizer bleuTokenizer, int checkpointEvery, boolean restoreBest,
    long seed) {

  /** The optimizer. */
  public enum OptimizerKind { ADAM, ADAMW }

  /** The learning-rate schedule ({@link LrSchedule}); warm-up is linear in each. */
  public enum ScheduleKind {
    /** {@code lr} after the warm-up. */
    CONSTANT,
    /** Vaswani et al. (2017) eq. 3, scaled so the peak at {@code warmupSteps} is {@code lr}. */
    INVERSE_SQRT,
    /** Linear decay to {@code minLr} at the last step. */
    LINEAR,
    /** Cosine decay to {@code minLr} at the last step. */
    COSINE;

    /** The schedule for a run of {@code totalSteps} steps. */
    public LrSchedule build(double lr, int warmupSteps, int totalSteps, double minLr) {
      int total = Math.max(Math.max(totalSteps, warmupSteps), 1);
      return switch (this) {
        case CONSTANT -> warmupSteps == 0 ? LrSchedule.constant(lr) : LrSchedule.linearWarmupDecay(lr, warmupSteps, warmupSteps, lr);
        case INVERSE_SQRT -> LrSchedule.inverseSqrt(1, warmupSteps, lr * Math.sqrt(warmupSteps));
        case LINEAR -> LrSchedule.linearWarmupDecay(lr, warmupSteps, total, minLr);
        case COSINE -> LrSchedule.cosine(lr, warmupSteps, total, minLr);
      };
    }

    /** The command-line spelling: {@code inverse-sqrt}. */
    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private static final String WHO = "TrainerConfig";

  public TrainerConfig {
    Objects.requireNonNull(batching, WHO + ": batching is null");
    Objects.requireNonNull(optimizer, WHO + ": optimizer is null");
    Objects.requireNonNull(schedule, WHO + ": schedule is null");
    Objects.requireNonNull(bleuTokenizer, WHO + ": bleuTokenizer is null");
    if (epochs < 1) throw new IllegalArgumentException(WHO + ": epochs must be >= 1, got " + epochs);
    if (maxSteps < 0 || warmupSteps < 0 || patience < 0 || devBleuPairs < 0 || checkpointEvery < 0) {
      throw new IllegalArgumentException(WHO + ": maxSteps, warmupSteps, patience, devBleuPairs and checkpointEvery must be"
          + " >= 0, got " + maxSteps + ", " + warmupSteps + ", " + patience + ", " + devBleuPairs + ", " + checkpointEvery);
    }
    if (!(maxSeconds >= 0) || !(lr > 0) || !(minLr >= 0) || minLr > lr || !(clipNorm >= 0) || !(eps >= 0)
        || !(weightDecay >= 0) || Double.isInfinite(maxSeconds)) {
      throw new IllegalArgumentException(WHO + ": need maxSeconds >= 0 (finite), lr > 0, 0 <= minLr <= lr, clipNorm >= 0,"
          + " eps >= 0, weightDecay >= 0; got maxSeconds " + maxSeconds + ", lr " + lr + ", minLr " + minLr + ", clipNorm "
          + clipNorm + ", eps " + eps + ", weightDecay " + weightDecay);
    }
    if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException(WHO + ": beta1 and beta2 must be in [0, 1), got " + beta1 + " and " + beta2);
    }
    if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
      throw new IllegalArgumentException(WHO + ": labelSmoothing must be in [0, 1), got " + labelSmoothing);
    }
    if (schedule == ScheduleKind.INVERSE_SQRT && warmupSteps < 1) {
      throw new IllegalArgumentException(WHO + ": the inverse-sqrt schedule needs warmupSteps >= 1");
    }
    if (patience > 0 && !devBleu) {
      throw new IllegalArgumentException(WHO + ": early stopping (patience " + patience + ") needs dev BLEU, which is off");
    }
  }

  /** A builder holding the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder that starts from this config. */
  public Builder toBuilder() {
    return fromMap(toMap());
  }

  /**
   * Collects settings; {@link #build} validates them. Defaults: 10 epochs, no step or time
   * limit, {@link BatchingOptions#DEFAULTS}, Adam with lr 1e-3, betas (0.9, 0.999), eps 1e-8, no
   * weight decay, constant schedule without warm-up, clipping at norm 1, label smoothing 0.1, no
   * early stopping, dev BLEU on all dev pairs with 13a, checkpoints at epoch ends, best weights
   * restored, seed 42.
   */
  public static final class Builder {
    private int epochs = 10;
    private int maxSteps = 0;
    private double maxSeconds = 0;
    private BatchingOptions batching = BatchingOptions.DEFAULTS;
    private OptimizerKind optimizer = OptimizerKind.ADAM;
    private double lr = 1e-3;
    private double beta1 = 0.9;
    private double beta2 = 0.999;
    private double eps = 1e-8;
    private double weightDecay = 0;
    private ScheduleKind schedule = ScheduleKind.CONSTANT;
    private int warmupSteps = 0;
    private double minLr = 0;
    private double clipNorm = 1.0;
    private double labelSmoothing = 0.1;
    private int patience = 0;
    private boolean devBleu = true;
    private int devBleuPairs = 0;
    private BleuTokenizer bleuTokenizer = BleuTokenizer.THIRTEEN_A;
    private int checkpointEvery = 0;
    private boolean restoreBest = true;
    private long seed = 42;

    private Builder() {}

    public Builder epochs(int v) { epochs = v; return this; }
    public Builder maxSteps(int v) { maxSteps = v; return this; }
    public Builder maxSeconds(double v) { maxSeconds = v; return this; }
    public Builder batching(BatchingOptions v) { batching = v; return this; }
    public Builder optimizer(OptimizerKind v) { optimizer = v; return this; }
    public Builder lr(double v) { lr = v; return this; }
    public Builder betas(double b1, double b2) { beta1 = b1; beta2 = b2; return this; }
    public Builder eps(double v) { eps = v; return this; }
    public Builder weightDecay(double v) { weightDecay = v; return this; }
    /** The schedule with its warm-up and final rate. */
    public Builder schedule(ScheduleKind kind, int warmup, double min) { schedule = kind; warmupSteps = warmup; minLr = min; return this; }
    public Builder clipNorm(double v) { clipNorm = v; return this; }
    public Builder labelSmoothing(double v) { labelSmoothing = v; return this; }
    public Builder patience(int v) { patience = v; return this; }
    public Builder devBleu(boolean on) { devBleu = on; return this; }
    public Builder devBleuPairs(int v) { devBleuPairs = v; return this; }
    public Builder bleuTokenizer(BleuTokenizer v) { bleuTokenizer = v; return this; }
    public Builder checkpointEvery(int v) { checkpointEvery = v; return this; }
    public Builder restoreBest(boolean on) { restoreBest = on; return this; }
    public Builder seed(long v) { seed = v; return this; }

    /**
     * @throws IllegalArgumentException if a setting is out of range (see the record)
     */
    public TrainerConfig build() {
      return new TrainerConfig(epochs, maxSteps, maxSeconds, batching, optimizer, lr, beta1, beta2, eps, weightDecay,
          schedule, warmupSteps, minLr, clipNorm, labelSmoothing, patience, devBleu, devBleuPairs, bleuTokenizer,
          checkpointEvery, restoreBest, seed);
    }
  }

  // ---------------------------------------------------------------- JSON form (trainer.json "config")

  /**
   * The settings that decide the sequence of losses: a resumed run must use the same values, or
   * it would not continue the interrupted one.
   */
  static final List<String> TRAJECTORY_KEYS = List.of("seed", "batchTokens", "batchSentences", "poolSize", "optimizer",
      "lr", "beta1", "beta2", "eps", "weightDecay", "schedule", "warmupSteps", "minLr", "clipNorm", "labelSmoothing");

  private static final List<String> KEYS = List.of("epochs", "maxSteps", "maxSeconds", "batchTokens", "batchSentences",
      "poolSize", "optimizer", "lr", "beta1", "beta2", "eps", "weightDecay", "schedule", "warmupSteps", "minLr", "clipNorm",
      "labelSmoothing", "patience", "devBleu", "devBleuPairs", "bleuTokenizer", "checkpointEvery", "restoreBest", "seed");

  /** The config as JSON-compatible values. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", epochs);
    m.put("maxSteps", maxSteps);
    m.put("maxSeconds", maxSeconds);
    m.put("batchTokens", batching.maxTokens());
    m.put("batchSentences", batching.maxSentences());
    m.put("poolSize", batching.poolSize());
    m.put("optimizer", optimizer.name().toLowerCase(Locale.ROOT));
    m.put("lr", lr);
    m.put("beta1", beta1);
    m.put("beta2", beta2);
    m.put("eps", eps);
    m.put("weightDecay", weightDecay);
    m.put("schedule", schedule.label());
    m.put("warmupSteps", warmupSteps);
    m.put("minLr", minLr);
    m.put("clipNorm", clipNorm);
    m.put("labelSmoothing", labelSmoothing);
    m.put("patience", patience);
    m.put("devBleu", devBleu);
    m.put("devBleuPairs", devBleuPairs);
    m.put("bleuTokenizer", bleuTokenizer.name());
    m.put("checkpointEvery", checkpointEvery);
    m.put("restoreBest", restoreBest);
    m.put("seed", seed);
    return m;
  }

  /**
   * A builder holding the values of {@link #toMap()}'s map (or its JSON); absent keys keep the
   * defaults (so a checkpoint's {@code trainer.json} config can be reused and changed).
   *
   * @throws IllegalArgumentException naming an unknown key or a mistyped or unknown value
   */
  public static Builder fromMap(Map<String, ?> map) {
    String src = "trainer config";
    Map<String, Object> m = Json.parseObject(Json.write(map, false), src); // Java numbers read as JSON's
    for (String key : m.keySet()) {
      if (!KEYS.contains(key)) throw new IllegalArgumentException(src + ": unknown key '" + key + "' (known: " + KEYS + ")");
    }
    Builder d = new Builder();
    d.epochs = Json.optInt(m, "epochs", d.epochs, src);
    d.maxSteps = Json.optInt(m, "maxSteps", d.maxSteps, src);
    d.maxSeconds = Json.optDouble(m, "maxSeconds", d.maxSeconds, src);
    d.batching = new BatchingOptions(Json.optInt(m, "batchTokens", d.batching.maxTokens(), src),
        Json.optInt(m, "batchSentences", d.batching.maxSentences(), src), Json.optInt(m, "poolSize", d.batching.poolSize(), src));
    d.optimizer = parse(OptimizerKind.class, "optimizer", Json.optString(m, "optimizer", d.optimizer.name(), src));
    d.lr = Json.optDouble(m, "lr", d.lr, src);
    d.beta1 = Json.optDouble(m, "beta1", d.beta1, src);
    d.beta2 = Json.optDouble(m, "beta2", d.beta2, src);
    d.eps = Json.optDouble(m, "eps", d.eps, src);
    d.weightDecay = Json.optDouble(m, "weightDecay", d.weightDecay, src);
    d.schedule = parse(ScheduleKind.class, "schedule", Json.optString(m, "schedule", d.schedule.name(), src));
    d.warmupSteps = Json.optInt(m, "warmupSteps", d.warmupSteps, src);
    d.minLr = Json.optDouble(m, "minLr", d.minLr, src);
    d.clipNorm = Json.optDouble(m, "clipNorm", d.clipNorm, src);
    d.labelSmoothing = Json.optDouble(m, "labelSmoothing", d.labelSmoothing, src);
    d.patience = Json.optInt(m, "patience", d.patience, src);
    d.devBleu = Json.optBoolean(m, "devBleu", d.devBleu, src);
    d.devBleuPairs = Json.optInt(m, "devBleuPairs", d.devBleuPairs, src);
    d.bleuTokenizer = parse(BleuTokenizer.class, "bleuTokenizer", Json.optString(m, "bleuTokenizer", d.bleuTokenizer.name(), src));
    d.checkpointEvery = Json.optInt(m, "checkpointEvery", d.checkpointEvery, src);
    d.restoreBest = Json.optBoolean(m, "restoreBest", d.restoreBest, src);
    d.seed = m.containsKey("seed") ? Json.getLong(m, "seed", src) : d.seed;
    return d;
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String key, String value) {
    String norm = value.toUpperCase(Locale.ROOT).replace('-', '_');
    for (E e : type.getEnumConstants()) if (e.name().equals(norm)) return e;
    throw new IllegalArgumentException("trainer config: '" + key + "' must be one of "
        + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).toList()
        + ", got \"" + value + "\"");
  }
}
