package org.attention4j.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.attention4j.eval.BleuScore;
import org.attention4j.models.registry.Seq2SeqCheckpoints;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.optim.Adam;
import org.attention4j.optim.AdamW;
import org.attention4j.optim.GradClip;
import org.attention4j.optim.LrSchedule;
import org.attention4j.optim.Optimizer;
import org.attention4j.tensor.Tensor;
import org.attention4j.text.Tokenizer;

/**
 * Trains any {@link Seq2SeqModel} on a {@link TranslationData} by teacher forcing: length-bucketed
 * batches ({@link Batcher}), label-smoothed cross-entropy with padding ignored, gradient clipping,
 * Adam or AdamW under a learning-rate schedule; after each epoch the dev loss and the BLEU of
 * greedy dev translations, early stopping on that BLEU, and checkpoints.
 *
 * <pre>{@code
 * StepRandom rng = new StepRandom(seed);
 * Seq2SeqModel model = Seq2SeqModels.create("bahdanau", src.vocabSize(), tgt.vocabSize(), src.padId(), Map.of(), rng);
 * TranslationData data = TranslationData.load(corpusDir, src, tgt, LengthPolicy.maxTokens(50));
 * var trainer = new Seq2SeqTrainer(model, rng, src, tgt, data, TrainerConfig.builder().seed(seed).build());
 * TrainingReport report = trainer.listener(progressBar).train(outDir);   // or .resume(outDir)
 * }</pre>
 *
 * <h2>Checkpoints</h2>
 * With a checkpoint directory {@code OUT}, {@code OUT/last} ({@link Seq2SeqCheckpoints}: weights,
 * tokenizers, optimizer state, trainer state) is written at every epoch end, every {@link
 * TrainerConfig#checkpointEvery()} steps, and when the run stops for any reason; {@code OUT/best}
 * (weights and tokenizers) whenever dev BLEU improves.
 *
 * <h2>Resuming is exact</h2>
 * An interrupted run that is resumed ({@link #resume}) produces the same losses, dev scores and
 * weights, bit for bit, as the run that was never interrupted (same thread count), because
 * nothing random carries state from step to step: an epoch's batch order comes from {@code
 * (seed, epoch)} ({@link Batcher#epochOrder}), and the model's dropout generator, a {@link
 * StepRandom}, is reseeded from {@code (seed, step)} before every step. The checkpoint holds the
 * counters (step, epoch, position in the epoch's batch order, the running epoch loss, the early
 * stopping state), the weights and the optimizer's moments and step counts; the learning rate is
 * a function of the step. Resuming refuses other data (a fingerprint of the encoded pairs) and
 * other settings that decide the losses ({@link TrainerConfig#TRAJECTORY_KEYS}); epochs, step and
 * time limits and patience may change. A linear or cosine schedule keeps the length planned when
 * the run first started, so that the resumed steps are the uninterrupted run's: a run resumed for
 * more epochs or steps than planned spends the extra steps at the schedule's {@code minLr}.
 *
 * <p>Not thread-safe: one thread runs a trainer (the kernels inside run in parallel); {@link
 * #requestStop()} may be called from any thread.
 */
public final class Seq2SeqTrainer {
  /** The subdirectory of the checkpoint directory to resume from. */
  public static final String LAST = "last";
  /** The subdirectory with the best dev-BLEU weights. */
  public static final String BEST = "best";

  private final Seq2SeqModel model;
  private final StepRandom rng;
  private final Tokenizer sourceTokenizer;
  private final Tokenizer targetTokenizer;
  private final TranslationData data;
  private final TrainerConfig config;
  private final Batcher train;
  private final Batcher dev;
  private final Batcher devBleu;
  private final Optimizer optimizer;
  private final TrainerCheckpoints checkpoints;
  private TrainingListener listener = new TrainingListener() {};
  private volatile boolean stopRequested;

