package org.attention4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.tensor.Tensor;
import org.attention4j.text.WordTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The attention-snapshot listener on real training runs of tiny models. */
class AttentionSnapshotsTest {
  private static final ParallelCorpus CORPUS = TrainFixtures.corpus(11, 160);
  private static final WordTokenizer TOKENIZER = TrainFixtures.tokenizer(CORPUS);
  private static final TranslationData DATA = TranslationData.encode("corpus synthetic", CORPUS, TOKENIZER, TOKENIZER,
      LengthPolicy.maxTokens(0));

  @TempDir Path tmp;

  /** 2 epochs, about 8 steps each, dropout 0.1 (so that a listener that drew random numbers would show). */
  private static TrainerConfig config() {
    return TrainerConfig.builder().epochs(2).batching(new BatchingOptions(120, 16, 64)).lr(3e-3).devBleu(false).seed(5)
        .build();
  }

  private record Run(Seq2SeqModel model, TrainingReport report, AttentionSnapshots snapshots, List<Path> written,
      List<Boolean> trainingModeDuringSteps) {}

  private static Run train(String type, Path dir, boolean watch, int every, int max) throws Exception {
    StepRandom rng = new StepRandom(17);
    Seq2SeqModel model = TrainFixtures.model(type, TOKENIZER, rng, 0.1);
    Seq2SeqTrainer trainer = new Seq2SeqTrainer(model, rng, TOKENIZER, TOKENIZER, DATA, config());
    List<Path> written = new ArrayList<>();
    List<Boolean> modes = new ArrayList<>();
    AttentionSnapshots snapshots = null;
    TrainingListener modeProbe = new TrainingListener() {
      @Override
      public void onStep(StepProgress p) {
        modes.add(model.isTraining());
      }
    };
    if (watch) {
      snapshots = new AttentionSnapshots(model, AttentionSnapshots.pick(DATA, 3, 12), TOKENIZER.bosId(), TOKENIZER.eosId(),
          every, max, AttentionTrace::teacherForced, (runDir, s) -> written.add(runDir));
      trainer.listener(TrainingListeners.of(snapshots, modeProbe));
    } else {
      trainer.listener(modeProbe);
    }
    return new Run(model, trainer.train(dir), snapshots, written, modes);
  }

  @ParameterizedTest
  @ValueSource(strings = {"bahdanau", "transformer"})
  void snapshots_everyNStepsFromStepZero_andWrittenAtEachLastCheckpoint(String type) throws Exception {
    Run r = train(type, tmp.resolve("run"), true, 3, AttentionSnapshots.DEFAULT_MAX);
    int steps = r.report().steps();
    List<Long> want = new ArrayList<>();
    for (long s = 0; s <= steps; s += 3) want.add(s);
    assertEquals(want, r.snapshots().snapshots().stream().map(AttentionSnapshots.Snapshot::step).toList());
    // the last checkpoint (the end of the run) recorded the final weights, outside the even series
    assertEquals(steps, r.snapshots().latest().step());
    assertTrue(r.snapshots().latest().label().startsWith("step " + steps + " · epoch 2"), r.snapshots().latest().label());
    assertEquals("step 0 · before training", r.snapshots().snapshots().getFirst().label());
    assertTrue(r.snapshots().snapshots().get(1).label().matches("step 3 · epoch 1 · loss \\d+\\.\\d{3}"),
        r.snapshots().snapshots().get(1).label());
    // the writer got the run directory (the parent of last/) at each of the two epoch-end checkpoints
    assertEquals(List.of(tmp.resolve("run").toAbsolutePath(), tmp.resolve("run").toAbsolutePath()), r.written());
    // each snapshot: the contract's cross-attention, (B, 1, T, S) for the 3 examples, rows summing to 1 over real keys
    AttentionTrace last = r.snapshots().latest().trace();
    assertEquals(1, last.maps().size());
    AttentionTrace.LayerWeights w = last.maps().getFirst();
    assertEquals(AttentionTrace.Kind.CROSS, w.kind());
    Batch b = r.snapshots().batch();
    assertArrayEquals(new int[] {3, 1, b.target().input().dim(1), b.source().maxLength()}, w.weights().shape().toArray());
    float[] a = w.weights().contiguous().toArray();
    int t = w.weights().dim(2), s = w.weights().dim(3);
    for (int row = 0; row < 3; row++) {
      for (int q = 0; q < b.target().lengths()[row]; q++) {
        double sum = 0;
        for (int k = 0; k < s; k++) {
          float x = a[(row * t + q) * s + k];
          if (k >= b.source().lengths()[row]) assertEquals(0f, x, "padding key " + k + " of row " + row);
          sum += x;
        }
        assertEquals(1.0, sum, 1e-4, "row " + row + " query " + q);
      }
    }
    // training mode is back for every step
    assertFalse(r.trainingModeDuringSteps().isEmpty());
    assertTrue(r.trainingModeDuringSteps().stream().allMatch(x -> x), "the model trained in training mode after snapshots");
  }

