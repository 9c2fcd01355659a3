package org.attention4j.models.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attention4j.autograd.GradMode;
import org.attention4j.io.Checkpoint;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.optim.Adam;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;
import org.attention4j.text.CharTokenizer;
import org.attention4j.text.Tokenizer;
import org.attention4j.text.WordTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Seq2SeqCheckpointsTest {
  private static final List<String> TEXT = List.of("the cat sat on the mat", "der Hund lief über die Wiese");

  private static Map<String, Object> tiny(String type) {
    return type.equals("transformer")
        ? Map.of("dModel", 8, "heads", 2, "encoderLayers", 1, "decoderLayers", 1, "ffDim", 8, "maxLength", 16)
        : Map.of("embedDim", 4, "hiddenDim", 8, "attentionDim", 8);
  }

  private static Tensor logits(Seq2SeqModel m) {
    var source = new SourceBatch(IntTensor.of(new int[][] {{4, 5, 6}, {7, 4, 0}}), new int[] {3, 2});
    var target = new TargetBatch(IntTensor.of(new int[][] {{2, 8, 9}, {2, 5, 0}}), IntTensor.of(new int[][] {{8, 9, 3},
        {5, 3, 0}}), new int[] {3, 2});
    m.eval();
    try (var _ = GradMode.noGrad()) {
      return m.forward(source, target, false).logits();
    }
  }

  @Test
  void saveLoad_sharedTokenizer_sameOutputs(@TempDir Path tmp) throws Exception {
    Tokenizer t = WordTokenizer.build(TEXT, 1, 100);
    Seq2SeqModel m = Seq2SeqModels.create("bahdanau", t.vocabSize(), t.vocabSize(), t.padId(), tiny("bahdanau"),
        new SplittableRandom(3));
    Path dir = tmp.resolve("ckpt");
    Seq2SeqCheckpoints.save(dir, m, t, t, null, null);
    assertTrue(Files.isRegularFile(dir.resolve("tokenizer.json")));
    assertFalse(Files.exists(dir.resolve("source_tokenizer.json")));
    Seq2SeqCheckpoint c = Seq2SeqCheckpoints.load(dir);
    assertTrue(c.sharedTokenizer());
    assertSame(c.sourceTokenizer(), c.targetTokenizer());
    assertEquals("bahdanau", c.model().modelType());
    assertArrayEquals(logits(m).toArray(), logits(c.model()).toArray());
    assertArrayEquals(t.encode("the mat sat"), c.sourceTokenizer().encode("the mat sat"));
    assertEquals(0, c.step());
    assertEquals(null, c.optimizerState());
    assertEquals("bahdanau", Seq2SeqCheckpoints.modelType(dir));
  }

  @Test
  void saveLoad_separateTokenizers_withOptimizer(@TempDir Path tmp) throws Exception {
    Tokenizer src = WordTokenizer.build(List.of(TEXT.get(0)), 1, 100);
    Tokenizer tgt = CharTokenizer.build(List.of(TEXT.get(1)), 1, 100);
    Seq2SeqModel m = Seq2SeqModels.create("transformer", src.vocabSize(), tgt.vocabSize(), 0, tiny("transformer"),
        new SplittableRandom(4));
    Adam adam = new Adam(m.namedParameters(), 0.01);
    m.train(true);
    Tensor loss = m.forward(new SourceBatch(IntTensor.of(new int[][] {{4, 5}}), new int[] {2}),
        new TargetBatch(IntTensor.of(new int[][] {{2, 4}}), IntTensor.of(new int[][] {{4, 3}}), new int[] {2}), false)
        .logits().sum();
    loss.backward();
    adam.step();
    Path dir = tmp.resolve("ckpt");
    var state = new OptimizerState(adam.stateTensors(), adam.stateMeta());
    Seq2SeqCheckpoints.save(dir, m, src, tgt, state, Map.of("step", 1, "note", "x"));
    Seq2SeqCheckpoints.save(dir, m, src, tgt, state, Map.of("step", 1, "note", "x")); // replaces the first
    assertTrue(Files.isRegularFile(dir.resolve("source_tokenizer.json")));
    assertTrue(Files.isRegularFile(dir.resolve("target_tokenizer.json")));
    assertFalse(Files.exists(dir.resolve("tokenizer.json")));
    try (var siblings = Files.list(tmp)) {
      assertEquals(List.of(dir), siblings.toList(), "no stage or backup left");
    }
    Seq2SeqCheckpoint c = Seq2SeqCheckpoints.load(dir, "transformer");
    assertFalse(c.sharedTokenizer());
    assertEquals(tgt.vocabSize(), c.targetTokenizer().vocabSize());
    assertArrayEquals(logits(m).toArray(), logits(c.model()).toArray());
    assertEquals(1, c.step());
    assertEquals("x", c.trainerState().get("note"));
    Adam again = new Adam(c.model().namedParameters(), 0.5);
    again.loadState(c.optimizerState().tensors(), c.optimizerState().meta());
    assertEquals(1, again.stepCount());
    assertEquals(0.01, again.lr());
  }

  @Test
  void load_otherModelType_saysWhichItHolds(@TempDir Path tmp) throws Exception {
    Tokenizer t = WordTokenizer.build(TEXT, 1, 100);
    Seq2SeqModel m = Seq2SeqModels.create("transformer", t.vocabSize(), t.vocabSize(), 0, tiny("transformer"),
        new SplittableRandom(5));
    Path dir = tmp.resolve("ckpt");
    Seq2SeqCheckpoints.save(dir, m, t, t, null, null);
    var e = assertThrows(IllegalArgumentException.class, () -> Seq2SeqCheckpoints.load(dir, "bahdanau"));
    assertEquals("checkpoint " + dir + " holds a 'transformer' model, not 'bahdanau'", e.getMessage());
    var unknown = assertThrows(IllegalArgumentException.class, () -> Seq2SeqCheckpoints.load(dir, "rnn"));
    assertTrue(unknown.getMessage().startsWith("unknown model type 'rnn'; valid types: plain, bahdanau,"), unknown.getMessage());
  }

  @Test
  void load_checkpointOfAnotherKind_isNotATranslationCheckpoint(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("lm");
    Checkpoint.save(dir, new Checkpoint(Map.of("w", Tensor.zeros(2)), Map.of("model_type", "gru_lm"), null,
        Map.of("step", 0), null));
    var e = assertThrows(IllegalArgumentException.class, () -> Seq2SeqCheckpoints.load(dir));
    assertEquals("checkpoint " + dir + " is not a translation checkpoint (config.json has format null, expected"
        + " \"attention4j-seq2seq\" with a model_type)", e.getMessage());
  }

  @Test
  void save_tokenizerOfAnotherSize_isRejected(@TempDir Path tmp) {
    Tokenizer t = WordTokenizer.build(TEXT, 1, 100);
    Seq2SeqModel m = Seq2SeqModels.create("plain", t.vocabSize() + 1, t.vocabSize(), 0, tiny("plain"), new SplittableRandom(6));
    var e = assertThrows(IllegalArgumentException.class, () -> Seq2SeqCheckpoints.save(tmp.resolve("x"), m, t, t, null, null));
    assertTrue(e.getMessage().contains("the tokenizers have " + t.vocabSize() + " source and " + t.vocabSize()
        + " target ids, the plain model " + (t.vocabSize() + 1)), e.getMessage());
  }
}
