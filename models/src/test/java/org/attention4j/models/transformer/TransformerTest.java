package org.attention4j.models.transformer;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.models.seq2seq.TeacherForced;
import org.attention4j.models.transformer.TransformerConfig.Activation;
import org.attention4j.models.transformer.TransformerConfig.NormPlacement;
import org.attention4j.models.transformer.TransformerConfig.PositionKind;
import org.attention4j.tensor.GradCheck;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class TransformerTest {
  private static final int V = 13;

  private static Transformer model(TransformerConfig c, long seed) {
    Transformer m = new Transformer(c, new SplittableRandom(seed));
    m.eval();
    return m;
  }

  @Test
  void forward_shapesAndAttentionRows() {
    SplittableRandom rng = new SplittableRandom(1);
    Transformer m = model(Batches.tiny(V).build(), 2);
    SourceBatch src = Batches.source(rng, V, 5, 3);
    TargetBatch tgt = Batches.target(rng, V, 4, 2);
    try (var _ = GradMode.noGrad()) {
      TeacherForced out = m.forward(src, tgt, true);
      assertEquals(List.of(2, 4, V), List.of(out.logits().dim(0), out.logits().dim(1), out.logits().dim(2)));
      assertEquals(List.of(2, 4, 5), List.of(out.attention().dim(0), out.attention().dim(1), out.attention().dim(2)));
      Tensor rowSums = out.attention().sum(2);
      assertClose(Tensor.ones(2, 4), rowSums, 1e-5, 1e-5, "attention rows sum to 1");
      for (int t = 0; t < 4; t++) {
        for (int s = 3; s < 5; s++) assertEquals(0f, out.attention().get(1, t, s), "padded source key gets no attention");
      }
      assertNull(m.forward(src, tgt, false).attention());
    }
  }

  @Test
  void parameterNames_areReadable() {
    Transformer m = model(Batches.tiny(V).norm(NormPlacement.PRE).positions(PositionKind.LEARNED).build(), 1);
    Map<String, Tensor> p = m.namedParameters();
    for (String name : List.of("sourceEmbedding.weight", "targetEmbedding.weight", "sourcePositions.weight", "targetPositions.weight",
        "encoder.layers.0.selfAttn.wq.weight", "encoder.layers.1.feedForward.w2.bias", "encoder.layers.0.selfAttnNorm.weight",
        "encoder.norm.weight", "decoder.layers.1.crossAttn.wo.bias", "decoder.layers.0.feedForwardNorm.bias", "decoder.norm.bias",
        "outputProjection.weight")) {
      assertTrue(p.containsKey(name), name + " in " + p.keySet());
    }
    assertFalse(model(Batches.tiny(V).build(), 1).namedParameters().containsKey("encoder.norm.weight"), "post-norm has no final norm");
  }

  @Test
  void sharedAndTied_useOneMatrix() {
    Transformer m = model(Batches.tiny(V).shareEmbeddings(true).tieOutput(true).build(), 1);
    Map<String, Tensor> p = m.namedParameters();
    assertTrue(p.containsKey("sourceEmbedding.weight"));
    assertFalse(p.containsKey("targetEmbedding.weight"), "a tied tensor is listed once");
    assertFalse(p.containsKey("outputProjection.weight"));
    assertTrue(m.stateDict().containsKey("targetEmbedding.weight"), "the state dict keeps both names");
    Transformer untied = model(Batches.tiny(V).build(), 1);
    assertEquals(untied.parameterCount() - 2L * V * 16, m.parameterCount());
    assertFalse(untied.namedParameters().containsKey("outputProjection.bias"), "no output bias");
  }

  @Test
  void init_embeddingsScaledToUnitVarianceAndPadRowZero() {
    Transformer m = new Transformer(TransformerConfig.builder(4000, 4000, 0).dModel(64).heads(4).layers(1, 1).ffDim(64).build(),
        new SplittableRandom(3));
    Tensor e = m.namedParameters().get("sourceEmbedding.weight");
    for (int j = 0; j < 64; j++) assertEquals(0f, e.get(0, j));
    double var = e.square().mean().item() * 64; // scaled by sqrt(64): variance 64 * 1/64
    assertEquals(1.0, var, 0.03);
  }

  @Test
  void paddedSourceTokens_doNotChangeOutputs() {
    SplittableRandom rng = new SplittableRandom(4);
    Transformer m = model(Batches.tiny(V).build(), 5);
    SourceBatch src = Batches.source(rng, V, 6, 2);
    TargetBatch tgt = Batches.target(rng, V, 3, 3);
    SourceBatch changed = new SourceBatch(Batches.with(Batches.with(src.ids(), 1, 3, 7), 1, 5, 9), src.lengths());
    try (var _ = GradMode.noGrad()) {
      TeacherForced a = m.forward(src, tgt, true);
      TeacherForced b = m.forward(changed, tgt, true);
      assertClose(a.logits(), b.logits(), 0, 0, "logits");
      assertClose(a.attention(), b.attention(), 0, 0, "attention");
    }
  }

  @Test
  void paddedTargetTokens_doNotChangeRealPositions() {
    SplittableRandom rng = new SplittableRandom(6);
    Transformer m = model(Batches.tiny(V).build(), 7);
    SourceBatch src = Batches.source(rng, V, 4, 4);
    TargetBatch tgt = Batches.target(rng, V, 5, 2);
    TargetBatch changed = new TargetBatch(Batches.with(tgt.input(), 1, 3, 11), tgt.output(), tgt.lengths());
    try (var _ = GradMode.noGrad()) {
      Tensor a = m.forward(src, tgt, false).logits().narrow(1, 0, 2);
      Tensor b = m.forward(src, changed, false).logits().narrow(1, 0, 2);
      assertClose(a, b, 0, 0, "real target positions");
    }
  }

  @Test
  void causalMask_futureTokenDoesNotChangeEarlierLogits() {
    SplittableRandom rng = new SplittableRandom(8);
    Transformer m = model(Batches.tiny(V).build(), 9);
    SourceBatch src = Batches.source(rng, V, 4);
    TargetBatch tgt = Batches.target(rng, V, 6);
    TargetBatch changed = new TargetBatch(Batches.with(tgt.input(), 0, 3, tgt.input().get(0, 3) == 5 ? 6 : 5), tgt.output(), tgt.lengths());
    try (var _ = GradMode.noGrad()) {
      Tensor a = m.forward(src, tgt, false).logits();
      Tensor b = m.forward(src, changed, false).logits();
      assertClose(a.narrow(1, 0, 3), b.narrow(1, 0, 3), 0, 0, "positions before the change");
      assertTrue(a.narrow(1, 3, 3).sub(b.narrow(1, 3, 3)).abs().max().item() > 1e-4, "later positions see the change");
    }
  }

  @Test
  void attentionMaps_everyLayerAndHead() {
    SplittableRandom rng = new SplittableRandom(10);
    Transformer m = model(Batches.tiny(V).layers(2, 3).build(), 11);
    SourceBatch src = Batches.source(rng, V, 5, 4);
    TargetBatch tgt = Batches.target(rng, V, 3, 4);
    try (var _ = GradMode.noGrad()) {
      AttentionMaps maps = m.attentionMaps(src, tgt);
      TeacherForced out = m.forward(src, tgt, true);
      assertClose(out.logits(), maps.logits(), 1e-6, 1e-6, "logits");
      assertEquals(2, maps.encoderSelf().size());
      assertEquals(3, maps.decoderSelf().size());
      assertEquals(3, maps.cross().size());
      assertEquals("[2, 2, 5, 5]", java.util.Arrays.toString(maps.encoderSelf().get(1).shape().toArray()));
      assertEquals("[2, 2, 4, 4]", java.util.Arrays.toString(maps.decoderSelf().get(0).shape().toArray()));
      assertEquals("[2, 2, 4, 5]", java.util.Arrays.toString(maps.cross().get(2).shape().toArray()));
      assertClose(out.attention(), maps.crossAveraged(2), 1e-6, 1e-5, "last layer averaged = forward's attention");
      Tensor self = maps.decoderSelf().get(1);
      for (int i = 0; i < 4; i++) for (int j = i + 1; j < 4; j++) assertEquals(0f, self.get(1, 1, i, j), "causal");
      for (int i = 0; i < 5; i++) assertEquals(0f, maps.encoderSelf().get(0).get(1, 0, i, 4), "source padding");
    }
  }

  @Test
  void forward_batchMismatch_isRejected() {
    SplittableRandom rng = new SplittableRandom(1);
    Transformer m = model(Batches.tiny(V).build(), 1);
    var e = assertThrows(IllegalArgumentException.class,
        () -> m.forward(Batches.source(rng, V, 3, 3), Batches.target(rng, V, 2), false));
    assertEquals("Transformer.forward: source batch 2 and target batch 1 differ", e.getMessage());
  }

  @Test
  void forward_tooLong_namesMaxLength() {
    SplittableRandom rng = new SplittableRandom(1);
    Transformer m = model(Batches.tiny(V).maxLength(4).build(), 1);
    var e = assertThrows(IllegalArgumentException.class, () -> m.forward(Batches.source(rng, V, 5), Batches.target(rng, V, 2), false));
    assertEquals("Transformer: source position 4 is beyond maxLength 4 (positions 0..3; raise maxLength in TransformerConfig)", e.getMessage());
  }

  @Test
  void dropout_onlyInTraining() {
    SplittableRandom rng = new SplittableRandom(12);
    Transformer m = new Transformer(Batches.tiny(V).dropout(0.3).build(), new SplittableRandom(13));
    SourceBatch src = Batches.source(rng, V, 4);
    TargetBatch tgt = Batches.target(rng, V, 4);
    try (var _ = GradMode.noGrad()) {
      Tensor a = m.forward(src, tgt, false).logits();
      Tensor b = m.forward(src, tgt, false).logits();
      assertTrue(a.sub(b).abs().max().item() > 1e-3, "training passes differ");
      m.eval();
      assertClose(m.forward(src, tgt, false).logits(), m.forward(src, tgt, false).logits(), 0, 0, "eval is deterministic");
    }
  }

  @ParameterizedTest(name = "{0} norm, {1} positions, {2}")
  @CsvSource({"POST, SINUSOIDAL, GELU, false", "PRE, LEARNED, GELU, true"})
  void gradients_matchFiniteDifferences(NormPlacement norm, PositionKind positions, Activation act, boolean tied) {
    SplittableRandom rng = new SplittableRandom(14);
    int v = 7;
    TransformerConfig c = TransformerConfig.builder(v, v, 0).dModel(8).heads(2).layers(1, 1).ffDim(12).dropout(0).maxLength(8)
        .norm(norm).positions(positions).activation(act).shareEmbeddings(tied).tieOutput(tied).build();
    Transformer m = new Transformer(c, new SplittableRandom(15));
    SourceBatch src = Batches.source(rng, v, 4, 2);
    TargetBatch tgt = Batches.target(rng, v, 3, 2);
    List<Tensor> params = new ArrayList<>(m.parameters());
    // The loss as training computes it: label-smoothed cross-entropy over (B*T, V), pad ignored.
    GradCheck.defaults().step(1e-2).tolerances(2e-3, 2e-2).checkInPlace("transformer " + norm + " " + positions, () -> {
      Tensor logits = m.forward(src, tgt, true).logits();
      return logits.reshape(-1, v).crossEntropy(tgt.output().reshape(-1), 0, 0.1f, Tensor.Reduction.MEAN);
    }, params);
  }

  @Test
  void gradients_flowIntoEveryParameter() {
    SplittableRandom rng = new SplittableRandom(16);
    Transformer m = new Transformer(Batches.tiny(V).build(), new SplittableRandom(17));
    SourceBatch src = Batches.source(rng, V, 4, 3);
    TargetBatch tgt = Batches.target(rng, V, 3, 4);
    Tensor loss = m.forward(src, tgt, false).logits().reshape(-1, V).crossEntropy(tgt.output().reshape(-1), 0, 0f, Tensor.Reduction.MEAN);
    loss.backward();
    m.namedParameters().forEach((name, p) -> {
      assertTrue(p.grad() != null && p.grad().abs().max().item() > 0, name + " has a gradient");
    });
  }
}