  /**
   * @param model the model to train, in place
   * @param rng the generator the model was built with (its dropout draws from it), reseeded per
   *     step; {@code null} if the model draws nothing in training (no dropout) — with dropout and
   *     another generator, a resumed run is not bitwise equal to an uninterrupted one
   * @throws IllegalArgumentException if the tokenizers do not fit the model, or early stopping is
   *     asked for without dev pairs
   */
  public Seq2SeqTrainer(Seq2SeqModel model, StepRandom rng, Tokenizer sourceTokenizer, Tokenizer targetTokenizer,
      TranslationData data, TrainerConfig config) {
    this.model = Objects.requireNonNull(model, "Seq2SeqTrainer: model is null");
    this.rng = rng;
    this.sourceTokenizer = sourceTokenizer;
    this.targetTokenizer = targetTokenizer;
    this.data = data;
    this.config = config;
    if (sourceTokenizer.vocabSize() != model.sourceVocab() || targetTokenizer.vocabSize() != model.targetVocab()
        || sourceTokenizer.padId() != model.padId() || targetTokenizer.padId() != model.padId()) {
      throw new IllegalArgumentException("Seq2SeqTrainer: the tokenizers (" + sourceTokenizer.vocabSize() + " and "
          + targetTokenizer.vocabSize() + " ids, pad " + sourceTokenizer.padId() + "/" + targetTokenizer.padId()
          + ") do not fit the " + model.modelType() + " model (" + model.sourceVocab() + " and " + model.targetVocab()
          + " ids, pad " + model.padId() + ")");
    }
    if (config.patience() > 0 && data.dev().size() == 0) {
      throw new IllegalArgumentException("Seq2SeqTrainer: early stopping (patience " + config.patience()
          + ") needs dev pairs, and " + data.where() + " has none after filtering");
    }
    int pad = model.padId();
    this.train = new Batcher(data.train().pairs(), config.batching(), pad, targetTokenizer.bosId(), targetTokenizer.eosId());
    this.dev = new Batcher(data.dev().pairs(), config.batching(), pad, targetTokenizer.bosId(), targetTokenizer.eosId());
    List<EncodedPair> scored = data.dev().pairs();
    if (config.devBleuPairs() > 0 && scored.size() > config.devBleuPairs()) scored = scored.subList(0, config.devBleuPairs());
    this.devBleu = new Batcher(scored, config.batching(), pad, targetTokenizer.bosId(), targetTokenizer.eosId());
    this.optimizer = switch (config.optimizer()) {
      case ADAM -> new Adam(model.namedParameters(), config.lr(), config.beta1(), config.beta2(), config.eps(), config.weightDecay());
      case ADAMW -> new AdamW(model.namedParameters(), config.lr(), config.beta1(), config.beta2(), config.eps(), config.weightDecay());
    };
    this.checkpoints = new TrainerCheckpoints(model, sourceTokenizer, targetTokenizer, optimizer);
  }

  /** Sets the listener (replacing the previous one); returns this trainer. */
  public Seq2SeqTrainer listener(TrainingListener l) {
    listener = Objects.requireNonNull(l, "Seq2SeqTrainer: listener is null");
    return this;
  }

  /** Asks the run to stop before its next step; it saves {@code last} and returns {@code INTERRUPTED}. */
  public void requestStop() {
    stopRequested = true;
  }

  public Seq2SeqModel model() {
    return model;
  }

  public Optimizer optimizer() {
    return optimizer;
  }

  public TrainerConfig config() {
    return config;
  }

  /**
   * Trains from the model's current weights with a fresh optimizer.
   *
   * @param checkpointDir where {@code last} and {@code best} go, or {@code null} for no checkpoints
   * @throws IOException if a checkpoint cannot be written
   * @throws IllegalStateException if the loss becomes NaN or infinite
   */
  public TrainingReport train(Path checkpointDir) throws IOException {
    TrainerState s = new TrainerState();
    s.config = config.toMap();
    s.dataFingerprint = data.train().fingerprint();
    int perEpoch = train.epochOrder(config.seed(), 0).size();
    long planned = (long) perEpoch * config.epochs();
    s.totalSteps = (int) Math.min(Integer.MAX_VALUE, config.maxSteps() > 0 ? Math.min(planned, config.maxSteps()) : planned);
    return run(s, checkpointDir);
  }

  /**
   * Goes on from {@code checkpointDir/last}: loads the weights into this trainer's model, the
   * optimizer state and the counters, then trains as {@link #train} would have.
   *
   * @throws IllegalArgumentException if the checkpoint holds another model or config, was made
   *     from other training data, or with other settings that decide the losses (naming the first
   *     one that differs)
   */
  public TrainingReport resume(Path checkpointDir) throws IOException {
    TrainerState s = checkpoints.restore(checkpointDir.resolve(LAST), config, data.train().fingerprint(), data.where());
    s.config = config.toMap();
    s.finished = false; // more epochs may have been asked for
    return run(s, checkpointDir);
  }

