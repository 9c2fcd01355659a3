package org.attention4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attention4j.tensor.Tensor.Reduction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Caller mistakes: each message names the op, the shapes and the broken rule. */
class ErrorMessageTest {

  private static void assertMessage(String expected, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertEquals(expected, e.getMessage());
  }

  private static final Tensor A23 = Tensor.zeros(2, 3);

  @Test
  void add_shapesDoNotBroadcast_namesDimAndSizes() {
    assertMessage("add: shapes [2, 3] and [4] do not broadcast (dim 1: 3 vs 4)", () -> A23.add(Tensor.zeros(4)));
    assertMessage("mul: shapes [2, 3] and [3, 3] do not broadcast (dim 0: 2 vs 3)", () -> A23.mul(Tensor.zeros(3, 3)));
    // Regression: elementwise maximum/minimum reported themselves as the reductions "max"/"min".
    assertMessage("maximum: shapes [2, 3] and [2] do not broadcast (dim 1: 3 vs 2)", () -> A23.maximum(Tensor.zeros(2)));
    assertMessage("minimum: shapes [2, 3] and [2] do not broadcast (dim 1: 3 vs 2)", () -> A23.minimum(Tensor.zeros(2)));
    assertMessage("where: shapes [2, 3] and [4] do not broadcast (dim 1: 3 vs 4)",
        () -> Tensor.where(A23, A23, Tensor.zeros(4)));
    assertMessage("lt: shapes [2, 3] and [5] do not broadcast (dim 1: 3 vs 5)", () -> A23.lt(Tensor.zeros(5)));
  }

  @Test
  void matmul_innerDimsDiffer_showsCallerShapes() {
    assertMessage("matmul: inner dims differ: [2, 3] @ [4, 5]", () -> A23.matmul(Tensor.zeros(4, 5)));
    // Regression: 1-D operands were reported after promotion ([1, 3] @ ...).
    assertMessage("matmul: inner dims differ: [3] @ [4, 5]", () -> Tensor.zeros(3).matmul(Tensor.zeros(4, 5)));
    assertMessage("matmul: inner dims differ: [2, 3] @ [4]", () -> A23.matmul(Tensor.zeros(4)));
    assertMessage("matmul: inner dims differ: [3] @ [4]", () -> Tensor.zeros(3).matmul(Tensor.zeros(4)));
    assertMessage("matmul: inner dims differ: [5, 2, 3] @ [4, 1]", () -> Tensor.zeros(5, 2, 3).matmul(Tensor.zeros(4, 1)));
    assertMessage("matmul: batch dims do not broadcast: [2, 2, 3] @ [3, 3, 4]",
        () -> Tensor.zeros(2, 2, 3).matmul(Tensor.zeros(3, 3, 4)));
    assertMessage("matmul: both operands need at least 1 dim, got [] @ [3]", () -> Tensor.scalar(1).matmul(Tensor.zeros(3)));
  }

  @Test
  void reshape_countMismatch_namesBothCounts() {
    assertMessage("reshape: shape [4, 4] (16 elements) does not match [2, 3] (6 elements)", () -> A23.reshape(4, 4));
    assertMessage("reshape: cannot infer -1 in [4, -1] for 6 elements of [2, 3]", () -> A23.reshape(4, -1));
    assertMessage("reshape: only one size may be -1, got [-1, -1]", () -> A23.reshape(-1, -1));
    assertMessage("view: shape [6] is not compatible with the strides [1, 3] of [3, 2]; use reshape() to copy",
        () -> A23.transpose(0, 1).view(6));
  }

