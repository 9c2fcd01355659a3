package org.attention4j.tensor;

import static org.attention4j.tensor.TestTensors.assertShape;
import static org.attention4j.tensor.TestTensors.leaf;
import static org.attention4j.tensor.TestTensors.randn;
import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attention4j.tensor.Tensor.Reduction;
import org.junit.jupiter.api.Test;

/** Ops checked against values worked out by hand. */
class ClosedFormTest {
  private static final float NEG_INF = Float.NEGATIVE_INFINITY;

  @Test
  void softmax_scaledDotProduct_isOneAndEOverOnePlusE() {
    // q = [0, sqrt 2], k = I, scale 1/sqrt 2: scores [0, 1], weights [1, e] / (1 + e).
    Tensor q = Tensor.of(new float[] {0f, (float) Math.sqrt(2)});
    Tensor k = Tensor.of(new float[][] {{1, 0}, {0, 1}});
    Tensor w = q.matmul(k.transpose(0, 1)).div((float) Math.sqrt(2)).softmax(-1);
    double e = Math.E;
    assertClose(new float[] {(float) (1 / (1 + e)), (float) (e / (1 + e))}, w.toArray(), 0, 1e-6, "softmax");
  }

  @Test
  void softmax_innerDim_sumsToOneAlongIt() {
    Tensor x = randn(1, 3, 5, 7);
    Tensor s = x.softmax(1).sum(1);
    assertClose(Tensor.ones(3, 7), s, 1e-6, 0, "column sums");
  }

  @Test
  void logsumexp_hugeEqualValues_isStable() {
    Tensor x = Tensor.of(new float[] {1000f, 1000f});
    assertEquals(1000f + (float) Math.log(2), x.logsumexp(0, false).item(), 1e-4);
    Tensor y = Tensor.of(new float[] {-1000f, -1000f});
    assertEquals(-1000f + (float) Math.log(2), y.logsumexp(0, false).item(), 1e-4);
  }

  @Test
  void logsumexp_allNegativeInfinity_isNegativeInfinityWithZeroGradient() {
    Tensor x = leaf(Tensor.of(new float[][] {{NEG_INF, NEG_INF}, {0f, 0f}}));
    Tensor l = x.logsumexp(1, false);
    assertArrayEquals(new float[] {NEG_INF, (float) Math.log(2)}, l.toArray(), 1e-6f);
    l.backward(Tensor.ones(2));
    assertArrayEquals(new float[] {0f, 0f, 0.5f, 0.5f}, x.grad().toArray(), 1e-6f);
  }

  @Test
  void softmax_allNegativeInfinityRow_isZeroWithZeroGradient() {
    // A fully masked query row: zero weights, never NaN, forward and backward.
    Tensor x = leaf(Tensor.of(new float[][] {{NEG_INF, NEG_INF, NEG_INF}, {1f, NEG_INF, 1f}}));
    Tensor s = x.softmax(-1);
    assertArrayEquals(new float[] {0, 0, 0, 0.5f, 0, 0.5f}, s.toArray(), 1e-7f);
    s.backward(Tensor.of(new float[][] {{1, 2, 3}, {1, 2, 3}}));
    assertArrayEquals(new float[] {0, 0, 0, -0.5f, 0, 0.5f}, x.grad().toArray(), 1e-6f);
  }

  @Test
  void softmax_allNegativeInfinityRowLongerThanAVector_isZero() {
    float[] row = new float[37];
    java.util.Arrays.fill(row, NEG_INF);
    Tensor x = leaf(Tensor.of(row, 1, 37));
    Tensor s = x.softmax(-1);
    assertArrayEquals(new float[37], s.toArray());
    s.backward(Tensor.ones(1, 37));
    assertArrayEquals(new float[37], x.grad().toArray());
  }

