package org.attention4j.decode;

import java.util.ArrayList;
import java.util.List;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.DecoderState;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.Step;
import org.attention4j.tensor.Tensor;

/**
 * Beam search for any {@link Seq2SeqModel}, batched over sources with {@code K} live hypotheses
 * per source, scored as GNMT (Wu et al. 2016): {@link Penalties#score}.
 *
 * <p>Each step, per source:
 * <ol>
 *   <li>every live hypothesis is extended by every token; a candidate's log-probability is its
 *       parent's plus the step's (positive rounding error of a log-softmax is clamped to 0);
 *   <li>candidates are visited best first (ties: earlier hypothesis, then lower id). One that ends
 *       in EOS is set aside as finished; any other becomes live, until {@code K} are live (so up
 *       to one EOS candidate per live hypothesis is finished each step, and {@code K} stay live);
 *   <li>a hypothesis that reaches {@code maxLength = floor(maxLenRatio * srcLen + maxLenOffset)}
 *       tokens (EOS included; at least 1) without EOS is set aside unfinished, with the same score
 *       formula.
 * </ol>
 * Live hypotheses of one step all have the same length, so ranking them by log-probability
 * equals ranking by length-normalised log-probability; the coverage penalty is applied to set-aside
 * hypotheses only (as OpenNMT's GNMT scorer without step-wise penalty).
 *
 * <p><b>Early stopping.</b> A source is done when no hypothesis is live, or when it has at least
 * {@code nBest} set-aside hypotheses and the {@code nBest}-th best score is at least the best
 * score any live hypothesis could still reach. That bound is {@code logP / lp(maxLength)}: later
 * tokens only lower {@code logP <= 0}, {@code lp} grows with the length ({@code alpha >= 0}), and
 * the coverage penalty is at most 0. The rule never changes the result: with a beam wide enough to
 * keep every candidate, the search is exact (tests compare it with exhaustive enumeration).
 *
 * <p>Runs in a no-grad scope with the model in evaluation mode, and restores its training mode.
 */
public final class BeamSearch {
  /**
   * @param beamSize {@code K}, live hypotheses kept per source
   * @param nBest how many hypotheses to return per source, {@code 1..K}
   * @param bos the id fed at the first step
   * @param eos the id that ends a hypothesis
   * @param alpha length-penalty exponent, {@code >= 0} (0: none)
   * @param beta coverage-penalty weight, {@code >= 0} (0: none; {@code > 0} needs a model that
   *     returns step attention)
   * @param maxLenRatio {@code a} of the length limit {@code a * srcLen + b}
   * @param maxLenOffset {@code b} of the length limit
   */
  public record Options(int beamSize, int nBest, int bos, int eos, double alpha, double beta, double maxLenRatio,
      int maxLenOffset) {
    public Options {
      if (beamSize < 1) throw new IllegalArgumentException("BeamSearch: beamSize must be >= 1, got " + beamSize);
      if (nBest < 1 || nBest > beamSize) {
        throw new IllegalArgumentException("BeamSearch: nBest must be in 1..beamSize (" + beamSize + "), got " + nBest);
      }
      Penalties.checkWeight("BeamSearch: alpha", alpha);
      Penalties.checkWeight("BeamSearch: beta", beta);
      Limits.checkLengthRule("BeamSearch", maxLenRatio, maxLenOffset);
    }

    /** Beam {@code K}, 1-best, {@code alpha = 0.6}, no coverage penalty, limit {@code 2 * srcLen + 10}. */
    public static Options of(int beamSize, int bos, int eos) {
      return new Options(beamSize, 1, bos, eos, 0.6, 0.0, 2.0, 10);
    }

    public Options withNBest(int n) {
      return new Options(beamSize, n, bos, eos, alpha, beta, maxLenRatio, maxLenOffset);
    }

    public Options withPenalties(double lengthAlpha, double coverageBeta) {
      return new Options(beamSize, nBest, bos, eos, lengthAlpha, coverageBeta, maxLenRatio, maxLenOffset);
    }

    public Options withMaxLength(double ratio, int offset) {
      return new Options(beamSize, nBest, bos, eos, alpha, beta, ratio, offset);
    }
  }

  private final Options options;

  public BeamSearch(Options options) {
    this.options = options;
  }

  public Options options() {
    return options;
  }

  /**
   * Searches every source row.
   *
   * @return per source row, in order, up to {@code nBest} hypotheses, best score first
   * @throws IllegalArgumentException if BOS or EOS is outside the model's target vocabulary
   * @throws IllegalStateException if {@code beta > 0} and the model returns no step attention
   */
  public List<List<Hypothesis>> search(Seq2SeqModel model, SourceBatch source) {
    Limits.checkIds("BeamSearch", model, options.bos(), options.eos());
    boolean wasTraining = model.isTraining();
    model.eval();
    try (var _ = GradMode.noGrad()) {
      return run(model, source);
    } finally {
      model.train(wasTraining);
    }
  }

  /** A hypothesis as a node of the search tree: its last token and a link to its parent. */
  private record Node(int token, Node parent, int length, double logProb, float[] attention, double[] coverage) {}

  /** A set-aside hypothesis. */
  private record Final(Node node, boolean finished, double score) {}

  /** The search of one source. */
  private final class Beam {
    final int sourceLength;
    final int maxLength;
    List<Node> live = new ArrayList<>();
    final List<Final> finals = new ArrayList<>();

    Beam(int sourceLength) {
      this.sourceLength = sourceLength;
      this.maxLength = Limits.maxLength(sourceLength, options.maxLenRatio(), options.maxLenOffset());
    }

