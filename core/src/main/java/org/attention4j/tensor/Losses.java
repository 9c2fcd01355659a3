package org.attention4j.tensor;

import java.util.random.RandomGenerator;
import org.attention4j.kernel.HashDropout;
import org.attention4j.kernel.Parallel;
import org.attention4j.kernel.Rows;

/**
 * Losses (cross-entropy with ignore index and label smoothing, negative log-likelihood, mean
 * squared error) and dropout.
 *
 * <p>Cross-entropy is fused: one pass computes each row's log-sum-exp and loss, and the backward
 * writes {@code softmax - target distribution} directly, so a vocabulary-sized row is never
 * materialised as log-probabilities on the tape.
 */
final class Losses {
  private Losses() {}

  /** The logits as {@code (rows, C)} with the class dim last, and targets as one id per row. */
  private record ClassRows(Tensor logits, int rows, int classes, int[] target, int[] moved) {}

  private static ClassRows classRows(String op, Tensor x, IntTensor target) {
    if (x.rank() < 1) throw new IllegalArgumentException(op + ": input must have a class dim, got a scalar");
    // (N, C) or (N, C, d1, ...) -> (N, d1, ..., C); a 1-D input is one row of C classes.
    Tensor moved = x.rank() <= 2 ? x.detach() : x.detach().permute(classLastOrder(x.rank()));
    int classes = x.rank() == 1 ? x.dim(0) : x.dim(1);
    int[] expect = new int[Math.max(0, x.rank() - 1)];
    if (x.rank() >= 2) {
      expect[0] = x.dim(0);
      for (int d = 2; d < x.rank(); d++) expect[d - 1] = x.dim(d);
    }
    if (!java.util.Arrays.equals(target.shape().dimsUnsafe(), expect)) {
      throw new IllegalArgumentException(
          op + ": target shape " + target.shape() + " does not match input " + x.shape + " (want " + java.util.Arrays.toString(expect) + ")");
    }
    Tensor c;
    try (var _ = org.attention4j.autograd.GradMode.noGrad()) {
      c = moved.contiguous();
    }
    int rows = classes == 0 ? 0 : c.numel() / classes;
    return new ClassRows(c, rows, classes, target.dataUnsafe(), expect);
  }

  private static int[] classLastOrder(int rank) {
    int[] order = new int[rank];
    order[0] = 0;
    for (int d = 2; d < rank; d++) order[d - 1] = d;
    order[rank - 1] = 1;
    return order;
  }

  private static void checkTarget(String op, int t, int row, int classes, int ignoreIndex, Shape input) {
    if (t != ignoreIndex && (t < 0 || t >= classes)) {
      throw new IllegalArgumentException(
          op + ": target " + t + " at position " + row + " is outside the classes [0, " + classes + ") of input "
              + input + " and is not the ignore index " + ignoreIndex);
    }
  }

  static Tensor crossEntropy(Tensor x, IntTensor target, int ignoreIndex, float smoothing, Tensor.Reduction reduction) {
    if (!(smoothing >= 0 && smoothing <= 1)) {
      throw new IllegalArgumentException("cross_entropy: label smoothing must be in [0, 1], got " + smoothing);
    }
    ClassRows cr = classRows("cross_entropy", x, target);
    int rows = cr.rows;
    int classes = cr.classes;
    float[] d = cr.logits.data;
    int off = cr.logits.offset;
    float[] lse = new float[rows];
    float[] loss = new float[rows];
    int counted = 0;
    for (int r = 0; r < rows; r++) {
      checkTarget("cross_entropy", cr.target[r], r, classes, ignoreIndex, x.shape);
      if (cr.target[r] != ignoreIndex) counted++;
    }
    Parallel.forRange(rows, RowOps.grain(classes), (from, to) -> {
      for (int r = from; r < to; r++) {
        int t = cr.target[r];
        if (t == ignoreIndex) continue;
        int ro = off + r * classes;
        float l = Rows.logSumExp(d, ro, classes);
        lse[r] = l;
        float nll = l - d[ro + t];
        float smooth = smoothing == 0 ? 0f : l - Rows.sum(d, ro, classes) / classes; // -mean_c log p_c
        loss[r] = (1 - smoothing) * nll + smoothing * smooth;
      }
    });
    Tensor out = reduce(loss, cr.moved, counted, reduction);
    final int count = counted;
    return OpNode.record("cross_entropy", out, (g, needs) -> {
      float[] rowGrad = rowWeights(g, rows, count, reduction);
      Tensor dx = Tensor.zeros(cr.logits.shape.dimsUnsafe());
      Parallel.forRange(rows, RowOps.grain(classes), (from, to) -> {
        for (int r = from; r < to; r++) {
          int t = cr.target[r];
          if (t == ignoreIndex || rowGrad[r] == 0) continue;
          int ro = off + r * classes;
          int o = r * classes;
          float w = rowGrad[r];
          float uniform = smoothing / classes;
          Rows.softmaxGradFromLse(d, ro, lse[r], w, uniform, dx.data, o, classes);
          dx.data[o + t] -= w * (1 - smoothing);
        }
      });
      return new Tensor[] {x.rank() <= 2 ? dx : Movement.permute(dx, inverse(classLastOrder(x.rank())))};
    }, x);
  }

