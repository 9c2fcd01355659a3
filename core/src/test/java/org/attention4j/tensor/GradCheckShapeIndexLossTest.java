package org.attention4j.tensor;

import static org.attention4j.tensor.TestTensors.ints;
import static org.attention4j.tensor.TestTensors.leaf;
import static org.attention4j.tensor.TestTensors.randn;
import static org.attention4j.testing.TensorAsserts.gradcheck;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.attention4j.tensor.Tensor.Reduction;
import org.junit.jupiter.api.Test;

/** Central-difference gradient checks of movement, indexing, joining and loss ops. */
class GradCheckShapeIndexLossTest {

  // ---------------------------------------------------------------- movement

  @Test
  void reshape_viewAndCopyPaths_matchesFiniteDifferences() {
    gradcheck("reshape view", in -> in[0].reshape(4, -1).mul(in[0].reshape(4, -1)), leaf(randn(1, 2, 2, 19)));
    // A transposed tensor cannot be viewed as (rows, 38): reshape copies.
    gradcheck("reshape copy", in -> in[0].transpose(0, 1).reshape(-1, 38).exp(), leaf(randn(2, 2, 19, 2)));
    gradcheck("view", in -> in[0].view(3, 2, 7).tanh(), leaf(randn(3, 6, 7)));
    gradcheck("flatten", in -> in[0].flatten().sigmoid(), leaf(randn(4, 2, 3, 7)));
    gradcheck("flatten(1, 2)", in -> in[0].transpose(0, 2).flatten(1, 2).square(), leaf(randn(5, 2, 3, 7)));
  }

  @Test
  void transposePermute_matchesFiniteDifferences() {
    gradcheck("transpose", in -> in[0].transpose(0, 2).mul(in[1]), leaf(randn(1, 7, 3, 2)), leaf(randn(2, 2, 3, 7)));
    gradcheck("permute", in -> in[0].permute(2, 0, 1).mul(in[1]), leaf(randn(3, 2, 3, 37)), leaf(randn(4, 37, 2, 3)));
    gradcheck("permute negative", in -> in[0].permute(-1, -3, -2).exp(), leaf(randn(5, 2, 3, 7)));
  }

  @Test
  void narrowSliceSelect_matchesFiniteDifferences() {
    Tensor x = leaf(randn(1, 3, 5, 37));
    gradcheck("narrow", in -> in[0].narrow(2, 3, 17).square(), x);
    gradcheck("slice", in -> in[0].slice(1, 1, 4).exp(), x);
    gradcheck("slice negative", in -> in[0].slice(-1, -20, -2).tanh(), x);
    gradcheck("select", in -> in[0].select(1, 2).square(), x);
    gradcheck("select negative", in -> in[0].select(-1, -1).square(), x);
    gradcheck("narrow twice, added", in -> in[0].narrow(1, 0, 3).add(in[0].narrow(1, 2, 3)), x);
  }

  @Test
  void expandUnsqueezeSqueeze_matchesFiniteDifferences() {
    gradcheck("expand", in -> in[0].expand(4, 3, 7).mul(in[1]), leaf(randn(1, 3, 1)), leaf(randn(2, 4, 3, 7)));
    gradcheck("expand -1", in -> in[0].expand(2, -1, 19).square(), leaf(randn(3, 3, 1)));
    gradcheck("expandAs", in -> in[0].expandAs(in[1]).mul(in[1]), leaf(randn(4, 7)), leaf(randn(5, 2, 7)));
    gradcheck("unsqueeze", in -> in[0].unsqueeze(1).mul(in[1]), leaf(randn(6, 3, 7)), leaf(randn(7, 3, 2, 7)));
    gradcheck("unsqueeze last", in -> in[0].unsqueeze(-1).mul(in[1]), leaf(randn(8, 3, 7)), leaf(randn(9, 3, 7, 2)));
    gradcheck("squeeze", in -> in[0].squeeze(1).exp(), leaf(randn(10, 3, 1, 7)));
  }

  @Test
  void contiguousAndCopy_matchesFiniteDifferences() {
    gradcheck("contiguous", in -> in[0].transpose(0, 1).contiguous().mul(in[1]), leaf(randn(1, 37, 3)), leaf(randn(2, 3, 37)));
    gradcheck("contiguous no-op", in -> in[0].contiguous().exp(), leaf(randn(3, 3, 7)));
    gradcheck("copy", in -> in[0].copy().mul(in[0]), leaf(randn(4, 3, 7)));
  }

