package org.attention4j.models.rnn;

import java.util.random.RandomGenerator;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.Step;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.models.seq2seq.TeacherForced;
import org.attention4j.nn.Linear;
import org.attention4j.nn.RnnConfig;
import org.attention4j.nn.RnnOutput;
import org.attention4j.tensor.Tensor;

/**
 * The RNN Encoder-Decoder without attention of Cho et al. (2014), sec. 2.2 and appendix A.1
 * (with Sutskever et al. 2014 the other founding paper): the encoder's final state is the one
 * fixed-length summary {@code c} of the source, and the decoder is conditioned on it three times:
 *
 * <pre>
 *   c    = [h_S^fwd ; h_1^bwd]                      top encoder layer's final state(s), (B, C)
 *   h'_0 = tanh(V' c)                               A.1.2: the decoder's initial state (every layer)
 *   h'_t = f(h'_(t-1), [e(y_(t-1)); c])             sec. 2.2: h_t = f(h_(t-1), y_(t-1), c)
 *   s_t  = maxout(O_h h'_t + O_y e(y_(t-1)) + O_c c)  A.1.2 deep output, pairs of units
 *   p(y_t | y_(&lt;t), c) = softmax(G s_t)           sec. 2.2: g(h_t, y_(t-1), c)
 * </pre>
 *
 * <p>Variant, stated openly: Cho et al. add {@code C c} inside each gate of their GRU; feeding
 * {@code [e(y); c]} as the input of a standard GRU is the same function (the input weights
 * {@code W_ih} hold both {@code W e(y)} and {@code C c} blocks) and lets the core GRU run the
 * whole target sequence with its input projections batched over time. With an LSTM cell the
 * cell state starts at zero. A bidirectional encoder gives {@code C = 2 He}, else {@code C = He}.
 *
 * <p>Modules: {@code bridge} ({@code V'}, {@code C -> L*H}, with bias), {@code decoder} (the GRU
 * or LSTM over {@code [e(y); c]}), {@code readout} ({@code [O_h O_y O_c]}, {@code H+E+C -> 2H},
 * with bias), {@code generator} ({@code G} with bias, {@code H -> V}).
 */
public final class PlainSeq2Seq extends RnnEncoderDecoder {
  private final Linear bridge;
  private final RnnStack decoder;
  private final Linear readout;
  private final Linear generator;

  /**
   * @throws IllegalArgumentException if the config is not of kind {@link RnnKind#PLAIN}
   */
  public PlainSeq2Seq(RnnSeq2SeqConfig config, RandomGenerator rng) {
    super(config, rng);
    if (config.kind() != RnnKind.PLAIN) {
      throw new IllegalArgumentException("PlainSeq2Seq: config kind must be plain, got " + config.kind());
    }
    int c = config.memoryDim();
    int h = config.hiddenDim();
    int e = config.embedDim();
    bridge = child("bridge", new Linear(c, config.decoderLayers() * h, true, rng));
    decoder = new RnnStack(config.cell(), new RnnConfig(e + c, h, config.decoderLayers(), false, config.dropout(), true), rng);
    child("decoder", decoder.module());
    readout = child("readout", new Linear(h + e + c, 2 * h, true, rng));
    generator = child("generator", new Linear(h, config.targetVocab(), true, rng));
  }

  @Override
  public TeacherForced forward(SourceBatch source, TargetBatch target, boolean wantAttention) {
    checkBatches(source, target);
    RnnOutput enc = encode(source);
    Tensor c = summary(enc);
    Decoded d = decode(embedTarget(target.input()), c, initialFromBridge(bridge.forward(c), decoder));
    return new TeacherForced(d.logits(), null);
  }

  @Override
  public DecoderState start(SourceBatch source) {
    RnnOutput enc = encode(source);
    Tensor c = summary(enc);
    return new RnnState(this, initialFromBridge(bridge.forward(c), decoder), c, null, null, 0);
  }

  @Override
  public Step step(DecoderState state, int[] previous) {
    RnnState s = checkStep(state, previous);
    Decoded d = decode(embedTarget(column(previous)), s.context(), s.layers()); // (N, 1, E)
    Tensor logits = d.logits().squeeze(1); // (N, 1, V) -> (N, V)
    return new Step(logits.logSoftmax(-1), null, s.next(d.last(), null));
  }

  /** {@code c}: the top encoder layer's final state, both directions concatenated: {@code (B, C)}. */
  private Tensor summary(RnnOutput enc) {
    RnnConfig cfg = encoder.config();
    Tensor forward = encoderFinal(enc, cfg, 0);
    return cfg.bidirectional() ? Tensor.concat(1, forward, encoderFinal(enc, cfg, 1)) : forward;
  }

  private record Decoded(Tensor logits, RnnStack.Layers last) {}

  /** The decoder over target embeddings {@code y (B, T, E)} from state {@code s}, given {@code c (B, C)}. */
  private Decoded decode(Tensor y, Tensor c, RnnStack.Layers s) {
    int batch = y.dim(0);
    int steps = y.dim(1);
    Tensor cT = c.unsqueeze(1).expand(batch, steps, c.dim(1)); // (B, C) -> (B, T, C)
    RnnOutput out = decoder.run(Tensor.concat(2, y, cT), null, s); // (B, T, E + C) -> (B, T, H)
    Tensor t = maxout(readout.forward(Tensor.concat(2, out.output(), y, cT))); // (B, T, H+E+C) -> (B, T, 2H) -> (B, T, H)
    return new Decoded(generator.forward(dropout.forward(t)), decoder.finalStates(out)); // (B, T, V)
  }
}