  @Test
  void badDim_namesOpShapeAndValidRange() {
    assertMessage("sum: dim 2 is out of range for shape [2, 3] (valid: -2..1)", () -> A23.sum(2));
    assertMessage("softmax: dim -3 is out of range for shape [2, 3] (valid: -2..1)", () -> A23.softmax(-3));
    assertMessage("narrow: dim 5 is out of range for shape [2, 3] (valid: -2..1)", () -> A23.narrow(5, 0, 1));
    assertMessage("select: dim 2 is out of range for shape [2, 3] (valid: -2..1)", () -> A23.select(2, 0));
    assertMessage("squeeze: dim 2 is out of range for shape [2, 3] (valid: -2..1)", () -> A23.squeeze(2));
    assertMessage("transpose: dim 2 is out of range for shape [2, 3] (valid: -2..1)", () -> A23.transpose(0, 2));
    assertMessage("unsqueeze: dim 3 is out of range for shape [2, 3] (valid: -3..2)", () -> A23.unsqueeze(3));
    assertMessage("split: dim 2 is out of range for shape [2, 3] (valid: -2..1)", () -> A23.split(1, 2));
    assertMessage("chunk: dim 2 is out of range for shape [2, 3] (valid: -2..1)", () -> A23.chunk(1, 2));
    assertMessage("slice: dim 2 is out of range for shape [2, 3] (valid: -2..1)", () -> A23.slice(2, 0, 1));
    assertMessage("concat: dim 2 is out of range for shape [2, 3] (valid: -2..1)", () -> Tensor.concat(2, A23, A23));
    assertMessage("stack: dim 3 is out of range for shape [2, 3] (valid: -3..2)", () -> Tensor.stack(3, A23, A23));
    assertMessage("dim 2 is out of range for shape [2, 3] (valid: -2..1)", () -> A23.dim(2));
    assertMessage("sum: dim -1 repeats in [1, -1]", () -> A23.sum(new int[] {1, -1}, false));
    assertMessage("permute: dim 0 repeats in [0, 0]", () -> A23.permute(0, 0));
    assertMessage("permute: 3 dims given for rank 2 tensor [2, 3]", () -> A23.permute(0, 1, 2));
    assertMessage("squeeze: dim 1 has size 3, not 1, in [2, 3]", () -> A23.squeeze(1));
  }

  @Test
  void views_outOfRange_nameSizes() {
    assertMessage("narrow: start 2 + length 2 exceeds size 3 of dim 1 in [2, 3]", () -> A23.narrow(1, 2, 2));
    assertMessage("select: index 2 out of range for dim 0 of size 2 in [2, 3]", () -> A23.select(0, 2));
    assertMessage("expand: cannot expand [2, 3] to [2, 4] (dim 1: size 3 is not 1)", () -> A23.expand(2, 4));
    assertMessage("get: index 3 out of range for dim 1 of size 3 in [2, 3]", () -> A23.get(0, 3));
    assertMessage("item: tensor of shape [2, 3] has 6 elements, not 1", A23::item);
  }

  @Test
  void embedding_idOutOfRange_namesIdPositionAndVocabulary() {
    Tensor w = Tensor.zeros(11, 4);
    assertMessage("embedding: id 11 at position 3 of ids [2, 3] is outside the vocabulary [0, 11)",
        () -> Tensor.embedding(w, IntTensor.of(new int[][] {{0, 1, 2}, {11, 0, 0}}), -1));
    assertMessage("embedding: id -1 at position 0 of ids [1] is outside the vocabulary [0, 11)",
        () -> Tensor.embedding(w, IntTensor.of(new int[] {-1}, 1), -1));
    assertMessage("embedding: weight must be (V, C), got [11]", () -> Tensor.embedding(Tensor.zeros(11), IntTensor.of(new int[] {1, 2}), -1));
    assertMessage("embedding: padding index 11 outside [0, 11) (use -1 for none)",
        () -> Tensor.embedding(w, IntTensor.of(new int[] {1, 2}), 11));
  }

  @Test
  void crossEntropy_targetOutOfRange_namesTargetInputAndIgnoreIndex() {
    Tensor x = Tensor.zeros(2, 5);
    assertMessage("cross_entropy: target 5 at position 1 is outside the classes [0, 5) of input [2, 5] and is not the ignore index -100",
        () -> x.crossEntropy(IntTensor.of(new int[] {0, 5})));
    assertMessage("cross_entropy: target -1 at position 0 is outside the classes [0, 5) of input [2, 5] and is not the ignore index 3",
        () -> x.crossEntropy(IntTensor.of(new int[] {-1, 0}), 3, 0f, Reduction.MEAN));
    assertMessage("nll_loss: target 7 at position 0 is outside the classes [0, 5) of input [2, 5] and is not the ignore index -100",
        () -> x.nllLoss(IntTensor.of(new int[] {7, 0}), -100, Reduction.SUM));
    assertMessage("cross_entropy: target shape [3] does not match input [2, 5] (want [2])",
        () -> x.crossEntropy(IntTensor.of(new int[] {0, 1, 2})));
    assertMessage("cross_entropy: target shape [2] does not match input [2, 5, 3] (want [2, 3])",
        () -> Tensor.zeros(2, 5, 3).crossEntropy(IntTensor.of(new int[] {0, 1})));
    assertMessage("cross_entropy: label smoothing must be in [0, 1], got 1.5",
        () -> x.crossEntropy(IntTensor.of(new int[] {0, 1}), -100, 1.5f, Reduction.MEAN));
    assertMessage("mse_loss: input [2, 5] and target [5, 2] differ", () -> x.mseLoss(Tensor.zeros(5, 2), Reduction.MEAN));
  }

