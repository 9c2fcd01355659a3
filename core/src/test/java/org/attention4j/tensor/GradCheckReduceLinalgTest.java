package org.attention4j.tensor;

import static org.attention4j.tensor.TestTensors.distinct;
import static org.attention4j.tensor.TestTensors.leaf;
import static org.attention4j.tensor.TestTensors.randn;
import static org.attention4j.tensor.TestTensors.uniform;
import static org.attention4j.testing.TensorAsserts.gradcheck;

import org.junit.jupiter.api.Test;

/** Central-difference gradient checks of reductions, matmul, softmax and layer norm. */
class GradCheckReduceLinalgTest {

  // ---------------------------------------------------------------- sum / mean

  @Test
  void sum_oneDimSeveralDimsAllKeepdim_matchesFiniteDifferences() {
    Tensor x = leaf(randn(1, 3, 4, 19));
    gradcheck("sum(1)", in -> in[0].sum(1), x);
    gradcheck("sum(1, keep)", in -> in[0].sum(1, true), x);
    gradcheck("sum(-1, keep)", in -> in[0].sum(-1, true), leaf(randn(2, 2, 5, 37)));
    gradcheck("sum({0, 2})", in -> in[0].sum(new int[] {0, 2}, false), x);
    gradcheck("sum({2, 0}, keep)", in -> in[0].sum(new int[] {2, 0}, true), x);
    gradcheck("sum({0, 1}) leading", in -> in[0].sum(new int[] {0, 1}, false), x);
    gradcheck("sum()", in -> in[0].sum(), x);
    gradcheck("sum of transpose", in -> in[0].transpose(0, 2).sum(1), x);
  }

  @Test
  void mean_oneDimSeveralDimsAllKeepdim_matchesFiniteDifferences() {
    Tensor x = leaf(randn(3, 3, 4, 19));
    gradcheck("mean(1)", in -> in[0].mean(1), x);
    gradcheck("mean(1, keep)", in -> in[0].mean(1, true), x);
    gradcheck("mean(-1, keep)", in -> in[0].mean(-1, true), leaf(randn(4, 2, 5, 37)));
    gradcheck("mean({0, 2})", in -> in[0].mean(new int[] {0, 2}, false), x);
    gradcheck("mean()", in -> in[0].mean(), x);
  }

  // ---------------------------------------------------------------- max / min

  @Test
  void maxMin_overDim_matchesFiniteDifferences() {
    Tensor x = leaf(distinct(5, 3, 4, 19));
    Tensor wide = leaf(distinct(6, 2, 5, 37));
    gradcheck("max(1)", in -> in[0].max(1, false), x);
    gradcheck("max(-1, keep)", in -> in[0].max(-1, true), wide);
    gradcheck("min(0)", in -> in[0].min(0, false), x);
    gradcheck("min(-1, keep)", in -> in[0].min(-1, true), wide);
    gradcheck("max()", in -> in[0].max(), x);
    gradcheck("min()", in -> in[0].min(), x);
  }

  // ---------------------------------------------------------------- logsumexp / var

  @Test
  void logsumexp_oneAndSeveralDims_matchesFiniteDifferences() {
    gradcheck("logsumexp(1)", in -> in[0].logsumexp(1, false), leaf(randn(7, 3, 4, 19).mul(2f)));
    gradcheck("logsumexp({1, 2})", in -> in[0].logsumexp(new int[] {1, 2}, false), leaf(randn(8, 3, 4, 19)));
    gradcheck("logsumexp(-1, keep)", in -> in[0].logsumexp(-1, true), leaf(randn(9, 2, 5, 37).mul(2f)));
    // Large values: the maximum is subtracted, so the gradient (softmax) stays finite.
    gradcheck("logsumexp large", in -> in[0].logsumexp(-1, false), leaf(randn(10, 3, 7).add(90f)));
  }

  @Test
  void var_correctionZeroAndOne_matchesFiniteDifferences() {
    Tensor x = leaf(randn(11, 3, 4, 19));
    gradcheck("var(1) c1", in -> in[0].var(1, false), x);
    gradcheck("var({1}) c0", in -> in[0].var(new int[] {1}, 0, false), x);
    gradcheck("var({0, 2}) c1", in -> in[0].var(new int[] {0, 2}, 1, false), x);
    gradcheck("var(-1) c0 keep", in -> in[0].var(new int[] {-1}, 0, true), leaf(randn(12, 2, 5, 37)));
  }

