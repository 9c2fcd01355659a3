package org.attention4j.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.attention4j.models.seq2seq.Seq2SeqModel;

/**
 * A {@link TrainingListener} that watches alignments form: every {@code every} steps it runs the
 * model on a few fixed examples (teacher-forced, in evaluation mode, without gradients; the
 * model's mode is put back) and keeps their attention maps ({@link AttentionTrace}) as a series of
 * {@link Snapshot}s. At each {@code last} checkpoint it hands the series to its {@link Writer}
 * (the app writes the explorer page {@code attention-over-training.html} into the run directory,
 * the checkpoint directory's parent); a run without checkpoints calls the writer itself after
 * {@link Seq2SeqTrainer#train} returns.
 *
 * <pre>{@code
 * var snapshots = new AttentionSnapshots(model, AttentionSnapshots.pick(data, 4, 30),
 *     tokenizer.bosId(), tokenizer.eosId(), 50, AttentionSnapshots.DEFAULT_MAX, recorder, writer);
 * trainer.listener(TrainingListeners.of(progressBar, snapshots)).train(runDir);
 * }</pre>
 *
 * <p>The first snapshot is taken before the first step (step 0 of a fresh run: attention from the
 * random initialisation), then every {@code every} steps. At a checkpoint between those steps the
 * current weights are recorded too, as {@link #latest()} (the "final" picture of the page written
 * then), outside the evenly spaced series {@link #snapshots()}. Recording does not change training: it draws no random numbers the trainer
 * uses (dropout is off in evaluation mode, and the trainer reseeds its generator every step) and
 * records no graph. When the series grows past {@code maxSnapshots}, every second snapshot is
 * dropped (the first and the last are kept) and the interval doubles, so a long run keeps an even
 * spread at a bounded size. A resumed run's series starts at the step it resumes from.
 *
 * <p>Not thread-safe: the trainer calls it from its training thread.
 */
public final class AttentionSnapshots implements TrainingListener {
  /** The default bound on the number of snapshots kept. */
  public static final int DEFAULT_MAX = 40;

  /**
   * The attention of the examples at one point of training.
   *
   * @param step optimizer steps done
   * @param label for people: {@code step 150 · epoch 2 · loss 1.234}
   * @param trace every map of the examples' batch
   */
  public record Snapshot(long step, String label, AttentionTrace trace) {}

  /** Writes the series somewhere (the app: the explorer page); called at each {@code last} checkpoint. */
  @FunctionalInterface
  public interface Writer {
    /**
     * @param runDir the checkpoint directory's parent (the run directory)
     * @throws IOException if writing fails; training then stops with that error (wrapped in an
     *     {@link UncheckedIOException})
     */
    void write(Path runDir, AttentionSnapshots snapshots) throws IOException;
  }

  private final Seq2SeqModel model;
  private final List<EncodedPair> examples;
  private final Batch batch;
  private final int maxSnapshots;
  private final AttentionTrace.Recorder recorder;
  private final Writer writer;
  private final List<Snapshot> snapshots = new ArrayList<>();
  private Snapshot atCheckpoint;
  private int stride;
  private int step = -1;
  private int epoch;
  private float loss = Float.NaN;

  /**
   * @param model the model being trained (the same object the trainer updates)
   * @param examples the pairs to watch, one batch (a handful: each snapshot holds all their maps)
   * @param bosId the target BOS id (the trainer's {@code BOS + y} inputs)
   * @param eosId the target EOS id ({@code y + EOS} outputs)
   * @param every record every this many steps
   * @param maxSnapshots keep at most this many (see the class comment), at least 2
   * @param recorder how to read the maps ({@link AttentionTrace#teacherForced} reads what the model
   *     contract returns)
   * @param writer called at each {@code last} checkpoint, or {@code null}
   * @throws IllegalArgumentException if there are no examples, {@code every < 1} or {@code
   *     maxSnapshots < 2}
   */
  public AttentionSnapshots(Seq2SeqModel model, List<EncodedPair> examples, int bosId, int eosId, int every,
      int maxSnapshots, AttentionTrace.Recorder recorder, Writer writer) {
    this.model = Objects.requireNonNull(model, "AttentionSnapshots: model is null");
    this.recorder = Objects.requireNonNull(recorder, "AttentionSnapshots: recorder is null");
    if (examples.isEmpty()) throw new IllegalArgumentException("AttentionSnapshots: no examples to watch");
    if (every < 1) throw new IllegalArgumentException("AttentionSnapshots: every must be >= 1 step, got " + every);
    if (maxSnapshots < 2) throw new IllegalArgumentException("AttentionSnapshots: maxSnapshots must be >= 2, got " + maxSnapshots);
    this.examples = List.copyOf(examples);
    int[] all = new int[examples.size()];
    for (int i = 0; i < all.length; i++) all[i] = i;
    this.batch = new Batcher(this.examples, BatchingOptions.sentences(all.length), model.padId(), bosId, eosId).batch(all);
    this.stride = every;
    this.maxSnapshots = maxSnapshots;
    this.writer = writer;
  }