  @Test
  void concat_shapeMismatch_namesTensorsAndDim() {
    assertMessage("concat: tensor 1 has shape [3, 4], tensor 0 has [2, 3] (dim 1 differs)",
        () -> Tensor.concat(0, A23, Tensor.zeros(3, 4)));
    assertMessage("concat: tensor 1 has shape [3], tensor 0 has [2, 3] (ranks differ)", () -> Tensor.concat(0, A23, Tensor.zeros(3)));
    assertMessage("concat: needs at least one tensor", () -> Tensor.concat(0));
    assertMessage("concat: scalars cannot be concatenated; use stack", () -> Tensor.concat(0, Tensor.scalar(1)));
    assertMessage("stack: tensor 1 has shape [3, 2], tensor 0 has [2, 3]", () -> Tensor.stack(0, A23, Tensor.zeros(3, 2)));
    assertMessage("split: size must be positive, got 0", () -> A23.split(0, 1));
    assertMessage("chunk: chunks must be positive, got 0", () -> A23.chunk(0, 1));
  }

  @Test
  void indexing_outOfRange_namesIndexAndShape() {
    assertMessage("index_select: index 3 at position 1 is out of range for dim 1 of size 3 in [2, 3]",
        () -> A23.indexSelect(1, IntTensor.of(new int[] {0, 3})));
    assertMessage("index_select: index must be 1-D, got [1, 2]", () -> A23.indexSelect(1, IntTensor.of(new int[][] {{0, 1}})));
    assertMessage("gather: index value 3 at position 1 is out of range for dim 1 of size 3 in [2, 3]",
        () -> A23.gather(1, IntTensor.of(new int[][] {{0, 3}})));
    assertMessage("gather: index rank 1 differs from input rank 2 ([2] vs [2, 3])", () -> A23.gather(1, IntTensor.of(new int[] {0, 1})));
    assertMessage("gather: index [3, 1] is larger than input [2, 3] at dim 0", () -> A23.gather(1, IntTensor.of(new int[][] {{0}, {1}, {2}})));
  }

  @Test
  void inPlace_shapeMismatch_namesTheMethod() {
    assertMessage("copyFrom: shape [4] does not broadcast to [2, 3] (dim 1: 4 vs 3)", () -> Tensor.zeros(2, 3).copyFrom(Tensor.zeros(4)));
    assertMessage("addInPlace: shape [4] does not broadcast to [2, 3] (dim 1: 4 vs 3)",
        () -> Tensor.zeros(2, 3).addInPlace(Tensor.zeros(4), 1f));
    assertMessage("copyFrom: shape [1, 2, 3] does not broadcast to [2, 3]", () -> Tensor.zeros(2, 3).copyFrom(Tensor.zeros(1, 2, 3)));
  }

  @Test
  void layerNorm_affineShapeMismatch_namesWeightAndInput() {
    assertMessage("layer_norm: weight of shape [4] does not match the last dim of input [2, 3] (want [3])",
        () -> A23.layerNorm(Tensor.ones(4), null, 1e-5f));
    assertMessage("layer_norm: bias of shape [3, 1] does not match the last dim of input [2, 3] (want [3])",
        () -> A23.layerNorm(null, Tensor.ones(3, 1), 1e-5f));
    assertMessage("layer_norm: input must have at least 1 dim, got a scalar", () -> Tensor.scalar(1).layerNorm(null, null, 1e-5f));
  }

  @Test
  void creation_badArguments_explain() {
    assertMessage("Tensor.of: 5 values do not fill shape [2, 3] (6 elements)", () -> Tensor.of(new float[5], 2, 3));
    assertMessage("Tensor.of: row 1 has 1 values, row 0 has 2", () -> Tensor.of(new float[][] {{1, 2}, {3}}));
    assertMessage("shape: size -2 at dim 1 is negative in [3, -2]", () -> Tensor.zeros(3, -2));
    assertMessage("arange: step must be finite and non-zero, got 0.0", () -> Tensor.arange(0, 1, 0));
    assertMessage("dropout: p must be in [0, 1], got 1.5", () -> A23.dropout(1.5f, true, new java.util.SplittableRandom(1)));
    assertMessage("clamp: min 1.0 > max 0.0", () -> A23.clamp(1, 0));
    assertMessage("var: correction must be >= 0, got -1", () -> A23.var(new int[] {0}, -1, false));
  }
}
