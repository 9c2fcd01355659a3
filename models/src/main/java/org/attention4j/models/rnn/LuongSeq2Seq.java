package org.attention4j.models.rnn;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.attention4j.attention.Attention;
import org.attention4j.attention.AttentionResult;
import org.attention4j.attention.LuongScore;
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
 * The attention models of Luong, Pham &amp; Manning (2015): a stacked encoder, a stacked decoder
 * that starts from the encoder's final states, and attention computed from the decoder's
 * <em>current</em> top state {@code h_t} (sec. 3, "h_t -> a_t -> c_t -> h~_t"):
 *
 * <pre>
 *   h_t   = f(h_(t-1), [E y_(t-1); h~_(t-1)])      stacked LSTM/GRU; input feeding sec. 3.3 (h~_0 = 0)
 *   a_t   = align(h_t, h_s)                        eq. (7), score eq. (8): dot | general | concat | location
 *           global: all real source positions (sec. 3.1)
 *           local-m: [t - D, t + D]  (sec. 3.2)
 *           local-p: [p_t - D, p_t + D], p_t = S sigmoid(v_p^T tanh(W_p h_t))  eq. (9),
 *                    weights times exp(-(s - p_t)^2 / (2 (D/2)^2))               eq. (10)
 *   c_t   = sum_s a_t(s) h_s
 *   h~_t  = tanh(W_c [c_t; h_t])                   eq. (5)
 *   p(y_t | y_(&lt;t), x) = softmax(W_s h~_t)      eq. (6)
 * </pre>
 *
 * <p>Without input feeding the decoder does not depend on the attention, so the teacher-forced
 * pass runs the core RNN over the whole target and attends with all {@code T} queries in one
 * call; with it, a loop over steps batches what it can: the embedding part of the first layer's
 * input projection runs once over all steps, and the output layer once after the loop.
 *
 * <p>Choices, stated openly: a bidirectional encoder (the paper's is unidirectional) gives each
 * direction {@code H / 2} units and the decoder layer {@code l} starts from
 * {@code [h_l^fwd; h_l^bwd]}; {@code W_c} has no bias (eq. (5)); {@code W_s} has one; local
 * windows are those of core ({@link org.attention4j.attention.LocalM},
 * {@link org.attention4j.attention.LocalP}): a local-m query whose window lies past the end of
 * its source gets a zero context.
 *
 * <p>Modules: {@code decoder} (GRU/LSTM over {@code [E y; h~]} or {@code E y}), {@code attention}
 * (its score's parameters; local-p adds {@code window.wp}, {@code window.vp}), {@code combine}
 * ({@code W_c}, {@code C+H -> H}), {@code generator} ({@code W_s}, {@code H -> V}).
 */
public final class LuongSeq2Seq extends RnnEncoderDecoder {
  private final RnnStack decoder;
  private final Attention attention;
  private final Linear combine;
  private final Linear generator;

  /**
   * @throws IllegalArgumentException if the config is not of a Luong kind
   */
  public LuongSeq2Seq(RnnSeq2SeqConfig config, RandomGenerator rng) {
    super(config, rng);
    if (!config.kind().isLuong()) {
      throw new IllegalArgumentException("LuongSeq2Seq: config kind must be a Luong kind, got " + config.kind());
    }
    int c = config.memoryDim();
    int h = config.hiddenDim();
    int e = config.embedDim();
    int input = config.inputFeeding() ? e + h : e;
    decoder = new RnnStack(config.cell(), new RnnConfig(input, h, config.decoderLayers(), false, config.dropout(), true), rng);
    child("decoder", decoder.module());
    LuongScore score = config.score();
    int size = score == LuongScore.LOCATION ? config.maxSourceLength() : config.attentionDim();
    attention = child("attention", switch (config.kind()) {
      case LOCAL_M -> Attention.localM(score, h, c, size, config.window(), rng);
      case LOCAL_P -> Attention.localP(score, h, c, size, config.window(), rng);
      default -> Attention.luong(score, h, c, size, rng);
    });
    combine = child("combine", new Linear(c + h, h, false, rng));
    generator = child("generator", new Linear(h, config.targetVocab(), true, rng));
  }

  @Override
  public TeacherForced forward(SourceBatch source, TargetBatch target, boolean wantAttention) {
    checkBatches(source, target);
    RnnOutput enc = encode(source);
    Memory memory = Memory.of(attention, enc.output(), source.lengths());
    RnnStack.Layers s = initial(enc);
    Tensor y = embedTarget(target.input()); // (B, T, E)
    if (!config.inputFeeding()) {
      Unfed u = unfed(y, s, memory, 0);
      return new TeacherForced(u.logits(), wantAttention ? u.weights() : null);
    }
    int batch = y.dim(0);
    int steps = y.dim(1);
    Tensor[] blocks = decoder.inputBlocks(config.embedDim(), config.hiddenDim());
    Tensor preY = RnnStack.linear(y, blocks[0], decoder.inputBias()); // (B, T, E) -> (B, T, G*H), all steps at once
    Tensor feed = Tensor.zeros(batch, config.hiddenDim()); // h~_0
    List<Tensor> attentional = new ArrayList<>(steps);
    List<Tensor> weights = new ArrayList<>(steps);
    Fedder fedder = new Fedder(blocks[1]);
    for (int t = 0; t < steps; t++) {
      Fed f = fedder.fed(preY.select(1, t), feed, s, memory, t);
      s = f.layers();
      feed = f.attentional();
      attentional.add(feed);
      weights.add(f.weights());
    }
    Tensor logits = generator.forward(dropout.forward(Tensor.stack(1, attentional))); // T x (B, H) -> (B, T, H) -> (B, T, V)
    return new TeacherForced(logits, wantAttention ? Tensor.concat(1, weights) : null); // T x (B, 1, S) -> (B, T, S)
  }

  @Override
  public DecoderState start(SourceBatch source) {
    RnnOutput enc = encode(source);
    Memory memory = Memory.of(attention, enc.output(), source.lengths());
    Tensor feed = config.inputFeeding() ? Tensor.zeros(source.batch(), config.hiddenDim()) : null;
    return new RnnState(this, initial(enc), null, feed, memory, 0);
  }

  @Override
  public Step step(DecoderState state, int[] previous) {
    RnnState s = checkStep(state, previous);
    Tensor y = embedTarget(column(previous)); // (N, 1, E)
    if (!config.inputFeeding()) {
      Unfed u = unfed(y, s.layers(), s.memory(), s.position());
      Tensor logits = u.logits().squeeze(1); // (N, 1, V) -> (N, V)
      return new Step(logits.logSoftmax(-1), u.weights().squeeze(1), s.next(u.last(), null));
    }
    Tensor[] blocks = decoder.inputBlocks(config.embedDim(), config.hiddenDim());
    Tensor preY = RnnStack.linear(y, blocks[0], decoder.inputBias()).select(1, 0); // (N, 1, E) -> (N, G*H)
    Fed f = new Fedder(blocks[1]).fed(preY, s.feed(), s.layers(), s.memory(), s.position());
    Tensor logits = generator.forward(dropout.forward(f.attentional())); // (N, V)
    return new Step(logits.logSoftmax(-1), f.weights().squeeze(1), s.next(f.layers(), f.attentional()));
  }

  /** The encoder's final states, per layer: {@code h_l} or {@code [h_l^fwd; h_l^bwd]}. */
  private RnnStack.Layers initial(RnnOutput enc) {
    int layers = config.decoderLayers();
    int dirs = encoder.config().directions();
    Tensor[] h = new Tensor[layers];
    Tensor[] c = decoder.isLstm() ? new Tensor[layers] : null;
    for (int l = 0; l < layers; l++) {
      h[l] = directions(enc.hN(), l, dirs);
      if (c != null) c[l] = directions(enc.cN(), l, dirs);
    }
    return new RnnStack.Layers(h, c);
  }

  private static Tensor directions(Tensor states, int layer, int dirs) {
    if (dirs == 1) return states.select(0, layer); // (L, B, H) -> (B, H)
    return Tensor.concat(1, states.select(0, 2 * layer), states.select(0, 2 * layer + 1)); // 2 x (B, H/2) -> (B, H)
  }

  private record Unfed(Tensor logits, Tensor weights, RnnStack.Layers last) {}

  /** Without input feeding: the RNN over all of {@code y (B, T, E)}, then one attention call with {@code T} queries. */
  private Unfed unfed(Tensor y, RnnStack.Layers s, Memory memory, int position) {
    RnnOutput out = decoder.run(y, null, s); // (B, T, H)
    Tensor h = out.output();
    AttentionResult a = attention.attend(h, memory.keys(), memory.values(), memory.mask(), position); // (B, T, C), (B, T, S)
    Tensor attentional = Tensor.concat(2, a.context(), h); // (B, T, C + H)
    Tensor logits = generator.forward(dropout.forward(combine.forward(attentional).tanh())); // (B, T, H) -> (B, T, V)
    return new Unfed(logits, a.weights(), decoder.finalStates(out));
  }

  private record Fed(RnnStack.Layers layers, Tensor attentional, Tensor weights) {}

  /** The input-fed step function for one pass, its per-step weights wrapped once ({@link StepLinear}). */
  private final class Fedder {
    private final RnnStack.Stepper stepper = decoder.stepper();
    private final StepLinear feedWeight;
    private final StepLinear combineWeight = new StepLinear(combine.weight(), null);

    /** @param feedWeight the {@code h~} block of {@code weight_ih_l0}, {@code (G*H, H)} */
    Fedder(Tensor feedWeight) {
      this.feedWeight = new StepLinear(feedWeight, null);
    }

    /**
     * One input-fed step: {@code h_t} from {@code [E y; h~_(t-1)]}, attention from {@code h_t},
     * then {@code h~_t}.
     *
     * @param preY the embedding part of the first layer's input projection, {@code (N, G*H)}
     */
    Fed fed(Tensor preY, Tensor feed, RnnStack.Layers s, Memory memory, int position) {
      RnnStack.Layers next = stepper.step(preY.add(feedWeight.apply(feed)), s, isTraining());
      Tensor h = next.top(); // (N, H)
      AttentionResult a = attention.attend(h.unsqueeze(1), memory.keys(), memory.values(), memory.mask(), position);
      Tensor attentional = combineWeight.apply(Tensor.concat(1, a.context().squeeze(1), h)).tanh(); // (N, C + H) -> (N, H)
      return new Fed(next, attentional, a.weights()); // weights (N, 1, S)
    }
  }
}