  static Tensor nll(Tensor logp, IntTensor target, int ignoreIndex, Tensor.Reduction reduction) {
    ClassRows cr = classRows("nll_loss", logp, target);
    int rows = cr.rows;
    int classes = cr.classes;
    float[] loss = new float[rows];
    int counted = 0;
    for (int r = 0; r < rows; r++) {
      int t = cr.target[r];
      checkTarget("nll_loss", t, r, classes, ignoreIndex, logp.shape);
      if (t == ignoreIndex) continue;
      counted++;
      loss[r] = -cr.logits.data[cr.logits.offset + r * classes + t];
    }
    Tensor out = reduce(loss, cr.moved, counted, reduction);
    final int count = counted;
    return OpNode.record("nll_loss", out, (g, needs) -> {
      float[] rowGrad = rowWeights(g, rows, count, reduction);
      Tensor dx = Tensor.zeros(cr.logits.shape.dimsUnsafe());
      for (int r = 0; r < rows; r++) {
        int t = cr.target[r];
        if (t != ignoreIndex) dx.data[r * classes + t] = -rowGrad[r];
      }
      return new Tensor[] {logp.rank() <= 2 ? dx : Movement.permute(dx, inverse(classLastOrder(logp.rank())))};
    }, logp);
  }

  private static int[] inverse(int[] order) {
    int[] inv = new int[order.length];
    for (int i = 0; i < order.length; i++) inv[order[i]] = i;
    return inv;
  }

  /** Per-row losses reduced as asked; MEAN divides by the number of counted rows. */
  private static Tensor reduce(float[] loss, int[] shape, int counted, Tensor.Reduction reduction) {
    return switch (reduction) {
      case NONE -> Tensor.wrap(loss, Shape.of(shape));
      case SUM -> Tensor.scalar(Rows.sumScalar(loss, 0, loss.length));
      case MEAN -> Tensor.scalar(counted == 0 ? Float.NaN : Rows.sumScalar(loss, 0, loss.length) / counted);
    };
  }

  /** The upstream gradient of each row's loss. */
  private static float[] rowWeights(Tensor g, int rows, int counted, Tensor.Reduction reduction) {
    float[] w = new float[rows];
    switch (reduction) {
      case NONE -> {
        Tensor gc = g.contiguous();
        System.arraycopy(gc.data, gc.offset, w, 0, rows);
      }
      case SUM -> java.util.Arrays.fill(w, g.item());
      case MEAN -> java.util.Arrays.fill(w, counted == 0 ? 0f : g.item() / counted);
    }
    return w;
  }

  static Tensor mse(Tensor pred, Tensor target, Tensor.Reduction reduction) {
    if (!pred.shape.equals(target.shape)) {
      throw new IllegalArgumentException("mse_loss: input " + pred.shape + " and target " + target.shape + " differ");
    }
    Tensor sq = pred.sub(target).square();
    return switch (reduction) {
      case NONE -> sq;
      case SUM -> sq.sum();
      case MEAN -> sq.mean();
    };
  }

  /**
   * Inverted dropout whose mask is a hash of a seed drawn from {@code rng} and each element's index
   * ({@link HashDropout}): one {@code nextLong()} per call instead of one draw per element, a
   * vector kernel split over threads (the mask does not depend on the split), and no mask tensor
   * kept for the backward pass, which recomputes it.
   */
  static Tensor dropout(Tensor x, float p, boolean training, RandomGenerator rng) {
    if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("dropout: p must be in [0, 1], got " + p);
    if (!training || p == 0) return x;
    HashDropout.Mask mask = HashDropout.Mask.of(rng.nextLong(), p);
    Tensor in = x.isContiguous() ? x : x.contiguousCopy();
    int n = in.numel();
    Tensor out = Tensor.zeros(x.shape.dimsUnsafe());
    Parallel.forRange(n, UnaryOps.GRAIN, (from, to) ->
        HashDropout.apply(mask, in.data, in.offset + from, out.data, from, from, to - from));
    return OpNode.record("dropout", out, (g, needs) -> {
      Tensor gc = g.contiguous();
      Tensor dx = Tensor.zeros(x.shape.dimsUnsafe());
      Parallel.forRange(n, UnaryOps.GRAIN, (from, to) ->
          HashDropout.apply(mask, gc.data, gc.offset + from, dx.data, from, from, to - from));
      return new Tensor[] {dx};
    }, x);
  }
}