  // ---------------------------------------------------------------- matmul

  @Test
  void matmul_2dAndVectors_matchesFiniteDifferences() {
    gradcheck("2d", in -> in[0].matmul(in[1]), leaf(randn(1, 5, 7)), leaf(randn(2, 7, 3)));
    gradcheck("1d @ 2d", in -> in[0].matmul(in[1]), leaf(randn(3, 7)), leaf(randn(4, 7, 3)));
    gradcheck("2d @ 1d", in -> in[0].matmul(in[1]), leaf(randn(5, 5, 7)), leaf(randn(6, 7)));
    gradcheck("1d @ 1d", in -> in[0].matmul(in[1]), leaf(randn(7, 37)), leaf(randn(8, 37)));
    gradcheck("large", in -> in[0].matmul(in[1]), leaf(randn(9, 35, 37)), leaf(randn(10, 37, 33)));
  }

  @Test
  void linear_withAndWithoutBias_foldedAndStridedInputs_matchesFiniteDifferences() {
    gradcheck("2d + bias", in -> in[0].linear(in[1], in[2]), leaf(randn(1, 5, 7)), leaf(randn(2, 3, 7)), leaf(randn(3, 3)));
    gradcheck("3d no bias", in -> in[0].linear(in[1], null), leaf(randn(4, 2, 5, 37)), leaf(randn(5, 33, 37)));
    gradcheck("transposed input", in -> in[0].transpose(0, 1).linear(in[1], in[2]),
        leaf(randn(6, 7, 4, 5)), leaf(randn(7, 3, 5)), leaf(randn(8, 3)));
    gradcheck("transposed weight view", in -> in[0].linear(in[1].transpose(0, 1), in[2]),
        leaf(randn(9, 4, 6)), leaf(randn(10, 6, 3)), leaf(randn(11, 3)));
  }