    void setAside(Node node, boolean finished) {
      Final f = new Final(node, finished, Penalties.score(node.logProb(), node.length(), node.coverage(), options.alpha(), options.beta()));
      int at = finals.size();
      while (at > 0 && finals.get(at - 1).score() < f.score()) at--;
      if (at >= options.nBest()) return;
      finals.add(at, f);
      if (finals.size() > options.nBest()) finals.removeLast();
    }

    boolean done() {
      if (live.isEmpty()) return true;
      if (finals.size() < options.nBest()) return false;
      double lp = Penalties.lengthPenalty(maxLength, options.alpha());
      double bound = Double.NEGATIVE_INFINITY;
      for (Node n : live) bound = Math.max(bound, n.logProb() / lp);
      return finals.get(options.nBest() - 1).score() >= bound;
    }
  }

  private List<List<Hypothesis>> run(Seq2SeqModel model, SourceBatch source) {
    int b = source.batch();
    List<Beam> beams = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      Beam beam = new Beam(source.lengths()[i]);
      beam.live.add(new Node(options.bos(), null, 0, 0.0, null, options.beta() > 0 ? new double[beam.sourceLength] : null));
      beams.add(beam);
    }
    List<Beam> active = new ArrayList<>(beams);
    DecoderState state = model.start(source);
    while (!active.isEmpty()) {
      int rows = 0;
      for (Beam beam : active) rows += beam.live.size();
      int[] previous = new int[rows];
      int r = 0;
      for (Beam beam : active) for (Node n : beam.live) previous[r++] = n.token();
      Step step = model.step(state, previous);
      if (options.beta() > 0 && step.attention() == null) {
        throw new IllegalStateException("BeamSearch: the coverage penalty (beta " + options.beta() + ") needs the step attention, but model '"
            + model.modelType() + "' returns none; use beta = 0");
      }
      Tensor lpT = step.logProbs().contiguous();
      float[] att = step.attention() == null ? null : step.attention().toArray();
      int s = step.attention() == null ? 0 : step.attention().dim(1);
      List<Integer> select = new ArrayList<>();
      List<Beam> still = new ArrayList<>();
      int first = 0;
      for (Beam beam : active) {
        int n = beam.live.size();
        int[] parents = expand(beam, lpT, att, s, first);
        if (!beam.done()) {
          still.add(beam);
          for (int p : parents) select.add(first + p);
        }
        first += n;
      }
      active = still;
      if (active.isEmpty()) break;
      // The rows of finished sources are dropped; the others follow their surviving hypotheses.
      int[] keep = new int[select.size()];
      for (int i = 0; i < keep.length; i++) keep[i] = select.get(i);
      state = step.next().select(keep);
    }
    List<List<Hypothesis>> out = new ArrayList<>(b);
    for (Beam beam : beams) {
      List<Hypothesis> best = new ArrayList<>();
      for (Final f : beam.finals) best.add(hypothesis(f));
      out.add(best);
    }
    return out;
  }

  /**
   * Extends the live hypotheses of {@code beam} (state rows {@code first ..}) by one token and
   * replaces them with the survivors; returns, for each survivor, its parent's index in the old
   * live list (beam-local row).
   */
  private int[] expand(Beam beam, Tensor logProbs, float[] att, int s, int first) {
    int n = beam.live.size();
    int v = logProbs.dim(1);
    float[] lp = logProbs.storage();
    int base = logProbs.storageOffset() + first * v;
    int k = options.beamSize();
    long total = (long) n * v;
    int m = (int) Math.min(total, (long) k + n); // K live plus at most one EOS per parent
    int[] top = TopK.largest(n, v, m, (row, token) -> beam.live.get(row).logProb() + Math.min(0f, lp[base + row * v + token]));
    List<Node> next = new ArrayList<>(k);
    List<Integer> parents = new ArrayList<>(k);
    float[][] rowAttention = new float[n][];
    int length = beam.live.getFirst().length() + 1;
    for (int c : top) {
      int row = c / v;
      int token = c % v;
      Node parent = beam.live.get(row);
      if (att != null && rowAttention[row] == null) rowAttention[row] = Limits.attentionRow(att, s, first + row, beam.sourceLength);
      Node child = new Node(token, parent, length, parent.logProb() + Math.min(0f, lp[base + row * v + token]),
          rowAttention[row], cover(parent.coverage(), rowAttention[row]));
      if (token == options.eos()) {
        beam.setAside(child, true);
      } else {
        next.add(child);
        parents.add(row);
        if (next.size() == k) break;
      }
    }
    if (length >= beam.maxLength) {
      for (Node node : next) beam.setAside(node, false);
      next.clear();
      parents.clear();
    }
    beam.live = next;
    return parents.stream().mapToInt(Integer::intValue).toArray();
  }

  private static double[] cover(double[] coverage, float[] attention) {
    if (coverage == null) return null;
    double[] c = coverage.clone();
    for (int i = 0; i < c.length; i++) c[i] += attention[i];
    return c;
  }

  private static Hypothesis hypothesis(Final f) {
    List<Node> path = new ArrayList<>();
    for (Node n = f.node(); n.parent() != null; n = n.parent()) path.add(n);
    int steps = path.size();
    int count = f.finished() ? steps - 1 : steps;
    int[] tokens = new int[count];
    float[][] attention = f.node().attention() != null ? new float[steps][] : null;
    for (int j = 0; j < steps; j++) {
      Node n = path.get(steps - 1 - j);
      if (j < count) tokens[j] = n.token();
      if (attention != null) attention[j] = n.attention();
    }
    return new Hypothesis(tokens, f.finished(), f.node().logProb(), f.score(), attention);
  }
}