  @Test
  void logSoftmax_allNegativeInfinityRow_isNegativeInfinityNotNaN() {
    // Regression: x - logsumexp(x) was -inf - (-inf) = NaN for a fully masked row; the kernel
    // documents -inf.
    for (int n : new int[] {3, 37}) {
      float[] row = new float[n];
      java.util.Arrays.fill(row, NEG_INF);
      float[] y = Tensor.of(row, 1, n).logSoftmax(-1).toArray();
      for (float v : y) assertEquals(NEG_INF, v, "length " + n);
    }
  }

  @Test
  void logSoftmax_allNegativeInfinityRow_gradientIsTheUpstreamGradientNotNaN() {
    // dx = dy - softmax(x) * sum(dy), and softmax of a fully masked row is 0 (PyTorch: NaN).
    for (int n : new int[] {3, 37}) {
      float[] row = new float[n];
      java.util.Arrays.fill(row, NEG_INF);
      Tensor x = leaf(Tensor.of(row, 1, n));
      Tensor g = randn(n, 1, n);
      x.logSoftmax(-1).backward(g);
      assertArrayEquals(g.toArray(), x.grad().toArray(), "length " + n);
    }
  }

  @Test
  void logSoftmax_equalsLogOfSoftmax() {
    Tensor x = randn(2, 4, 37);
    assertClose(x.softmax(-1).log(), x.logSoftmax(-1), 1e-5, 1e-5, "log softmax");
  }

  @Test
  void crossEntropy_uniformLogits_isLnC() {
    Tensor x = Tensor.zeros(4, 10);
    IntTensor t = IntTensor.of(new int[] {0, 3, 9, 5});
    assertEquals((float) Math.log(10), x.crossEntropy(t).item(), 1e-6);
    assertEquals(4 * (float) Math.log(10), x.crossEntropy(t, -100, 0f, Reduction.SUM).item(), 1e-5);
    // Label smoothing cannot change the loss of a uniform prediction.
    assertEquals((float) Math.log(10), x.crossEntropy(t, -100, 0.3f, Reduction.MEAN).item(), 1e-6);
  }

  @Test
  void crossEntropy_ignoreIndex_meanOverCountedRowsOnly() {
    Tensor x = Tensor.of(new float[][] {{0, 0}, {5, -5}, {0, 0}});
    IntTensor t = IntTensor.of(new int[] {0, -100, 1});
    assertEquals((float) Math.log(2), x.crossEntropy(t).item(), 1e-6);
    Tensor none = x.crossEntropy(t, -100, 0f, Reduction.NONE);
    assertArrayEquals(new float[] {(float) Math.log(2), 0f, (float) Math.log(2)}, none.toArray(), 1e-6f);
  }

  @Test
  void crossEntropy_everyTargetIgnored_meanIsNaNGradientZero() {
    // As PyTorch: a mean over no element is 0/0.
    Tensor x = leaf(Tensor.zeros(2, 3));
    Tensor l = x.crossEntropy(IntTensor.of(new int[] {-100, -100}));
    assertTrue(Float.isNaN(l.item()));
    l.backward();
    assertArrayEquals(new float[6], x.grad().toArray());
  }

  @Test
  void layerNorm_oneTwoThree_isMinusSqrtOneAndHalfZeroPlus() {
    // mean 2, biased var 2/3: (x - 2) / sqrt(2/3 + eps) = [-1.2247, 0, 1.2247].
    Tensor y = Tensor.of(new float[] {1, 2, 3}).layerNorm(null, null, 0f);
    float r = (float) Math.sqrt(1.5);
    assertArrayEquals(new float[] {-r, 0, r}, y.toArray(), 1e-6f);
    Tensor w = Tensor.of(new float[] {2, 2, 2});
    Tensor b = Tensor.of(new float[] {1, 1, 1});
    assertArrayEquals(new float[] {1 - 2 * r, 1, 1 + 2 * r}, Tensor.of(new float[] {1, 2, 3}).layerNorm(w, b, 0f).toArray(), 1e-6f);
  }

