package org.attention4j.models.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.attention4j.attention.Attention;
import org.attention4j.attention.AttentionResult;
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
 * RNNsearch of Bahdanau, Cho &amp; Bengio (2015): a bidirectional encoder whose annotations
 * {@code h_j = [h_j^fwd; h_j^bwd]} (sec. 3.2) a decoder reads through additive attention
 * computed from its <em>previous</em> state:
 *
 * <pre>
 *   s_0  = tanh(W_s h_1^bwd)                              appendix A.2.2
 *   e_ij = v_a^T tanh(W_a s_(i-1) + U_a h_j)              eq. (6), A.1.2 ({@link Attention#bahdanau})
 *   a_ij = softmax_j(e_ij)  over real source positions    eq. (6)
 *   c_i  = sum_j a_ij h_j                                 eq. (5)
 *   s_i  = f(s_(i-1), [E y_(i-1); c_i])                   eq. (4) with f a GRU
 *   t_i  = maxout(U_o s_i + V_o E y_(i-1) + C_o c_i)      deep output, A.2.2, pairs of units
 *   p(y_i | y_(&lt;i), x) = softmax(W_o t_i)             eq. (4): g(y_(i-1), s_i, c_i)
 * </pre>
 *
 * <p>Variants, stated openly: the read-out uses the new state {@code s_i} as eq. (4) writes it
 * (appendix A.2.2 writes {@code s_(i-1)}); the maxout has {@code H} units (the paper: 500 for
 * {@code H = 1000}); {@code U_a h_j} is computed once per source ({@link Attention#projectKeys})
 * and reused at every step and by every beam hypothesis. With a unidirectional encoder
 * {@code s_0} comes from the forward final state; with several decoder layers, attention reads
 * the top one and {@code W_s} initialises all; with an LSTM cell, cell states start at zero.
 *
 * <p>Modules: {@code bridge} ({@code W_s}, with bias), {@code attention} ({@code score.wq},
 * {@code score.wk}, {@code score.v}), {@code decoder} (the GRU over {@code [E y; c]}),
 * {@code readout} ({@code [U_o V_o C_o]}, with bias, {@code H+E+C -> 2H}), {@code generator}
 * ({@code W_o}, with bias, {@code H -> V}).
 *
 * <p>Cost: the embedding part of the decoder's input projection runs once over all steps, the
 * per-step loop does only the context's projection, the attention and the recurrence, and the
 * read-out and output layer run once over all steps after the loop.
 */
public final class BahdanauSeq2Seq extends RnnEncoderDecoder {
  private final Linear bridge;
  private final Attention attention;
  private final RnnStack decoder;
  private final Linear readout;
  private final Linear generator;

  /**
   * @throws IllegalArgumentException if the config is not of kind {@link RnnKind#BAHDANAU}
   */
  public BahdanauSeq2Seq(RnnSeq2SeqConfig config, RandomGenerator rng) {
    super(config, rng);
    if (config.kind() != RnnKind.BAHDANAU) {
      throw new IllegalArgumentException("BahdanauSeq2Seq: config kind must be bahdanau, got " + config.kind());
    }
    int c = config.memoryDim();
    int h = config.hiddenDim();
    int e = config.embedDim();
    bridge = child("bridge", new Linear(config.encoderHidden(), config.decoderLayers() * h, true, rng));
    attention = child("attention", Attention.bahdanau(h, c, config.attentionDim(), rng));
    decoder = new RnnStack(config.cell(), new RnnConfig(e + c, h, config.decoderLayers(), false, config.dropout(), true), rng);
    child("decoder", decoder.module());
    readout = child("readout", new Linear(h + e + c, 2 * h, true, rng));
    generator = child("generator", new Linear(h, config.targetVocab(), true, rng));
  }

  @Override
  public TeacherForced forward(SourceBatch source, TargetBatch target, boolean wantAttention) {
    checkBatches(source, target);
    RnnOutput enc = encode(source);
    Memory memory = Memory.of(attention, enc.output(), source.lengths());
    RnnStack.Layers s = initial(enc);
    Tensor y = embedTarget(target.input()); // (B, T, E)
    int steps = y.dim(1);
    Tensor[] blocks = decoder.inputBlocks(config.embedDim(), config.memoryDim());
    Tensor preY = RnnStack.linear(y, blocks[0], decoder.inputBias()); // (B, T, E) -> (B, T, G*H), all steps at once
    List<Tensor> states = new ArrayList<>(steps);
    List<Tensor> contexts = new ArrayList<>(steps);
    List<Tensor> weights = new ArrayList<>(steps);
    RnnStack.Stepper stepper = decoder.stepper();
    StepLinear contextWeight = new StepLinear(blocks[1], null);
    for (int t = 0; t < steps; t++) {
      Advanced a = advance(preY.select(1, t), s, memory, t, contextWeight, stepper);
      s = a.layers();
      states.add(s.top());
      contexts.add(a.context());
      weights.add(a.weights());
    }
    Tensor logits = output(Tensor.stack(1, states), y, Tensor.stack(1, contexts)); // (B, T, V)
    return new TeacherForced(logits, wantAttention ? Tensor.concat(1, weights) : null); // T x (B, 1, S) -> (B, T, S)
  }

  @Override
  public DecoderState start(SourceBatch source) {
    RnnOutput enc = encode(source);
    return new RnnState(this, initial(enc), null, null, Memory.of(attention, enc.output(), source.lengths()), 0);
  }

  @Override
  public Step step(DecoderState state, int[] previous) {
    RnnState s = checkStep(state, previous);
    Tensor y = embedTarget(column(previous)); // (N, 1, E)
    Tensor[] blocks = decoder.inputBlocks(config.embedDim(), config.memoryDim());
    Tensor preY = RnnStack.linear(y, blocks[0], decoder.inputBias()).select(1, 0); // (N, 1, E) -> (N, G*H)
    Advanced a = advance(preY, s.layers(), s.memory(), s.position(), new StepLinear(blocks[1], null), decoder.stepper());
    Tensor logits = output(a.layers().top().unsqueeze(1), y, a.context().unsqueeze(1)).squeeze(1); // (N, V)
    return new Step(logits.logSoftmax(-1), a.weights().squeeze(1), s.next(a.layers(), null));
  }

  /** {@code s_0 = tanh(W_s h_1^bwd)} (the forward final state for a unidirectional encoder). */
  private RnnStack.Layers initial(RnnOutput enc) {
    RnnConfig cfg = encoder.config();
    return initialFromBridge(bridge.forward(encoderFinal(enc, cfg, cfg.directions() - 1)), decoder);
  }

  private record Advanced(RnnStack.Layers layers, Tensor context, Tensor weights) {}

  /**
   * One decoder step: attention from {@code s_(i-1)}, then the recurrence.
   *
   * @param preY the embedding part of the input projection, {@code (N, G*H)}
   * @param contextWeight the context block of {@code weight_ih_l0}, {@code (G*H, C)}
   */
  private Advanced advance(Tensor preY, RnnStack.Layers s, Memory memory, int position, StepLinear contextWeight,
      RnnStack.Stepper stepper) {
    AttentionResult a = attention.attend(s.top().unsqueeze(1), memory.keys(), memory.values(), memory.mask(), position);
    Tensor c = a.context().squeeze(1); // (N, 1, C) -> (N, C)
    Tensor gi = preY.add(contextWeight.apply(c)); // (N, G*H)
    return new Advanced(stepper.step(gi, s, isTraining()), c, a.weights()); // weights (N, 1, S)
  }

  /** Deep output over all steps at once: states {@code (B, T, H)}, {@code y (B, T, E)}, contexts {@code (B, T, C)}. */
  private Tensor output(Tensor states, Tensor y, Tensor contexts) {
    Tensor t = maxout(readout.forward(Tensor.concat(2, states, y, contexts))); // (B, T, 2H) -> (B, T, H)
    return generator.forward(dropout.forward(t)); // (B, T, V)
  }
}
