package org.attention4j.train;

import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.models.seq2seq.TeacherForced;
import org.attention4j.tensor.Tensor;

/**
 * The attention weights of one teacher-forced pass over a batch, as plain tensors, for the
 * visualisations and the attention doctor (which live in the app and turn these into views).
 * Nothing here draws or judges; it only says which map is which.
 *
 * <p>Row {@code t} of a cross or decoder map is the decoder position that predicts target output
 * {@code t} ({@code y_t}, or EOS at the last position) after reading {@code BOS y_1 .. y_(t-1)}.
 * Rows and columns beyond a sentence's length are batch padding.
 *
 * @param maps every recorded map, in the order the model produced them; empty for a model without
 *     attention
 */
public record AttentionTrace(List<LayerWeights> maps) {
  /** Which attention a map holds. */
  public enum Kind {
    /** Encoder-decoder attention: {@code (B, h, T, S)}. */
    CROSS,
    /** Encoder self-attention: {@code (B, h, S, S)}. */
    ENCODER_SELF,
    /** Decoder (causal) self-attention: {@code (B, h, T, T)}. */
    DECODER_SELF
  }

  /**
   * One layer's weights.
   *
   * @param kind which attention
   * @param layer the layer, from 0 (bottom)
   * @param weights {@code (B, h, Tq, Tk)}; {@code h = 1} for single-head attention
   */
  public record LayerWeights(Kind kind, int layer, Tensor weights) {
    public LayerWeights {
      Objects.requireNonNull(kind, "LayerWeights: kind is null");
      if (layer < 0) throw new IllegalArgumentException("LayerWeights: layer must be >= 0, got " + layer);
      if (weights.rank() != 4) {
        throw new IllegalArgumentException("LayerWeights: " + kind + " layer " + layer + " weights must be (B, h, Tq, Tk), got "
            + weights.shape());
      }
    }
  }

  /**
   * How to get every attention map of a model: {@link #teacherForced} for any model through the
   * {@link Seq2SeqModel} contract; the app supplies one that also reads a Transformer's every layer
   * and head. Called in a no-grad scope with the model in evaluation mode ({@link #inEvalMode}).
   */
  @FunctionalInterface
  public interface Recorder {
    AttentionTrace record(Seq2SeqModel model, SourceBatch source, TargetBatch target);
  }

  public AttentionTrace {
    maps = List.copyOf(maps);
  }

  /**
   * The encoder-decoder attention that the model contract returns ({@link Seq2SeqModel#forward}
   * with {@code wantAttention}): each step's attention for the RNN families, the heads of the last
   * decoder layer averaged for a Transformer. Recorded as {@link Kind#CROSS} layer 0, one head;
   * empty for a model without attention.
   */
  public static AttentionTrace teacherForced(Seq2SeqModel model, SourceBatch source, TargetBatch target) {
    TeacherForced tf = model.forward(source, target, true);
    if (tf.attention() == null) return new AttentionTrace(List.of());
    return new AttentionTrace(List.of(new LayerWeights(Kind.CROSS, 0, tf.attention().unsqueeze(1)))); // (B, T, S) -> (B, 1, T, S)
  }

  /**
   * Runs {@code pass} in a no-grad scope with {@code model} in evaluation mode (no dropout), then
   * puts the model's training mode back as it was.
   */
  public static <T> T inEvalMode(Seq2SeqModel model, Supplier<T> pass) {
    boolean wasTraining = model.isTraining();
    model.eval();
    try (var _ = GradMode.noGrad()) {
      return pass.get();
    } finally {
      model.train(wasTraining);
    }
  }

  /** This trace with the maps of the given kinds only (e.g. cross-attention, to keep a long series small). */
  public AttentionTrace only(Kind... kinds) {
    List<Kind> keep = List.of(kinds);
    return new AttentionTrace(maps.stream().filter(m -> keep.contains(m.kind())).toList());
  }

  /** The maps of one kind, by layer. */
  public List<LayerWeights> of(Kind kind) {
    return maps.stream().filter(m -> m.kind() == kind).toList();
  }

  /** True when the model returned no attention at all. */
  public boolean isEmpty() {
    return maps.isEmpty();
  }
}