  // ---------------------------------------------------------------- indexing

  @Test
  void embedding_withAndWithoutPadding_matchesFiniteDifferences() {
    IntTensor ids = IntTensor.of(new int[][] {{4, 0, 3, 7, 4}, {1, 2, 4, 0, 9}, {4, 10, 5, 5, 0}});
    gradcheck("embedding", in -> Tensor.embedding(in[0], ids, -1), leaf(randn(1, 11, 7)));
    gradcheck("embedding wide", in -> Tensor.embedding(in[0], ids, -1), leaf(randn(2, 11, 37)));
    // The padding row reads through but gets no gradient: zero its outputs so that the numeric
    // gradient of that row is zero too.
    float[] k = new float[ids.numel()];
    for (int i = 0; i < k.length; i++) k[i] = ids.at(i) == 0 ? 0f : 1f;
    Tensor keep = Tensor.of(k, 3, 5);
    gradcheck("embedding pad 0", in -> Tensor.embedding(in[0], ids, 0).mul(keep.unsqueeze(-1)), leaf(randn(3, 11, 7)));
  }

  @Test
  void indexSelect_repeatedIndices_matchesFiniteDifferences() {
    gradcheck("index_select 0", in -> in[0].indexSelect(0, IntTensor.of(new int[] {4, 0, 2, 2, 1, 4})), leaf(randn(1, 5, 7)));
    gradcheck("index_select 1", in -> in[0].indexSelect(1, IntTensor.of(new int[] {36, 0, 5, 5, 17, 16, 36, 2, 33})),
        leaf(randn(2, 3, 37)));
    gradcheck("index_select -1 of view", in -> in[0].transpose(0, 1).indexSelect(-1, IntTensor.of(new int[] {1, 1, 0})),
        leaf(randn(3, 2, 5)));
  }

  @Test
  void gather_anyDim_matchesFiniteDifferences() {
    gradcheck("gather 1", in -> in[0].gather(1, ints(1, 0, 4, 3, 2, 7)), leaf(randn(1, 3, 4, 7)));
    gradcheck("gather 0", in -> in[0].gather(0, ints(2, 0, 3, 2, 4, 7)), leaf(randn(2, 3, 4, 7)));
    gradcheck("gather 2 wide", in -> in[0].gather(2, ints(3, 0, 37, 2, 3, 33)), leaf(randn(3, 2, 3, 37)));
    gradcheck("gather -1 smaller", in -> in[0].gather(-1, ints(4, 0, 5, 2, 3)), leaf(randn(4, 3, 5)));
    gradcheck("gather of transpose", in -> in[0].transpose(0, 1).gather(1, ints(5, 0, 3, 5, 4)), leaf(randn(5, 3, 5)));
  }

  // ---------------------------------------------------------------- joining

  @Test
  void concatStack_matchesFiniteDifferences() {
    gradcheck("concat 0", in -> Tensor.concat(0, in[0], in[1], in[2]),
        leaf(randn(1, 2, 7)), leaf(randn(2, 3, 7)), leaf(randn(3, 1, 7)));
    gradcheck("concat 1", in -> Tensor.concat(1, in[0], in[1], in[2]),
        leaf(randn(4, 3, 2)), leaf(randn(5, 3, 5)), leaf(randn(6, 3, 37)));
    gradcheck("concat -1, one constant", in -> Tensor.concat(-1, List.of(in[0], in[1], in[2])),
        leaf(randn(7, 2, 3, 4)), randn(8, 2, 3, 1), leaf(randn(9, 2, 3, 19)));
    gradcheck("concat same twice", in -> Tensor.concat(0, in[0], in[0].exp()), leaf(randn(10, 2, 7)));
    gradcheck("stack 0", in -> Tensor.stack(0, in[0], in[1], in[2]), leaf(randn(11, 3, 7)), leaf(randn(12, 3, 7)),
        leaf(randn(13, 3, 7)));
    gradcheck("stack -1", in -> Tensor.stack(-1, List.of(in[0], in[1])), leaf(randn(14, 2, 37)), leaf(randn(15, 2, 37)));
  }