  @Test
  void snapshots_doNotChangeTraining_bitForBit() throws Exception {
    Run plain = train("bahdanau", tmp.resolve("plain"), false, 1, 100);
    Run watched = train("bahdanau", tmp.resolve("watched"), true, 1, 100);
    assertEquals(plain.report().losses().size(), watched.report().losses().size());
    for (int i = 0; i < plain.report().losses().size(); i++) {
      assertEquals(Float.floatToRawIntBits(plain.report().losses().get(i)), Float.floatToRawIntBits(watched.report().losses().get(i)),
          "loss of step " + (i + 1));
    }
    var a = plain.model().stateDict();
    var b = watched.model().stateDict();
    for (String k : a.keySet()) assertArrayEquals(a.get(k).toArray(), b.get(k).toArray(), k);
  }

  @Test
  void snapshots_overTheLimit_thinToEveryOtherKeepingFirstAndLast() throws Exception {
    Run r = train("bahdanau", null, true, 1, 4);
    List<Long> steps = r.snapshots().snapshots().stream().map(AttentionSnapshots.Snapshot::step).toList();
    assertTrue(steps.size() <= 4, steps.toString());
    assertEquals(0L, steps.getFirst());
    assertEquals(r.report().steps() - (r.report().steps() % r.snapshots().every()), (long) steps.getLast(),
        "the last snapshot is at the last multiple of the doubled interval (no checkpoints in this run): " + steps);
    assertTrue(r.snapshots().every() >= 4, "the interval doubled: " + r.snapshots().every());
    for (int i = 1; i < steps.size(); i++) assertTrue(steps.get(i) > steps.get(i - 1), steps.toString());
    assertTrue(r.written().isEmpty(), "no checkpoint directory, no writes");
  }

  @Test
  void pick_shortDevPairsFirst() {
    List<EncodedPair> picked = AttentionSnapshots.pick(DATA, 3, 6);
    assertEquals(3, picked.size());
    for (EncodedPair p : picked) {
      assertTrue(DATA.dev().pairs().contains(p));
      assertTrue(p.source().length <= 6 && p.target().length <= 6, p.pair().toString());
    }
    List<EncodedPair> fallback = AttentionSnapshots.pick(DATA, 2, 0);
    assertEquals(2, fallback.size(), "none is that short: the shortest are taken");
  }

  @Test
  void constructor_rejectsBadSettings_namingThem() {
    Seq2SeqModel model = TrainFixtures.model("bahdanau", TOKENIZER, new StepRandom(1), 0);
    List<EncodedPair> ex = AttentionSnapshots.pick(DATA, 1, 10);
    assertEquals("AttentionSnapshots: every must be >= 1 step, got 0", assertThrows(IllegalArgumentException.class,
        () -> new AttentionSnapshots(model, ex, 2, 3, 0, 10, AttentionTrace::teacherForced, null)).getMessage());
    assertEquals("AttentionSnapshots: maxSnapshots must be >= 2, got 1", assertThrows(IllegalArgumentException.class,
        () -> new AttentionSnapshots(model, ex, 2, 3, 5, 1, AttentionTrace::teacherForced, null)).getMessage());
    assertEquals("AttentionSnapshots: no examples to watch", assertThrows(IllegalArgumentException.class,
        () -> new AttentionSnapshots(model, List.of(), 2, 3, 5, 10, AttentionTrace::teacherForced, null)).getMessage());
  }

  @Test
  void inEvalMode_restoresTheMode_evenWhenThePassThrows() {
    Seq2SeqModel model = TrainFixtures.model("bahdanau", TOKENIZER, new StepRandom(1), 0.1);
    model.train(true);
    assertThrows(IllegalStateException.class, () -> AttentionTrace.inEvalMode(model, () -> {
      assertFalse(model.isTraining());
      throw new IllegalStateException("boom");
    }));
    assertTrue(model.isTraining());
  }

  @Test
  void trace_ofAModelWithoutAttention_isEmpty() {
    Seq2SeqModel plain = TrainFixtures.model("plain", TOKENIZER, new StepRandom(1), 0);
    Batch b = new Batcher(AttentionSnapshots.pick(DATA, 2, 10), BatchingOptions.sentences(2), TOKENIZER.padId(),
        TOKENIZER.bosId(), TOKENIZER.eosId()).batch(new int[] {0, 1});
    assertTrue(AttentionTrace.inEvalMode(plain, () -> AttentionTrace.teacherForced(plain, b.source(), b.target())).isEmpty());
  }

  @Test
  void layerWeights_mustBeRank4() {
    assertEquals("LayerWeights: CROSS layer 0 weights must be (B, h, Tq, Tk), got [2, 3, 4]",
        assertThrows(IllegalArgumentException.class,
            () -> new AttentionTrace.LayerWeights(AttentionTrace.Kind.CROSS, 0, Tensor.zeros(2, 3, 4))).getMessage());
  }

  @Test
  void listeners_fanOutInOrder() {
    List<String> calls = new ArrayList<>();
    TrainingListener a = new TrainingListener() {
      @Override
      public void onCheckpoint(Path dir, boolean best) {
        calls.add("a " + dir + " " + best);
      }
    };
    TrainingListener b = new TrainingListener() {
      @Override
      public void onCheckpoint(Path dir, boolean best) {
        calls.add("b " + dir + " " + best);
      }

      @Override
      public void onDecoding(int done, int total) {
        calls.add("b " + done + "/" + total);
      }
    };
    TrainingListener both = TrainingListeners.of(a, b);
    both.onCheckpoint(Path.of("x"), true);
    both.onDecoding(1, 2);
    assertEquals(List.of("a x true", "b x true", "b 1/2"), calls);
  }
}