  // ---------------------------------------------------------------- the loop

  private TrainingReport run(TrainerState s, Path dir) throws IOException {
    stopRequested = false;
    LrSchedule schedule = config.schedule().build(config.lr(), config.warmupSteps(), s.totalSteps, config.minLr());
    Session session = new Session(s.step);
    Map<String, Tensor> bestWeights = null;
    List<int[]> order = train.epochOrder(config.seed(), s.epoch);
    long planned = (long) order.size() * config.epochs();
    int plannedSteps = (int) Math.min(Integer.MAX_VALUE, config.maxSteps() > 0 ? Math.min(planned, config.maxSteps()) : planned);
    listener.onStart(new TrainingListener.TrainingPlan(data.train().size(), data.dev().size(), order.size(), plannedSteps,
        s.step, s.epoch + 1, config.epochs(), model.parameterCount()));
    if (config.patience() > 0 && s.badEpochs >= config.patience()) { // a resumed run that had stopped early
      return report(TrainingReport.StopReason.EARLY_STOPPED, s, session, dir, null);
    }
    TrainingReport.StopReason reason = TrainingReport.StopReason.COMPLETED;
    outer:
    while (s.epoch < config.epochs()) {
      double epochStart = session.seconds();
      while (s.batchInEpoch < order.size()) {
        TrainingReport.StopReason stop = stopBeforeStep(s, session);
        if (stop != null) {
          reason = stop;
          break outer;
        }
        Batch b = train.batch(order.get(s.batchInEpoch));
        double lr = schedule.applyTo(optimizer);
        float loss = step(b, s.step + 1);
        s.step++;
        s.batchInEpoch++;
        s.epochLossSum += loss;
        s.epochLossCount++;
        s.tokens += b.sourceTokens() + b.targetTokens();
        session.add(loss, b.sourceTokens() + b.targetTokens());
        listener.onStep(progress(s, session, order.size(), plannedSteps, loss, lr));
        if (dir != null && config.checkpointEvery() > 0 && s.step % config.checkpointEvery() == 0) {
          saveLast(dir, s, session);
        }
      }
      EpochResult r = endEpoch(s, session.seconds() - epochStart);
      if (r.improved()) {
        if (config.restoreBest()) bestWeights = checkpoints.snapshot();
        if (dir != null) saveBest(dir, s, r);
      }
      s.epoch++;
      s.batchInEpoch = 0;
      s.epochLossSum = 0;
      s.epochLossCount = 0;
      listener.onEpochEnd(r);
      boolean early = config.patience() > 0 && s.badEpochs >= config.patience();
      if (early) {
        reason = TrainingReport.StopReason.EARLY_STOPPED;
        s.finished = true;
      }
      if (s.epoch == config.epochs()) s.finished = true;
      if (dir != null) saveLast(dir, s, session);
      if (early) break;
      if (s.epoch < config.epochs()) order = train.epochOrder(config.seed(), s.epoch);
    }
    if (reason != TrainingReport.StopReason.COMPLETED && reason != TrainingReport.StopReason.EARLY_STOPPED && dir != null) {
      saveLast(dir, s, session);
    }
    return report(reason, s, session, dir, bestWeights);
  }

  private TrainingReport report(TrainingReport.StopReason reason, TrainerState s, Session session, Path dir,
      Map<String, Tensor> bestWeights) throws IOException {
    if (config.restoreBest() && s.bestEpoch > 0) checkpoints.restoreBest(bestWeights, dir == null ? null : dir.resolve(BEST));
    Path best = dir != null && s.bestEpoch > 0 ? dir.resolve(BEST) : null;
    return new TrainingReport(reason, s.step, s.history.size(), s.history, s.bestEpoch, s.bestBleu, best,
        dir == null ? null : dir.resolve(LAST), session.firstStep, session.losses, session.seconds(),
        session.tokensPerSecond());
  }

  private TrainingReport.StopReason stopBeforeStep(TrainerState s, Session session) {
    if (stopRequested) return TrainingReport.StopReason.INTERRUPTED;
    if (config.maxSteps() > 0 && s.step >= config.maxSteps()) return TrainingReport.StopReason.MAX_STEPS;
    if (config.maxSeconds() > 0 && session.seconds() >= config.maxSeconds()) return TrainingReport.StopReason.TIME_LIMIT;
    return null;
  }

