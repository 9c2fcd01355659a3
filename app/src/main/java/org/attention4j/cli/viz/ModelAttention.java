package org.attention4j.cli.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.models.transformer.AttentionMaps;
import org.attention4j.models.transformer.Transformer;
import org.attention4j.tensor.Tensor;
import org.attention4j.train.AttentionTrace;
import org.attention4j.viz.AttentionKind;
import org.attention4j.viz.AttentionMatrix;
import org.attention4j.viz.HeadKey;

/**
 * The bridge between models and pictures, which the package rules keep apart ({@code viz} reads
 * results and never runs a model; {@code train} knows no model family): reads every attention
 * map of a model and cuts one example's matrices out of a batch.
 */
final class ModelAttention {
  private ModelAttention() {}

  /**
   * Every map of a teacher-forced pass: for a {@link Transformer} each layer's encoder
   * self-attention, decoder self-attention and cross-attention per head ({@link
   * Transformer#attentionMaps}); for the RNN families the cross-attention of each step (one head).
   * Call it in evaluation mode without gradients ({@link AttentionTrace#inEvalMode}).
   */
  static AttentionTrace record(Seq2SeqModel model, SourceBatch source, TargetBatch target) {
    if (model instanceof Transformer t) {
      AttentionMaps maps = t.attentionMaps(source, target);
      List<AttentionTrace.LayerWeights> out = new ArrayList<>();
      add(out, AttentionTrace.Kind.ENCODER_SELF, maps.encoderSelf());
      add(out, AttentionTrace.Kind.DECODER_SELF, maps.decoderSelf());
      add(out, AttentionTrace.Kind.CROSS, maps.cross());
      return new AttentionTrace(out);
    }
    return AttentionTrace.teacherForced(model, source, target);
  }

  private static void add(List<AttentionTrace.LayerWeights> out, AttentionTrace.Kind kind, List<Tensor> perLayer) {
    for (int l = 0; l < perLayer.size(); l++) out.add(new AttentionTrace.LayerWeights(kind, l, perLayer.get(l)));
  }

  static AttentionKind kind(AttentionTrace.Kind k) {
    return switch (k) {
      case CROSS -> AttentionKind.CROSS;
      case ENCODER_SELF -> AttentionKind.SELF_ENCODER;
      case DECODER_SELF -> AttentionKind.SELF_DECODER;
    };
  }

  /**
   * The matrices of batch row {@code b}: each head of each map cut to the first {@code sources}
   * source and {@code targets} target positions (all of a padded row's positions to show its
   * padding, or its real tokens only).
   *
   * @throws IllegalArgumentException if a map is smaller than asked
   */
  static Map<HeadKey, AttentionMatrix> matrices(AttentionTrace trace, int b, int sources, int targets) {
    Map<HeadKey, AttentionMatrix> out = new TreeMap<>();
    for (AttentionTrace.LayerWeights lw : trace.maps()) {
      AttentionKind kind = kind(lw.kind());
      int tq = kind.queriesAreTarget() ? targets : sources;
      int tk = kind.keysAreTarget() ? targets : sources;
      Tensor w = lw.weights().select(0, b); // (B, h, Tq, Tk) -> (h, Tq, Tk)
      if (w.dim(1) < tq || w.dim(2) < tk) {
        throw new IllegalArgumentException("attention " + kind.id() + " layer " + lw.layer() + " " + lw.weights().shape()
            + " is smaller than " + tq + " x " + tk + " positions");
      }
      for (int h = 0; h < w.dim(0); h++) {
        Tensor m = w.select(0, h).narrow(0, 0, tq).narrow(1, 0, tk); // (Tq, Tk) -> (tq, tk)
        out.put(new HeadKey(kind, lw.layer(), h), AttentionMatrix.of(m.contiguous()));
      }
    }
    return out;
  }
}
