package org.attention4j.attention;

import org.attention4j.autograd.GradMode;
import org.attention4j.kernel.Binary;
import org.attention4j.kernel.Parallel;
import org.attention4j.kernel.Rows;
import org.attention4j.kernel.Unary;
import org.attention4j.tensor.Functions;
import org.attention4j.tensor.Tensor;

/**
 * The shared core of the additive (Bahdanau) and concat (Luong) scores as one recorded op:
 * {@code e[b, i, j] = sum_a v[a] tanh(qp[b, i, a] + kp[b, j, a])}.
 *
 * <p>Written as tensor ops this would materialise (and save for backward) the
 * {@code (B, Tq, Tk, A)} sum and its tanh; here each {@code (i, j)} pair is formed in an
 * {@code A}-long scratch row, so the extra memory is {@code O(A)} per thread and backward
 * recomputes the tanh instead of saving it. The rows use the vector kernels (add, tanh, dot).
 *
 * <p>Backward, with {@code t = tanh(qp_i + kp_j)} and {@code d = g_ij v (1 - t^2)}:
 * {@code dqp_i += d}, {@code dkp_j += d}, {@code dv += g_ij t}. Work is split by batch row and
 * the per-row {@code dv} parts are summed in a fixed order, so results do not depend on threads.
 */
final class AdditiveScoreOp {
  private AdditiveScoreOp() {}

  /**
   * @param qp projected queries {@code (B, Tq, A)}
   * @param kp projected keys {@code (B, Tk, A)}
   * @param v the scoring vector {@code (A)}
   * @return {@code (B, Tq, Tk)}
   */
  static Tensor apply(String op, Tensor qp, Tensor kp, Tensor v) {
    int batch = qp.dim(0);
    int tq = qp.dim(1);
    int tk = kp.dim(1);
    int a = qp.dim(2);
    if (kp.dim(0) != batch || kp.dim(2) != a || v.rank() != 1 || v.dim(0) != a) {
      throw new IllegalArgumentException(
          op + ": projected queries " + qp.shape() + ", keys " + kp.shape() + " and v " + v.shape()
              + " must be (B, Tq, A), (B, Tk, A) and (A)");
    }
    float[] q = qp.detach().toArray();
    float[] k = kp.detach().toArray();
    float[] w = v.detach().toArray();
    float[] out = new float[batch * tq * tk];
    Parallel.forRange(batch * tq, Math.max(1, 4096 / Math.max(1, tk * a)), (from, to) -> {
      float[] row = new float[a];
      for (int bi = from; bi < to; bi++) {
        int b = bi / tq;
        for (int j = 0; j < tk; j++) {
          tanhSum(q, bi * a, k, (b * tk + j) * a, row, a);
          out[bi * tk + j] = Rows.dot(w, 0, row, 0, a);
        }
      }
    });
    Tensor result = Tensor.wrap(out, batch, tq, tk);
    return Functions.record(op, result, (g, needs) -> backward(g, q, k, w, batch, tq, tk, a, needs), qp, kp, v);
  }

  /** {@code row = tanh(q[qo..] + k[ko..])}. */
  private static void tanhSum(float[] q, int qo, float[] k, int ko, float[] row, int a) {
    Binary.apply(Binary.Op.ADD, q, qo, 1, k, ko, 1, row, 0, a);
    Unary.forward(Unary.Op.TANH, 0f, row, 0, row, 0, a);
  }

  private static Tensor[] backward(Tensor grad, float[] q, float[] k, float[] w, int batch, int tq, int tk, int a, boolean[] needs) {
    float[] g;
    try (var _ = GradMode.noGrad()) {
      g = grad.toArray();
    }
    float[] dq = new float[q.length];
    float[] dk = new float[k.length];
    float[] dvParts = new float[batch * a];
    Parallel.forRange(batch, 1, (from, to) -> {
      float[] row = new float[a];
      for (int b = from; b < to; b++) {
        for (int i = 0; i < tq; i++) {
          int qo = (b * tq + i) * a;
          for (int j = 0; j < tk; j++) {
            float gij = g[(b * tq + i) * tk + j];
            if (gij == 0f) continue;
            int ko = (b * tk + j) * a;
            tanhSum(q, qo, k, ko, row, a);
            Binary.axpy(gij, row, 0, 1, dvParts, b * a, a);
            for (int c = 0; c < a; c++) {
              float t = row[c];
              float d = gij * w[c] * (1f - t * t);
              dq[qo + c] += d;
              dk[ko + c] += d;
            }
          }
        }
      }
    });
    float[] dv = new float[a];
    for (int b = 0; b < batch; b++) Binary.axpy(1f, dvParts, b * a, 1, dv, 0, a);
    return new Tensor[] {
        needs[0] ? Tensor.wrap(dq, batch, tq, a) : null,
        needs[1] ? Tensor.wrap(dk, batch, tk, a) : null,
        needs[2] ? Tensor.wrap(dv, a) : null};
  }
}