  /** One optimizer step on {@code b}; the learning rate is already set. Returns the loss. */
  private float step(Batch b, int stepNumber) {
    model.train(true);
    if (rng != null) rng.reseed(StepRandom.derive(config.seed(), StepRandom.DROPOUT, stepNumber));
    optimizer.zeroGrad();
    Tensor logits = model.forward(b.source(), b.target(), false).logits();                // (B, T, V)
    Tensor loss = logits.reshape(-1, logits.dim(2))                                        // (B*T, V)
        .crossEntropy(b.target().output().reshape(-1), model.padId(), (float) config.labelSmoothing(), Tensor.Reduction.MEAN);
    float value = loss.item();
    if (!Float.isFinite(value)) {
      throw new IllegalStateException("training diverged at step " + stepNumber + ": the loss is " + value
          + " (lower the learning rate, or clip gradients)");
    }
    loss.backward();
    if (config.clipNorm() > 0) GradClip.clipGlobalNorm(model.parameters(), config.clipNorm());
    optimizer.step();
    return value;
  }

  private EpochResult endEpoch(TrainerState s, double stepSeconds) {
    long start = System.nanoTime();
    double trainLoss = s.epochLossCount == 0 ? Double.NaN : s.epochLossSum / s.epochLossCount;
    double devLoss = Evaluation.loss(model, dev);
    double bleu = Double.NaN;
    String bleuText = "";
    boolean improved = false;
    if (config.devBleu() && !devBleu.pairs().isEmpty()) {
      int total = devBleu.pairs().size();
      List<String> hyps = Evaluation.translate(model, targetTokenizer, devBleu, done -> listener.onDecoding(done, total));
      List<String> refs = devBleu.pairs().stream().map(p -> p.pair().target()).toList();
      BleuScore score = Evaluation.bleu(hyps, refs, config.bleuTokenizer());
      bleu = score.score();
      bleuText = score.toString();
      improved = s.bestEpoch == 0 || bleu > s.bestBleu;
      if (improved) {
        s.bestBleu = bleu;
        s.bestEpoch = s.epoch + 1;
        s.badEpochs = 0;
      } else {
        s.badEpochs++;
      }
    }
    double seconds = stepSeconds + (System.nanoTime() - start) / 1e9;
    EpochResult r = new EpochResult(s.epoch + 1, s.step, trainLoss, devLoss, bleu, bleuText, improved, seconds);
    s.history.add(r);
    return r;
  }

  private StepProgress progress(TrainerState s, Session session, int batches, int planned, float loss, double lr) {
    double elapsed = session.seconds();
    int doneHere = s.step - session.firstStep;
    double perStep = doneHere == 0 ? 0 : elapsed / doneHere;
    double fraction = planned == 0 ? 1 : Math.min(1, (double) s.step / planned);
    double eta = Math.max(0, planned - s.step) * perStep;
    if (config.maxSeconds() > 0) {
      fraction = Math.max(fraction, Math.min(1, elapsed / config.maxSeconds()));
      eta = Math.min(eta, Math.max(0, config.maxSeconds() - elapsed));
    }
    return new StepProgress(s.step, planned, s.epoch + 1, config.epochs(), s.batchInEpoch, batches, loss, lr,
        session.tokensPerSecond(), elapsed, eta, fraction);
  }

  // ---------------------------------------------------------------- checkpoints

  private void saveLast(Path dir, TrainerState s, Session session) throws IOException {
    Path last = dir.resolve(LAST);
    checkpoints.saveLast(last, s, session.seconds());
    listener.onCheckpoint(last, false);
  }

  private void saveBest(Path dir, TrainerState s, EpochResult r) throws IOException {
    Path best = dir.resolve(BEST);
    checkpoints.saveBest(best, s, r);
    listener.onCheckpoint(best, true);
  }

  /** What this session did, for progress and the report. */
  private static final class Session {
    final int firstStep;
    final long startNs = System.nanoTime();
    final List<Float> losses = new ArrayList<>();
    long tokens;

    Session(int firstStep) {
      this.firstStep = firstStep;
    }

    void add(float loss, long tokenCount) {
      losses.add(loss);
      tokens += tokenCount;
    }

    double seconds() {
      return (System.nanoTime() - startNs) / 1e9;
    }

    double tokensPerSecond() {
      double t = seconds();
      return t > 0 ? tokens / t : 0;
    }
  }
}
