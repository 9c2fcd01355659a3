package org.attention4j.models.rnn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attention4j.autograd.GradMode;
import org.attention4j.io.Json;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry, checkpoint round trip, state-dict names and argument checks. */
class RnnSeq2SeqTest {
  @Test
  void modelTypes_areTheCommandLineNames() {
    assertEquals(List.of("plain", "bahdanau", "luong-dot", "luong-general", "luong-concat", "luong-location", "local-m", "local-p"),
        RnnSeq2Seq.modelTypes());
    assertInstanceOf(PlainSeq2Seq.class, RnnSeq2Seq.create("plain", 9, 9, new SplittableRandom(1)));
    assertInstanceOf(BahdanauSeq2Seq.class, RnnSeq2Seq.create("bahdanau", 9, 9, new SplittableRandom(1)));
    assertInstanceOf(LuongSeq2Seq.class, RnnSeq2Seq.create("local-p", 9, 9, new SplittableRandom(1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.attention4j.models.rnn.RnnFixtures#variantArguments")
  void fromConfig_ofConfigMapThroughJson_rebuildsAModelThatLoadsTheWeights(String name, RnnSeq2SeqConfig config) {
    Seq2SeqModel model = RnnSeq2Seq.create(config, new SplittableRandom(1));
    assertEquals(config.kind().modelType(), model.modelType());
    Map<String, Object> json = Json.parseObject(Json.write(model.configMap(), false), "config.json");
    Seq2SeqModel again = RnnSeq2Seq.fromConfig(json, new SplittableRandom(2));
    assertEquals(model.namedParameters().keySet(), again.namedParameters().keySet());
    again.loadStateDict(model.stateDict(), true);
    model.eval();
    again.eval();
    SourceBatch source = RnnFixtures.source(1, 3, 4);
    TargetBatch target = RnnFixtures.target(2, 3, 2);
    try (var _ = GradMode.noGrad()) {
      assertClose(model.forward(source, target, false).logits(), again.forward(source, target, false).logits(), 0, 0, name);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("org.attention4j.models.rnn.RnnFixtures#variantArguments")
  void backward_trainingWithDropout_reachesEveryParameter(String name, RnnSeq2SeqConfig config) {
    RnnEncoderDecoder model = RnnSeq2Seq.create(config.withDropout(0.3), new SplittableRandom(1));
    TargetBatch target = RnnFixtures.target(2, 3, 4);
    Tensor logits = model.forward(RnnFixtures.source(1, 3, 4), target, true).logits();
    Tensor loss = logits.reshape(-1, model.targetVocab()).crossEntropy(target.output().reshape(-1), model.padId(), 0f, Tensor.Reduction.MEAN);
    assertTrue(Float.isFinite(loss.item()), name + ": loss " + loss.item());
    loss.backward();
    model.namedParameters().forEach((key, p) -> assertTrue(p.grad() != null && p.grad().abs().sum().item() > 0, name + ": no gradient for " + key));
  }

  @Test
  void namedParameters_followPyTorchNames() {
    var bahdanau = RnnSeq2Seq.create(RnnFixtures.tiny(RnnKind.BAHDANAU), new SplittableRandom(1)).namedParameters().keySet();
    assertEquals(List.of("source_embedding.weight", "target_embedding.weight",
        "encoder.weight_ih_l0", "encoder.weight_hh_l0", "encoder.bias_ih_l0", "encoder.bias_hh_l0",
        "encoder.weight_ih_l0_reverse", "encoder.weight_hh_l0_reverse", "encoder.bias_ih_l0_reverse", "encoder.bias_hh_l0_reverse",
        "bridge.weight", "bridge.bias", "attention.score.wq.weight", "attention.score.wk.weight", "attention.score.v.weight",
        "decoder.weight_ih_l0", "decoder.weight_hh_l0", "decoder.bias_ih_l0", "decoder.bias_hh_l0",
        "readout.weight", "readout.bias", "generator.weight", "generator.bias"), List.copyOf(bahdanau));
    var localP = RnnSeq2Seq.create(RnnFixtures.tiny(RnnKind.LOCAL_P), new SplittableRandom(1)).namedParameters();
    assertTrue(localP.containsKey("attention.window.wp.weight"), localP.keySet().toString());
    assertTrue(localP.containsKey("combine.weight"), localP.keySet().toString());
    assertEquals(List.of(6, 5 + 6), List.of(localP.get("decoder.weight_ih_l0").dim(0) / 4, localP.get("decoder.weight_ih_l0").dim(1)),
        "input feeding: the first decoder layer reads [E y; h~]");
  }

  @Test
  void sourceEmbedding_padRow_isZero() {
    RnnEncoderDecoder model = RnnSeq2Seq.create(RnnFixtures.tiny(RnnKind.LUONG_DOT).withPadId(4), new SplittableRandom(1));
    Tensor w = model.namedParameters().get("source_embedding.weight");
    assertClose(Tensor.zeros(5), w.select(0, 4), 0, 0, "pad row");
  }

  @Test
  void forward_batchMismatch_throws() {
    RnnEncoderDecoder model = RnnSeq2Seq.create(RnnFixtures.tiny(RnnKind.PLAIN), new SplittableRandom(1));
    var e = assertThrows(IllegalArgumentException.class,
        () -> model.forward(RnnFixtures.source(1, 3, 2), RnnFixtures.target(2, 3, 2, 1), false));
    assertEquals("forward: source batch 2 differs from target batch 3", e.getMessage());
  }

  @Test
  void step_wrongTokenCountOrForeignState_throws() {
    RnnEncoderDecoder model = RnnSeq2Seq.create(RnnFixtures.tiny(RnnKind.LOCAL_M), new SplittableRandom(1));
    RnnEncoderDecoder other = RnnSeq2Seq.create(RnnFixtures.tiny(RnnKind.LOCAL_M), new SplittableRandom(1));
    try (var _ = GradMode.noGrad()) {
      DecoderState state = model.start(RnnFixtures.source(1, 3, 2));
      var count = assertThrows(IllegalArgumentException.class, () -> model.step(state, new int[] {1}));
      assertEquals("step: 1 previous tokens for 2 rows", count.getMessage());
      var foreign = assertThrows(IllegalArgumentException.class, () -> other.step(state, new int[] {1, 1}));
      assertEquals("step: the state was not made by this model's start()", foreign.getMessage());
    }
  }

  @Test
  void constructor_wrongKind_throws() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> new PlainSeq2Seq(RnnFixtures.tiny(RnnKind.BAHDANAU), new SplittableRandom(1)));
    assertEquals("PlainSeq2Seq: config kind must be plain, got bahdanau", e.getMessage());
    var l = assertThrows(IllegalArgumentException.class,
        () -> new LuongSeq2Seq(RnnFixtures.tiny(RnnKind.PLAIN), new SplittableRandom(1)));
    assertEquals("LuongSeq2Seq: config kind must be a Luong kind, got plain", l.getMessage());
  }

  @Test
  void forward_locationScore_longerSourceThanMax_throwsFromTheScore() {
    RnnEncoderDecoder model = RnnSeq2Seq.create(RnnFixtures.tiny(RnnKind.LUONG_LOCATION).withMaxSourceLength(3), new SplittableRandom(1));
    var e = assertThrows(IllegalArgumentException.class,
        () -> model.forward(RnnFixtures.source(1, 4, 2), RnnFixtures.target(2, 3, 2), false));
    assertTrue(e.getMessage().startsWith("LocationScore: 4 keys exceed maxSourceLength 3"), e.getMessage());
  }
}
