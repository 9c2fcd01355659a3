package org.attention4j.cli.viz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.Link;
import org.attention4j.io.AtomicFiles;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.text.Tokenizer;
import org.attention4j.train.AttentionSnapshots;
import org.attention4j.train.AttentionTrace;
import org.attention4j.train.EncodedPair;
import org.attention4j.train.TranslationData;
import org.attention4j.viz.AttentionExplorer;
import org.attention4j.viz.AttentionView;
import org.attention4j.viz.Snapshot;

/**
 * Alignments forming over training, as one explorer page: {@value #FILE} in the run directory,
 * with an example selector and a training-step slider that goes from the random initialisation
 * to the final weights.
 *
 * <p>Wiring (for a training command):
 *
 * <pre>{@code
 * AttentionSnapshots snapshots = AttentionOverTraining.listener(model, srcTok, tgtTok,
 *     AttentionSnapshots.pick(data, 4, 30), 50, null);
 * trainer.listener(TrainingListeners.of(progress, snapshots)).train(runDir);
 * // with a run directory the page is (re)written at every "last" checkpoint, the end included;
 * // without one: AttentionOverTraining.write(snapshots, srcTok, tgtTok, null, file);
 * }</pre>
 *
 * The trainer itself needs no change: the listener records on {@code onStart}/{@code onStep} and
 * writes on {@code onCheckpoint}. It records cross-attention, every layer and head of it for a
 * Transformer (self-attention at every step would triple the page; {@code attn viz} shows it
 * for a checkpoint). Size: about 2.7 bytes per weight, so 4 sentences of 20 tokens with 6 x 8
 * cross heads over 40 snapshots make about 8 MB.
 */
public final class AttentionOverTraining {
  /** The page's file name in the run directory. */
  public static final String FILE = "attention-over-training.html";

  private AttentionOverTraining() {}

  /**
   * A listener that records the attention of {@code examples} every {@code every} steps and writes
   * {@value #FILE} into the run directory at each {@code last} checkpoint.
   *
   * @param gold the gold alignment of an example, or null (for all, or for one); e.g. from a
   *     synthetic corpus's {@code dev.sure.txt}
   * @throws IllegalArgumentException as {@link AttentionSnapshots#AttentionSnapshots}
   */
  public static AttentionSnapshots listener(Seq2SeqModel model, Tokenizer source, Tokenizer target,
      List<EncodedPair> examples, int every, Function<EncodedPair, Alignment> gold) {
    return new AttentionSnapshots(model, examples, target.bosId(), target.eosId(), every, AttentionSnapshots.DEFAULT_MAX,
        (m, src, tgt) -> ModelAttention.record(m, src, tgt).only(AttentionTrace.Kind.CROSS),
        (runDir, s) -> write(s, source, target, gold, runDir.resolve(FILE)));
  }

  /** {@link #listener} for the first {@code count} short dev pairs of {@code data} ({@link AttentionSnapshots#pick}). */
  public static AttentionSnapshots listener(Seq2SeqModel model, Tokenizer source, Tokenizer target, TranslationData data,
      int count, int every) {
    return listener(model, source, target, AttentionSnapshots.pick(data, count, 30), every, null);
  }

  /**
   * One view per example: its tokens, the latest recording as the final weights ({@link
   * AttentionSnapshots#latest()}; its label in the metadata entry {@code weights}), and the
   * snapshots before it on the slider.
   *
   * @throws IllegalArgumentException if nothing was recorded yet
   */
  public static List<AttentionView> views(AttentionSnapshots s, Tokenizer source, Tokenizer target,
      Function<EncodedPair, Alignment> gold) {
    AttentionSnapshots.Snapshot last = s.latest();
    if (last == null) throw new IllegalArgumentException("AttentionOverTraining: no snapshots recorded yet");
    List<AttentionSnapshots.Snapshot> series = s.snapshots().stream().filter(x -> x.step() < last.step()).toList();
    List<AttentionView> out = new ArrayList<>();
    List<EncodedPair> examples = s.examples();
    for (int b = 0; b < examples.size(); b++) {
      EncodedPair p = examples.get(b);
      List<String> src = TokenText.source(source, p.pair().source(), p.source());
      List<String> tgt = new ArrayList<>(TokenText.of(target, p.target()));
      tgt.add(Tokenizer.EOS);
      AttentionView.Builder v = AttentionView.builder(src, tgt)
          .meta(AttentionView.MODEL, s.model().modelType()).meta(AttentionView.SENTENCE, p.pair().id())
          .meta("target", "reference (teacher-forced)").meta("weights", last.label());
      int sLen = src.size(), tLen = tgt.size();
      for (var m : ModelAttention.matrices(last.trace(), b, sLen, tLen).entrySet()) v.matrix(m.getKey(), m.getValue());
      for (AttentionSnapshots.Snapshot snap : series) {
        v.snapshot(new Snapshot(snap.step(), snap.label(), ModelAttention.matrices(snap.trace(), b, sLen, tLen)));
      }
      Alignment g = gold == null ? null : gold.apply(p);
      if (g != null && fits(g, sLen, tLen - 1)) v.gold(g);
      out.add(v.build());
    }
    return out;
  }

  /** Writes the page for {@code s} to {@code file}, atomically (a browser never sees half a page). */
  public static void write(AttentionSnapshots s, Tokenizer source, Tokenizer target, Function<EncodedPair, Alignment> gold,
      Path file) throws IOException {
    Objects.requireNonNull(file, "AttentionOverTraining.write: file is null");
    List<AttentionView> views = views(s, source, target, gold);
    List<String> labels = new ArrayList<>();
    for (EncodedPair p : s.examples()) labels.add(p.pair().id() + ": " + p.pair().source());
    long first = s.snapshots().isEmpty() ? s.latest().step() : s.snapshots().getFirst().step();
    String html = AttentionExplorer.page(views).labels(labels)
        .title("attention over training · " + s.model().modelType() + " · steps " + first + "–" + s.latest().step())
        .html();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    AtomicFiles.write(file, html.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static boolean fits(Alignment g, int sources, int targets) {
    for (Link l : g.possible()) if (l.source() >= sources || l.target() >= targets) return false;
    return true;
  }
}