  @Test
  void layerNorm_largeOffset_staysAccurate() {
    // Two-pass variance: an offset of 1e4 must not swamp a spread of 1.
    Tensor y = Tensor.of(new float[] {10001, 10002, 10003}).layerNorm(null, null, 0f);
    float r = (float) Math.sqrt(1.5);
    assertArrayEquals(new float[] {-r, 0, r}, y.toArray(), 1e-4f);
  }

  @Test
  void var_oneToFour_isFiveThirdsOrFiveQuarters() {
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4});
    assertEquals(5f / 3f, x.var(0, false).item(), 1e-6);
    assertEquals(1.25f, x.var(new int[] {0}, 0, false).item(), 1e-6);
    assertShape(x.var(0, true), 1);
  }

  @Test
  void var_singleElementUnbiased_isNaNAsPyTorch() {
    // N - correction = 0: 0 / 0.
    assertTrue(Float.isNaN(Tensor.of(new float[] {3}).var(0, false).item()));
  }

  @Test
  void matmul_handMatrices_matchHandProducts() {
    Tensor a = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    Tensor b = Tensor.of(new float[][] {{7, 8}, {9, 10}, {11, 12}});
    assertArrayEquals(new float[] {58, 64, 139, 154}, a.matmul(b).toArray());
    assertArrayEquals(new float[] {1 * 1 + 2 * 2 + 3 * 3, 4 + 10 + 18, 4 + 10 + 18, 16 + 25 + 36},
        a.matmul(a.transpose(0, 1)).toArray());
    Tensor v = Tensor.of(new float[] {1, -1, 2});
    assertArrayEquals(new float[] {5, 11}, a.matmul(v).toArray());
    assertEquals(6f, v.matmul(v).item());
    assertShape(v.matmul(v));
    assertArrayEquals(new float[] {20, 22}, v.matmul(b).toArray());
  }

  @Test
  void matmul_batchBroadcast_givesBroadcastShape() {
    assertShape(Tensor.ones(2, 1, 5, 7).matmul(Tensor.ones(3, 7, 4)), 2, 3, 5, 4);
    assertShape(Tensor.ones(7).matmul(Tensor.ones(2, 7, 4)), 2, 4);
    assertShape(Tensor.ones(2, 5, 7).matmul(Tensor.ones(7)), 2, 5);
    Tensor c = Tensor.ones(2, 3, 4).matmul(Tensor.full(2f, 4, 5));
    assertShape(c, 2, 3, 5);
    assertArrayEquals(Tensor.full(8f, 2, 3, 5).toArray(), c.toArray());
  }

  @Test
  void gelu_atOne_isErfFormAndTanhForm() {
    Tensor one = Tensor.of(new float[] {1f, -1f});
    assertEquals(0.8413447f, one.gelu().get(0), 1e-6);
    assertEquals(-0.1586553f, one.gelu().get(1), 1e-6);
    assertEquals(0.8411920f, one.geluTanh().get(0), 1e-6);
    // The same on the vector body: 37 ones.
    float[] g = Tensor.ones(37).gelu().toArray();
    for (float v : g) assertEquals(0.8413447f, v, 1e-6);
    float[] t = Tensor.ones(37).geluTanh().toArray();
    for (float v : t) assertEquals(0.8411920f, v, 1e-6);
  }

  @Test
  void broadcast_shapes_followNumpy() {
    assertShape(Tensor.ones(4, 1, 7).add(Tensor.ones(3, 7)), 4, 3, 7);
    assertShape(Tensor.ones(7).add(Tensor.ones(2, 3, 7)), 2, 3, 7);
    assertShape(Tensor.ones(2, 3).add(Tensor.scalar(1f)), 2, 3);
    assertShape(Tensor.scalar(1f).add(Tensor.scalar(2f)));
    assertShape(Tensor.ones(5, 1).mul(Tensor.ones(1, 6)), 5, 6);
    Tensor r = Tensor.of(new float[][] {{1}, {2}}).add(Tensor.of(new float[] {10, 20, 30}));
    assertArrayEquals(new float[] {11, 21, 31, 12, 22, 32}, r.toArray());
  }

  @Test
  void maximum_ties_splitGradientEvenly() {
    Tensor a = leaf(Tensor.of(new float[] {1, 2, 3}));
    Tensor b = leaf(Tensor.of(new float[] {1, 5, 0}));
    a.maximum(b).backward(Tensor.ones(3));
    assertArrayEquals(new float[] {0.5f, 0, 1}, a.grad().toArray());
    assertArrayEquals(new float[] {0.5f, 1, 0}, b.grad().toArray());
  }

  @Test
  void maxOverDim_ties_gradientGoesToFirst() {
    Tensor x = leaf(Tensor.of(new float[][] {{2, 7, 7}, {1, 1, 1}}));
    Tensor m = x.max(1, false);
    assertArrayEquals(new float[] {7, 1}, m.toArray());
    assertArrayEquals(new int[] {1, 0}, x.argmax(1).toArray());
    m.backward(Tensor.ones(2));
    assertArrayEquals(new float[] {0, 1, 0, 1, 0, 0}, x.grad().toArray());
  }

  @Test
  void reshape_view_sharesStorageWithBase() {
    Tensor base = Tensor.zeros(2, 6);
    Tensor view = base.reshape(3, 4);
    assertSame(base.storage(), view.storage());
    base.copyFrom(Tensor.arange(12).reshape(2, 6));
    assertEquals(11f, view.get(2, 3));
    assertEquals(5f, view.get(1, 1));
  }

  @Test
  void reshape_ofTranspose_copiesAndDoesNotShare() {
    Tensor base = Tensor.arange(6).reshape(2, 3);
    Tensor t = base.transpose(0, 1); // (3, 2), not contiguous
    assertFalse(t.isContiguous());
    Tensor flat = t.reshape(6);
    assertNotSame(base.storage(), flat.storage());
    assertArrayEquals(new float[] {0, 3, 1, 4, 2, 5}, flat.toArray());
    base.fill(9f);
    assertEquals(0f, flat.get(0), "the copy does not see later writes");
    assertThrows(IllegalArgumentException.class, () -> t.view(6));
  }

  @Test
  void narrowSelectExpand_areViewsOfTheBase() {
    Tensor base = Tensor.zeros(3, 4);
    Tensor n = base.narrow(1, 1, 2);
    Tensor s = base.select(0, 2);
    Tensor e = base.select(1, 0).unsqueeze(1).expand(3, 5);
    base.copyFrom(Tensor.arange(12).reshape(3, 4));
    assertArrayEquals(new float[] {1, 2, 5, 6, 9, 10}, n.toArray());
    assertArrayEquals(new float[] {8, 9, 10, 11}, s.toArray());
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 8, 8, 8, 8, 8}, e.toArray());
  }

  @Test
  void splitChunk_sizesFollowPyTorch() {
    Tensor x = Tensor.arange(6).reshape(1, 6);
    List<Tensor> c = x.chunk(4, 1); // ceil(6 / 4) = 2: three pieces, not four
    assertEquals(3, c.size());
    assertArrayEquals(new float[] {4, 5}, c.get(2).toArray());
    List<Tensor> s = Tensor.arange(7).split(3, 0);
    assertEquals(3, s.size());
    assertArrayEquals(new float[] {6}, s.get(2).toArray());
  }

  @Test
  void concatStack_placeValuesInOrder() {
    Tensor a = Tensor.of(new float[][] {{1, 2}});
    Tensor b = Tensor.of(new float[][] {{3, 4}, {5, 6}});
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, Tensor.concat(0, a, b).toArray());
    Tensor s = Tensor.stack(1, Tensor.of(new float[] {1, 2}), Tensor.of(new float[] {3, 4}));
    assertShape(s, 2, 2);
    assertArrayEquals(new float[] {1, 3, 2, 4}, s.toArray());
  }

  @Test
  void gatherIndexSelectEmbedding_pickByHand() {
    Tensor x = Tensor.of(new float[][] {{1, 2, 3}, {4, 5, 6}});
    assertArrayEquals(new float[] {3, 1, 5, 5}, x.gather(1, IntTensor.of(new int[][] {{2, 0}, {1, 1}})).toArray());
    assertArrayEquals(new float[] {3, 3, 1, 6, 6, 4}, x.indexSelect(1, IntTensor.of(new int[] {2, 2, 0})).toArray());
    Tensor e = Tensor.embedding(x, IntTensor.of(new int[] {1, 0, 1}), -1);
    assertShape(e, 3, 3);
    assertArrayEquals(new float[] {4, 5, 6, 1, 2, 3, 4, 5, 6}, e.toArray());
  }

  @Test
  void embedding_paddingRow_getsNoGradient_repeatedIdsAccumulate() {
    Tensor w = leaf(Tensor.ones(3, 2));
    Tensor.embedding(w, IntTensor.of(new int[] {0, 2, 2, 0, 1}), 0).sum().backward();
    assertArrayEquals(new float[] {0, 0, 1, 1, 2, 2}, w.grad().toArray());
  }

  @Test
  void clamp_gradientPassesInsideAndAtBounds() {
    Tensor x = leaf(Tensor.of(new float[] {-2, -1, 0, 1, 2}));
    Tensor y = x.clamp(-1, 1);
    assertArrayEquals(new float[] {-1, -1, 0, 1, 1}, y.toArray());
    y.backward(Tensor.ones(5));
    assertArrayEquals(new float[] {0, 1, 1, 1, 0}, x.grad().toArray());
  }

  @Test
  void dropout_keepsExpectedFractionAndScales() {
    Tensor x = Tensor.ones(10_000);
    float[] y = x.dropout(0.25f, true, new java.util.SplittableRandom(3)).toArray();
    int kept = 0;
    for (float v : y) {
      if (v != 0) {
        kept++;
        assertEquals(1f / 0.75f, v, 1e-6);
      }
    }
    assertEquals(7500, kept, 200);
    assertSame(x, x.dropout(0.25f, false, new java.util.SplittableRandom(3)));
    assertArrayEquals(new float[10_000], x.dropout(1f, true, new java.util.SplittableRandom(3)).toArray());
  }

  @Test
  void mseLoss_handValues() {
    Tensor p = Tensor.of(new float[] {1, 2, 3});
    Tensor t = Tensor.of(new float[] {1, 0, 0});
    assertEquals(13f / 3f, p.mseLoss(t, Reduction.MEAN).item(), 1e-6);
    assertEquals(13f, p.mseLoss(t, Reduction.SUM).item(), 1e-6);
    assertArrayEquals(new float[] {0, 4, 9}, p.mseLoss(t, Reduction.NONE).toArray());
  }

  @Test
  void nllLoss_picksNegatedTargetEntries() {
    Tensor logp = Tensor.of(new float[][] {{-1, -2}, {-3, -4}});
    assertEquals(2.5f, logp.nllLoss(IntTensor.of(new int[] {0, 1}), -100, Reduction.MEAN).item(), 1e-6);
    assertEquals(1f, logp.nllLoss(IntTensor.of(new int[] {0, 1}), 1, Reduction.MEAN).item(), 1e-6);
    assertArrayEquals(new float[] {1, 0}, logp.nllLoss(IntTensor.of(new int[] {0, 1}), 1, Reduction.NONE).toArray());
  }

  /** PyTorch's full max()/min() share the gradient among ties; max(dim) gives it to the first. */
  @Test
  void maxAll_ties_splitGradientEvenly() {
    Tensor x = Tensor.of(new float[] {1f, 3f, 3f, -2f}).requiresGrad(true);
    x.max().mul(6f).backward();
    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0f, 3f, 3f, 0f}, x.grad().toArray());
    Tensor y = Tensor.of(new float[] {-2f, 5f, -2f}).requiresGrad(true);
    y.min().backward();
    org.junit.jupiter.api.Assertions.assertArrayEquals(new float[] {0.5f, 0f, 0.5f}, y.grad().toArray());
  }
}