  @Test
  void splitChunk_matchesFiniteDifferences() {
    gradcheck("split 0", in -> reversedFlat(in[0].split(3, 0)), leaf(randn(1, 8, 19)));
    gradcheck("split -1", in -> reversedFlat(in[0].split(16, -1)), leaf(randn(2, 3, 37)));
    gradcheck("chunk 0", in -> reversedFlat(in[0].chunk(3, 0)), leaf(randn(3, 7, 5)));
    gradcheck("chunk fewer", in -> reversedFlat(in[0].chunk(4, 1)), leaf(randn(4, 3, 6)));
    gradcheck("one piece only", in -> in[0].split(2, 1).get(1).exp(), leaf(randn(5, 3, 6)));
  }

  /** The pieces flattened and joined in reverse order, so that each has its own place in L. */
  private static Tensor reversedFlat(List<Tensor> parts) {
    List<Tensor> flat = new ArrayList<>();
    for (Tensor p : parts) flat.add(p.flatten().mul(2f));
    Collections.reverse(flat);
    return Tensor.concat(0, flat);
  }

  // ---------------------------------------------------------------- losses

  @Test
  void crossEntropy_reductionsIgnoreIndexSmoothing_matchesFiniteDifferences() {
    IntTensor t2 = IntTensor.of(new int[] {2, 0, 4, 1, 3, 2});
    IntTensor t2ign = IntTensor.of(new int[] {2, -100, 4, 1, -100, 2});
    IntTensor t2ign2 = IntTensor.of(new int[] {0, 2, 4, 1, 2, 3});
    IntTensor t3 = ints(1, 0, 5, 3, 4);
    Tensor x2 = leaf(randn(2, 6, 5).mul(2f));
    Tensor x3 = leaf(randn(3, 3, 5, 4).mul(2f));
    for (Reduction r : Reduction.values()) {
      gradcheck("ce 2d " + r, in -> in[0].crossEntropy(t2, -100, 0f, r), x2);
      gradcheck("ce 3d " + r, in -> in[0].crossEntropy(t3, -100, 0f, r), x3);
      gradcheck("ce 2d ignore " + r, in -> in[0].crossEntropy(t2ign, -100, 0f, r), x2);
      gradcheck("ce 2d ignore 2 smooth " + r, in -> in[0].crossEntropy(t2ign2, 2, 0.1f, r), x2);
      gradcheck("ce 3d smooth " + r, in -> in[0].crossEntropy(t3, 2, 0.1f, r), x3);
    }
    gradcheck("ce default", in -> in[0].crossEntropy(t2), x2);
    gradcheck("ce 1d", in -> in[0].crossEntropy(IntTensor.of(new int[] {3}).reshape(), -100, 0f, Reduction.MEAN),
        leaf(randn(4, 5)));
    gradcheck("ce large logits", in -> in[0].crossEntropy(t2), leaf(randn(5, 6, 5).add(90f)));
    gradcheck("ce wide", in -> in[0].crossEntropy(ints(6, 0, 37, 3)), leaf(randn(7, 3, 37)));
  }

  @Test
  void nllLoss_reductionsAndIgnoreIndex_matchesFiniteDifferences() {
    Tensor logp2 = leaf(randn(1, 6, 5).logSoftmax(1).detach());
    Tensor logp3 = leaf(randn(2, 3, 5, 4).logSoftmax(1).detach());
    IntTensor t2 = IntTensor.of(new int[] {2, 0, 4, 2, 3, 1});
    IntTensor t3 = ints(3, 0, 5, 3, 4);
    for (Reduction r : Reduction.values()) {
      gradcheck("nll 2d " + r, in -> in[0].nllLoss(t2, -100, r), logp2);
      gradcheck("nll 2d ignore 2 " + r, in -> in[0].nllLoss(t2, 2, r), logp2);
      gradcheck("nll 3d " + r, in -> in[0].nllLoss(t3, 2, r), logp3);
    }
  }

  @Test
  void mseLoss_reductions_matchesFiniteDifferences() {
    for (Reduction r : Reduction.values()) {
      gradcheck("mse " + r, in -> in[0].mseLoss(in[1], r), leaf(randn(1, 3, 19)), leaf(randn(2, 3, 19)));
    }
    gradcheck("mse wide", in -> in[0].mseLoss(in[1], Reduction.MEAN), leaf(randn(3, 2, 37)), randn(4, 2, 37));
  }
}