  /**
   * Up to {@code count} examples to watch: the first pairs of the dev split (else of the train
   * split) whose source and target have at most {@code maxTokens} tokens; the shortest pairs when
   * too few are that short.
   *
   * @throws IllegalArgumentException if {@code count < 1}
   */
  public static List<EncodedPair> pick(TranslationData data, int count, int maxTokens) {
    if (count < 1) throw new IllegalArgumentException("AttentionSnapshots.pick: count must be >= 1, got " + count);
    List<EncodedPair> pool = data.dev().size() > 0 ? data.dev().pairs() : data.train().pairs();
    List<EncodedPair> out = new ArrayList<>();
    for (EncodedPair p : pool) {
      if (out.size() == count) break;
      if (p.source().length <= maxTokens && p.target().length <= maxTokens) out.add(p);
    }
    if (out.size() < Math.min(count, pool.size())) {
      List<EncodedPair> byLength = new ArrayList<>(pool);
      byLength.sort((a, b) -> Integer.compare(Math.max(a.source().length, a.target().length),
          Math.max(b.source().length, b.target().length)));
      for (EncodedPair p : byLength) {
        if (out.size() == count) break;
        if (!out.contains(p)) out.add(p);
      }
    }
    return out;
  }

  @Override
  public void onStart(TrainingPlan plan) {
    step = plan.startStep();
    epoch = plan.startEpoch();
    record(plan.startStep() == 0 ? "step 0 · before training" : "step " + plan.startStep() + " · resumed");
  }

  @Override
  public void onStep(StepProgress p) {
    step = p.step();
    epoch = p.epoch();
    loss = p.loss();
    if (p.step() % stride == 0) record(label());
  }

  @Override
  public void onCheckpoint(Path dir, boolean best) {
    if (best) return; // a best checkpoint is always followed by the epoch's last one
    if (snapshots.isEmpty() || snapshots.getLast().step() != step) {
      AttentionTrace trace = trace();
      atCheckpoint = trace.isEmpty() ? null : new Snapshot(Math.max(step, 0), label(), trace);
    }
    if (writer != null && latest() != null) {
      try {
        writer.write(dir.toAbsolutePath().normalize().getParent(), this);
      } catch (IOException e) {
        throw new UncheckedIOException("attention snapshots: cannot write into " + dir.toAbsolutePath().getParent()
            + ": " + e.getMessage(), e);
      }
    }
  }

  private String label() {
    String l = "step " + step + " · epoch " + epoch;
    return Float.isFinite(loss) ? l + String.format(Locale.ROOT, " · loss %.3f", loss) : l;
  }

  /**
   * Records the examples' attention now, labelled {@code label}, at the current step (one
   * snapshot per step: a second call at the same step replaces the first).
   */
  public void record(String label) {
    int at = Math.max(step, 0);
    AttentionTrace trace = trace();
    if (trace.isEmpty()) return; // a model without attention: nothing to watch
    if (!snapshots.isEmpty() && snapshots.getLast().step() == at) snapshots.removeLast();
    snapshots.add(new Snapshot(at, label, trace));
    if (snapshots.size() > maxSnapshots) thin();
  }

  private AttentionTrace trace() {
    return AttentionTrace.inEvalMode(model, () -> recorder.record(model, batch.source(), batch.target()));
  }

  /** Drops every second snapshot, keeping the first and the last, and doubles the interval. */
  private void thin() {
    List<Snapshot> kept = new ArrayList<>();
    for (int i = 0; i < snapshots.size(); i++) {
      if (i % 2 == 0 || i == snapshots.size() - 1) kept.add(snapshots.get(i));
    }
    snapshots.clear();
    snapshots.addAll(kept);
    stride = (int) Math.min(Integer.MAX_VALUE / 2, 2L * stride);
  }

  /** The evenly spaced snapshots so far (step 0, then every {@link #every()} steps), by step. */
  public List<Snapshot> snapshots() {
    return List.copyOf(snapshots);
  }

  /**
   * The most recent recording: the one taken at the last checkpoint when that came after the last
   * snapshot of the series, else the series' last; null before any.
   */
  public Snapshot latest() {
    Snapshot last = snapshots.isEmpty() ? null : snapshots.getLast();
    if (atCheckpoint != null && (last == null || atCheckpoint.step() > last.step())) return atCheckpoint;
    return last;
  }

  /** The examples watched, in batch row order. */
  public List<EncodedPair> examples() {
    return examples;
  }

  /** The padded batch of the examples (row {@code b} holds {@code examples().get(b)}). */
  public Batch batch() {
    return batch;
  }

  /** The current recording interval in steps ({@code every}, doubled at each thinning). */
  public int every() {
    return stride;
  }

  public Seq2SeqModel model() {
    return model;
  }
}
