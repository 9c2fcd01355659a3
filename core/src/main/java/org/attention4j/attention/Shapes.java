package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/** Argument checks shared by the score functions, normalisers and the composer. */
final class Shapes {
  private Shapes() {}

  /**
   * Checks queries {@code (B, Tq, dq)} and keys {@code (B, Tk, dk)}; with {@code sameDim}, also
   * {@code dq == dk}.
   */
  static void queriesKeys(String op, Tensor queries, Tensor keys, boolean sameDim) {
    if (queries.rank() != 3 || keys.rank() != 3) {
      throw new IllegalArgumentException(
          op + ": queries " + queries.shape() + " and keys " + keys.shape() + " must be (B, Tq, dq) and (B, Tk, dk)");
    }
    if (queries.dim(0) != keys.dim(0)) {
      throw new IllegalArgumentException(
          op + ": batch sizes differ: queries " + queries.shape() + ", keys " + keys.shape());
    }
    if (sameDim && queries.dim(2) != keys.dim(2)) {
      throw new IllegalArgumentException(
          op + ": query dim " + queries.dim(2) + " differs from key dim " + keys.dim(2) + ": queries "
              + queries.shape() + ", keys " + keys.shape());
    }
  }

  /** Checks that the last dim of {@code x} is {@code want}. */
  static void lastDim(String op, String name, Tensor x, int want) {
    if (x.rank() != 3 || x.dim(2) != want) {
      throw new IllegalArgumentException(op + ": " + name + " " + x.shape() + " must be (B, T, " + want + ")");
    }
  }

  /**
   * Checks that {@code allowed} (may be {@code null}) broadcasts to the shape of {@code scores}
   * without growing it.
   */
  static void allowed(String op, Tensor allowed, Tensor scores) {
    if (allowed == null) return;
    boolean ok = allowed.rank() <= scores.rank();
    for (int i = 1; ok && i <= allowed.rank(); i++) {
      int a = allowed.dim(-i);
      ok = a == 1 || a == scores.dim(-i);
    }
    if (!ok) {
      throw new IllegalArgumentException(
          op + ": allowed mask " + allowed.shape() + " does not broadcast to scores " + scores.shape());
    }
  }

  /** {@code a AND b} for 0/1 tensors, either of which may be {@code null} (= everything allowed). */
  static Tensor and(Tensor a, Tensor b) {
    if (a == null) return b;
    if (b == null) return a;
    return a.mul(b);
  }

  /** {@code allowed} broadcast to {@code shape} as a fresh array (1 everywhere when null). */
  static float[] expandedAllowed(Tensor allowed, Tensor scores) {
    if (allowed == null) {
      float[] ones = new float[scores.numel()];
      java.util.Arrays.fill(ones, 1f);
      return ones;
    }
    return allowed.detach().expand(scores.shape().toArray()).toArray();
  }
}