  @Test
  void linear_equalsMatmulPlusBias_andRejectsBadShapes() {
    Tensor x = randn(12, 2, 5, 7);
    Tensor w = randn(13, 3, 7);
    Tensor b = randn(14, 3);
    org.attention4j.testing.TensorAsserts.assertClose(x.matmul(w.transpose(0, 1)).add(b), x.linear(w, b), 1e-6, 1e-6, "linear");
    org.junit.jupiter.api.Assertions.assertEquals("linear: input [2, 5, 6] must end in in_features = 7 (weight [3, 7])",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> randn(15, 2, 5, 6).linear(w, b)).getMessage());
    org.junit.jupiter.api.Assertions.assertEquals("linear: bias must be (3), got [4]",
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
            () -> x.linear(w, randn(16, 4))).getMessage());
  }

  @Test
  void matmul_batchedAndBroadcastBatch_matchesFiniteDifferences() {
    gradcheck("batched", in -> in[0].matmul(in[1]), leaf(randn(1, 2, 5, 7)), leaf(randn(2, 2, 7, 3)));
    gradcheck("broadcast batch", in -> in[0].matmul(in[1]), leaf(randn(3, 2, 1, 5, 7)), leaf(randn(4, 3, 7, 4)));
    gradcheck("2d @ batched", in -> in[0].matmul(in[1]), leaf(randn(5, 5, 7)), leaf(randn(6, 2, 7, 3)));
    gradcheck("1d @ batched", in -> in[0].matmul(in[1]), leaf(randn(7, 7)), leaf(randn(8, 2, 7, 3)));
    gradcheck("batched @ 1d", in -> in[0].matmul(in[1]), leaf(randn(9, 2, 5, 7)), leaf(randn(10, 7)));
  }

  @Test
  void matmul_transposedViews_matchesFiniteDifferences() {
    gradcheck("a^T", in -> in[0].transpose(0, 1).matmul(in[1]), leaf(randn(1, 7, 5)), leaf(randn(2, 7, 3)));
    gradcheck("b^T", in -> in[0].matmul(in[1].transpose(0, 1)), leaf(randn(3, 5, 7)), leaf(randn(4, 3, 7)));
    gradcheck("a^T b^T large", in -> in[0].transpose(0, 1).matmul(in[1].transpose(0, 1)),
        leaf(randn(5, 37, 34)), leaf(randn(6, 35, 37)));
    gradcheck("batched b^T", in -> in[0].matmul(in[1].transpose(-1, -2)), leaf(randn(7, 2, 5, 7)), leaf(randn(8, 2, 3, 7)));
    // A permuted batch: neither operand is a plain contiguous stack of matrices.
    gradcheck("permuted batch", in -> in[0].permute(1, 0, 2).matmul(in[1]), leaf(randn(9, 5, 2, 7)), leaf(randn(10, 2, 7, 3)));
  }

  @Test
  void matmul_foldedBatchTimesMatrix_matchesFiniteDifferences() {
    // (B, T, C) @ (C, D): the batch is folded into the rows of one GEMM, forward and backward.
    gradcheck("folded", in -> in[0].matmul(in[1]), leaf(randn(1, 2, 17, 37)), leaf(randn(2, 37, 19)));
    gradcheck("folded b^T", in -> in[0].matmul(in[1].transpose(0, 1)), leaf(randn(3, 2, 3, 7)), leaf(randn(4, 5, 7)));
    // A view whose batch dims still merge (narrowed last dim) and one that needs a copy.
    gradcheck("folded narrow", in -> in[0].narrow(2, 1, 7).matmul(in[1]), leaf(randn(5, 2, 3, 9)), leaf(randn(6, 7, 4)));
    gradcheck("unfoldable", in -> in[0].transpose(0, 1).matmul(in[1]), leaf(randn(7, 3, 2, 7)), leaf(randn(8, 7, 4)));
  }

  // ---------------------------------------------------------------- softmax / log-softmax

  @Test
  void softmax_lastAndInnerDims_matchesFiniteDifferences() {
    gradcheck("softmax(-1)", in -> in[0].softmax(-1), leaf(randn(1, 2, 3, 37).mul(2f)));
    gradcheck("softmax(1)", in -> in[0].softmax(1), leaf(randn(2, 2, 5, 7).mul(2f)));
    gradcheck("softmax(0)", in -> in[0].softmax(0), leaf(randn(3, 4, 7)));
    gradcheck("softmax(-1) small", in -> in[0].softmax(-1), leaf(randn(4, 4, 7)));
    gradcheck("softmax large", in -> in[0].softmax(-1), leaf(randn(5, 3, 7).add(90f)));
  }

  @Test
  void logSoftmax_lastAndInnerDims_matchesFiniteDifferences() {
    gradcheck("logSoftmax(-1)", in -> in[0].logSoftmax(-1), leaf(randn(1, 2, 3, 37).mul(2f)));
    gradcheck("logSoftmax(1)", in -> in[0].logSoftmax(1), leaf(randn(2, 2, 5, 7).mul(2f)));
    gradcheck("logSoftmax(0)", in -> in[0].logSoftmax(0), leaf(randn(3, 4, 7)));
    gradcheck("logSoftmax large", in -> in[0].logSoftmax(-1), leaf(randn(5, 3, 7).sub(90f)));
  }

  // ---------------------------------------------------------------- layer norm

  @Test
  void layerNorm_withAndWithoutAffine_matchesFiniteDifferences() {
    Tensor x = leaf(randn(1, 3, 4, 19).mul(2f));
    Tensor w = leaf(randn(2, 19).mul(0.5f).add(1f));
    Tensor b = leaf(randn(3, 19).mul(0.5f));
    gradcheck("affine", in -> in[0].layerNorm(in[1], in[2], 1e-5f), x, w, b);
    gradcheck("plain", in -> in[0].layerNorm(null, null, 1e-5f), x);
    gradcheck("weight only", in -> in[0].layerNorm(in[1], null, 1e-5f), x, w);
    gradcheck("bias only", in -> in[0].layerNorm(null, in[1], 1e-5f), x, b);
    gradcheck("wide affine", in -> in[0].layerNorm(in[1], in[2], 1e-5f),
        leaf(randn(4, 2, 37)), leaf(uniform(5, 0.5f, 1.5f, 37)), leaf(randn(6, 37)));
    gradcheck("transposed input", in -> in[0].transpose(0, 1).layerNorm(in[1], in[2], 1e-5f),
        leaf(randn(7, 19, 3)), leaf(uniform(8, 0.5f, 1.5f, 19)), leaf(randn(9, 19)));
  }
}
