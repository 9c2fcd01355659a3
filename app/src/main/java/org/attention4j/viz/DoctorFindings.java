package org.attention4j.viz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.attention4j.viz.Finding.Code;
import org.attention4j.viz.Finding.Severity;

/** The rules that turn {@link HeadStats} into plain-language {@link Finding}s (thresholds: {@link DoctorSettings}). */
final class DoctorFindings {
  private DoctorFindings() {}

  static List<Finding> derive(List<HeadStats> stats, List<double[]> duplicates, DoctorSettings s) {
    List<Finding> out = new ArrayList<>();
    for (HeadStats h : stats) head(h, s, out);
    int listed = 0;
    for (double[] d : duplicates) {
      HeadStats a = stats.get((int) d[0]), b = stats.get((int) d[1]);
      if (listed++ == 10) {
        out.add(new Finding(Severity.WARNING, Code.DUPLICATE_HEADS, null, (duplicates.size() - 10)
            + " more pairs of duplicate heads", "see the pairs above"));
        break;
      }
      out.add(new Finding(Severity.WARNING, Code.DUPLICATE_HEADS, a.head(), a.head().describe() + " and "
          + b.head().describe() + " attend alike (cosine similarity " + f3(d[2]) + " over all examples)",
          "redundant heads: one could be pruned. If most heads of a layer are copies, check that the projection is "
              + "split into heads correctly ((B, T, C) -> (B, h, T, C/h)) and that heads are not initialised with the same "
              + "weights (one seeded generator drawn in sequence, not re-seeded per head)"));
    }
    out.sort(Comparator.comparing(Finding::severity));
    return List.copyOf(out);
  }

  private static void head(HeadStats h, DoctorSettings s, List<Finding> out) {
    if (h.rows() == 0) return;
    HeadKey k = h.head();
    String where = k.describe();
    boolean cross = k.kind() == AttentionKind.CROSS;
    if (h.emptyRows() > 0) {
      out.add(new Finding(Severity.ALARM, Code.EMPTY_ROWS, k, h.emptyRows() + " of " + h.rows() + " rows of real tokens in "
          + where + " have all-zero weights", "every key was masked for these queries: check the mask polarity (true = may "
          + "attend in attention4j), the key lengths given to Mask.keyPadding, and causal offsets"));
    }
    if (h.rowSumError() > s.rowSumTolerance()) {
      out.add(new Finding(Severity.ALARM, Code.NOT_NORMALISED, k, "rows of " + where + " sum to 1 ± " + f3(h.rowSumError())
          + " instead of 1", "these are not softmax weights as they are: weights taken after dropout (take them before, as "
          + "AttentionResult does), raw scores, or a softmax over the wrong axis (over queries instead of keys)"));
    }
    if (h.paddingMass() >= s.paddingMass()) {
      out.add(new Finding(Severity.ALARM, Code.PADDING_LEAK, k, pct(h.paddingMass()) + " of attention mass lands on padding in "
          + where, "the padding mask is probably missing or inverted (true = may attend in attention4j); check that key "
          + "lengths are passed and that padded keys get -inf scores before the softmax"));
    }
    if (!Double.isNaN(h.futureMass()) && h.futureMass() >= s.futureMass()) {
      out.add(new Finding(Severity.ALARM, Code.FUTURE_LEAK, k, "decoder self-attention gives " + pct(h.futureMass())
          + " of its mass to future tokens in " + where, "the causal mask is missing or shifted: in training the decoder "
          + "sees the word it must predict, so the loss drops fast but generation fails; use Mask.causal()"));
    }
    if (h.constantAcrossInputs()) {
      out.add(new Finding(Severity.ALARM, Code.CONSTANT_ACROSS_INPUTS, k, where + " gives the same weights to different "
          + "inputs", "the scores do not depend on the tokens: check that queries and keys are computed from the inputs "
          + "(not from a constant, a bias alone, or the positions only) and that the right tensors reach the attention"));
    }
    if (h.entropy() >= s.uniformEntropy()) {
      out.add(new Finding(Severity.ALARM, Code.UNIFORM, k, "attention is nearly uniform (entropy " + f2(h.entropy())
          + " of maximum) in " + where + ": the scores carry no signal", "check that attention parameters receive gradients "
          + "(frozen at init? detached?), the learning rate, and that queries/keys are not zero; for scaled dot-product "
          + "attention check the scale (1/sqrt(d), not 1/d or a temperature far above 1)"));
      return; // the measures below are noise for a uniform head
    }
    boolean collapsed = h.collapseShare() >= s.collapseShare() && h.rows() >= 3 && h.keys() > h.examples();
    boolean sink = collapsed && h.specialMass() >= s.specialMass();
    if (collapsed && cross) {
      out.add(new Finding(Severity.ALARM, Code.COLLAPSED, k, "collapsed onto " + h.collapseTarget() + " in "
          + pct(h.collapseShare()) + " of rows of " + where, "typical of an untrained or under-trained model, or a decoder "
          + "that ignores the encoder: train longer or raise the learning rate; check that the decoder state enters the "
          + "score function, that encoder outputs differ between positions (not all the same vector), and that source "
          + "lengths are right (a mask that leaves only one key gives the same picture)"));
    } else if (collapsed && !sink) {
      out.add(new Finding(Severity.WARNING, Code.COLLAPSED, k, "collapsed onto " + h.collapseTarget() + " in "
          + pct(h.collapseShare()) + " of rows of " + where, "one key takes the attention of most queries: fine for a few "
          + "heads of a trained model (positional or delimiter heads); if every head does it the model is not using the "
          + "content — train longer, or check the learning rate and initialisation"));
    }
    if (h.specialMass() >= s.specialMass() && !(collapsed && cross)) {
      out.add(new Finding(Severity.NOTE, Code.SPECIAL_TOKEN_SINK, k, pct(h.specialMass()) + " of attention in " + where
          + " goes to special tokens (BOS/EOS/separators)", "common 'no-op' behaviour of trained heads (Clark et al. 2019, "
          + "What does BERT look at?); if every head does it, the model may not be using the content"));
    }
    if (cross && !collapsed && s.expectMonotone() && h.diagonalMass() < s.minDiagonalMass()
        && (Double.isNaN(h.spearman()) || h.spearman() < s.minSpearman())) {
      String aer = Double.isNaN(h.alignmentError()) ? "" : ", alignment error rate against gold " + f2(h.alignmentError());
      out.add(new Finding(Severity.WARNING, Code.NOT_MONOTONE, k, "alignments are not forming in " + where + ": "
          + pct(h.diagonalMass()) + " of the mass lies near the diagonal and argmax positions correlate "
          + f2(h.spearman()) + " with target positions" + aer, "if the two languages reorder words heavily this can be "
          + "right (set expectMonotone false; attn doctor --no-monotone); otherwise train longer, check that source and target pairs are not "
          + "shuffled against each other, and that the decoder attends with its current state"));
    }
    if (cross && !collapsed && h.keys() > 0 && (double) h.neverAttended() / h.keys() >= s.uncoveredShare()) {
      out.add(new Finding(Severity.WARNING, Code.UNCOVERED_SOURCE, k, h.neverAttended() + " of " + h.keys()
          + " source tokens (" + pct((double) h.neverAttended() / h.keys()) + ") are never attended in " + where,
          "the translation may drop words (under-translation): a coverage penalty in beam search or coverage attention "
          + "helps; check that long inputs are not truncated"));
    }
  }

  static String pct(double share) {
    return String.format(Locale.ROOT, share < 0.1 ? "%.1f%%" : "%.0f%%", share * 100);
  }

  static String f2(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
  }

  static String f3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }
}
