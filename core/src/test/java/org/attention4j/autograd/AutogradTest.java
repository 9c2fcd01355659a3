package org.attention4j.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The engine as seen through tensors: accumulation, graph shapes, scopes, release, errors. */
class AutogradTest {

  private static Tensor leaf(float... v) {
    return Tensor.of(v).requiresGrad(true);
  }

  @Test
  void backward_calledTwice_accumulatesIntoGrad() {
    Tensor x = leaf(1, 2, 3);
    x.mul(x).sum().backward();
    assertArrayEquals(new float[] {2, 4, 6}, x.grad().toArray());
    x.mul(x).sum().backward();
    assertArrayEquals(new float[] {4, 8, 12}, x.grad().toArray());
    x.zeroGrad();
    assertNull(x.grad());
    x.sum().backward();
    assertArrayEquals(new float[] {1, 1, 1}, x.grad().toArray());
  }

  @Test
  void backward_diamondGraph_sumsBothPaths() {
    // y = 3x; z = y * y + exp(y): dz/dx = 3 * (2y + exp(y))
    Tensor x = leaf(0.1f, -0.2f);
    Tensor y = x.mul(3f);
    Tensor z = y.mul(y).add(y.exp());
    z.sum().backward();
    float[] xs = {0.1f, -0.2f};
    for (int i = 0; i < 2; i++) {
      double yv = 3 * xs[i];
      assertEquals(3 * (2 * yv + Math.exp(yv)), x.grad().get(i), 1e-5);
    }
  }

  @Test
  void backward_sameInputInOneOp_getsBothGradients() {
    Tensor x = leaf(2, -3);
    x.mul(x).add(x).sum().backward(); // d/dx (x^2 + x) = 2x + 1
    assertArrayEquals(new float[] {5, -5}, x.grad().toArray());
  }

  @Test
  void detach_stopsGradientButSharesValues() {
    Tensor x = leaf(1, 2);
    Tensor d = x.detach();
    assertFalse(d.requiresGrad());
    assertTrue(d.isLeaf());
    x.mul(d).sum().backward(); // d is a constant: dx = d
    assertArrayEquals(new float[] {1, 2}, x.grad().toArray());
    assertEquals(x.storage(), d.storage());
  }

  @Test
  void noGrad_recordsNothing_nestedScopesRestore() {
    Tensor x = leaf(1, 2);
    assertTrue(GradMode.isEnabled());
    try (var outer = GradMode.noGrad()) {
      Tensor y = x.mul(2f);
      assertFalse(y.requiresGrad());
      assertTrue(y.isLeaf());
      assertNull(y.gradFnName());
      try (var inner = GradMode.enableGrad()) {
        assertTrue(GradMode.isEnabled());
        assertTrue(x.mul(2f).requiresGrad());
        try (var innermost = GradMode.noGrad()) {
          assertFalse(GradMode.isEnabled());
        }
        assertTrue(GradMode.isEnabled());
      }
      assertFalse(GradMode.isEnabled());
    }
    assertTrue(GradMode.isEnabled());
    Tensor z = x.mul(2f);
    assertTrue(z.requiresGrad());
    assertEquals("mul_scalar", z.gradFnName());
  }

  @Test
  void noGrad_closedTwice_restoresOnlyOnce() {
    GradMode.Scope a = GradMode.noGrad();
    GradMode.Scope b = GradMode.enableGrad();
    b.close();
    b.close();
    assertFalse(GradMode.isEnabled());
    a.close();
    assertTrue(GradMode.isEnabled());
  }

  @Test
  void noGrad_isPerThread() throws Exception {
    AtomicReference<Boolean> seen = new AtomicReference<>();
    try (var _ = GradMode.noGrad()) {
      Thread t = new Thread(() -> seen.set(GradMode.isEnabled()));
      t.start();
      t.join();
    }
    assertTrue(seen.get());
  }

  @Test
  void backward_nonScalarWithoutGradient_throwsWithShape() {
    Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, y::backward);
    assertEquals("backward: output of shape [2, 3] is not a scalar; pass a gradient of that shape", e.getMessage());
  }

  @Test
  void backward_gradientOfWrongShape_throwsWithBothShapes() {
    Tensor y = Tensor.ones(2, 3).requiresGrad(true).mul(2f);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> y.backward(Tensor.ones(3, 2)));
    assertEquals("backward: gradient shape [3, 2] differs from output shape [2, 3]", e.getMessage());
  }

  @Test
  void backward_outputWithoutGrad_throwsAndExplains() {
    Tensor y = Tensor.ones(2).mul(2f).sum();
    IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
    assertEquals("backward: tensor of shape [] does not require grad (no input had requiresGrad(true), "
        + "or it was computed in a no-grad scope)", e.getMessage());
  }

  @Test
  void backward_secondTimeThroughReleasedGraph_throwsAlreadyReleased() {
    Tensor x = leaf(1, 2);
    Tensor loss = x.mul(x).sum();
    loss.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, loss::backward);
    assertEquals("backward: the buffers saved by 'mul' were already released by an earlier backward(); "
        + "call backward(gradient, true) the first time to keep them", e.getMessage());
    assertArrayEquals(new float[] {2, 4}, x.grad().toArray(), "the failed call added nothing");
  }

  @Test
  void backward_retainGraph_allowsSecondPass() {
    Tensor x = leaf(1, 2);
    Tensor loss = x.mul(x).sum();
    loss.backward(Tensor.scalar(1f), true);
    loss.backward(Tensor.scalar(1f), true);
    assertArrayEquals(new float[] {4, 8}, x.grad().toArray());
    loss.backward(Tensor.scalar(0.5f), false); // the last pass may release
    assertArrayEquals(new float[] {5, 10}, x.grad().toArray());
    assertThrows(IllegalStateException.class, loss::backward);
  }

  @Test
  void backward_sharedSubgraphReleasedByOtherRoot_throws() {
    Tensor x = leaf(1, 2);
    Tensor h = x.exp();
    Tensor a = h.sum();
    Tensor b = h.mul(2f).sum();
    a.backward();
    IllegalStateException e = assertThrows(IllegalStateException.class, b::backward);
    assertTrue(e.getMessage().startsWith("backward: the buffers saved by 'exp' were already released"), e.getMessage());
  }

  @Test
  void retainGrad_keepsIntermediateGradient() {
    Tensor x = leaf(1, 2);
    Tensor h = x.mul(3f).retainGrad();
    Tensor other = x.mul(5f);
    h.mul(h).add(other).sum().backward();
    assertArrayEquals(new float[] {6, 12}, h.grad().toArray()); // d/dh h^2 = 2h
    assertNull(other.grad(), "not retained");
    assertArrayEquals(new float[] {18 + 5, 36 + 5}, x.grad().toArray());
  }

  @Test
  void retainGrad_twoBackwardPasses_accumulatesLikeALeaf() {
    // Regression: the retained gradient was overwritten by each pass; PyTorch (and leaves) add.
    Tensor x = leaf(1, 2);
    Tensor h = x.mul(3f).retainGrad();
    Tensor loss = h.square().sum();
    loss.backward(Tensor.scalar(1f), true);
    loss.backward(Tensor.scalar(1f), false);
    assertArrayEquals(new float[] {12, 24}, h.grad().toArray());
    assertArrayEquals(new float[] {36, 72}, x.grad().toArray());
    h.zeroGrad();
    assertNull(h.grad());
  }

  @Test
  void backward_onLeaf_accumulatesGradient() {
    Tensor x = leaf(1, 2);
    x.backward(Tensor.of(new float[] {3, 4}));
    x.backward(Tensor.of(new float[] {1, 1}));
    assertArrayEquals(new float[] {4, 5}, x.grad().toArray());
  }

  @Test
  void gradient_isNotAliasedWithUpstreamTensor() {
    Tensor x = leaf(1, 2);
    Tensor g = Tensor.of(new float[] {3, 4});
    x.backward(g);
    g.fill(0f);
    assertArrayEquals(new float[] {3, 4}, x.grad().toArray());
  }

  @Test
  void inPlace_onRequiresGradLeaf_throwsOutsideNoGrad() {
    Tensor x = leaf(1, 2);
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> x.copyFrom(Tensor.zeros(2)));
    assertEquals("copyFrom: in-place change of a tensor that requires grad while grad mode is on; "
        + "wrap it in GradMode.noGrad() (as optimisers do) or detach() first", e.getMessage());
    assertThrows(IllegalStateException.class, () -> x.fill(0f));
    assertThrows(IllegalStateException.class, () -> x.addInPlace(Tensor.ones(2), 1f));
    IllegalStateException s = assertThrows(IllegalStateException.class, () -> x.scaleInPlace(2f));
    assertTrue(s.getMessage().startsWith("scaleInPlace: in-place change"), s.getMessage());
    Tensor y = x.mul(2f);
    assertThrows(IllegalStateException.class, () -> y.fill(0f), "a recorded result too");
    try (var _ = GradMode.noGrad()) {
      x.addInPlace(Tensor.ones(2), -0.5f).scaleInPlace(2f);
    }
    assertArrayEquals(new float[] {1, 3}, x.toArray());
    x.detach().fill(7f);
    assertArrayEquals(new float[] {7, 7}, x.toArray(), "a detached alias may write");
  }

  @Test
  void backward_deepChainOf20000Adds_noStackOverflow() throws Exception {
    // Run on a thread with a small stack: a recursive topological sort or backward would overflow.
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicReference<Float> grad = new AtomicReference<>();
    Thread t = new Thread(null, () -> {
      try {
        Tensor x = Tensor.scalar(1f).requiresGrad(true);
        Tensor y = x;
        for (int i = 0; i < 20_000; i++) y = y.add(x);
        y.backward();
        grad.set(x.grad().item());
      } catch (Throwable e) {
        failure.set(e);
      }
    }, "deep-chain", 256 * 1024);
    t.start();
    t.join();
    if (failure.get() != null) throw new AssertionError(failure.get());
    assertEquals(20_001f, grad.get());
  }

  @Test
  void requiresGrad_changeOnLeafOnly() {
    Tensor x = Tensor.ones(2);
    assertFalse(x.requiresGrad());
    assertTrue(x.requiresGrad(true).requiresGrad());
    assertFalse(x.requiresGrad(false).requiresGrad());
    x.requiresGrad(true);
    Tensor y = x.add(1f);
    assertFalse(y.isLeaf());
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> y.requiresGrad(false));
    assertEquals("requiresGrad: only leaf tensors can change it; this one was computed by 'add_scalar' "
        + "(use detach() for a leaf copy)", e.getMessage());
    assertTrue(y.detach().requiresGrad(true).requiresGrad());
  }

  @Test
  void backward_inputsWithoutRequiresGrad_getNoGradient() {
    Tensor x = leaf(1, 2);
    Tensor c = Tensor.of(new float[] {3, 4});
    x.mul(c).sum().backward();
    assertNull(c.grad());
    assertArrayEquals(new float[] {3, 4}, x.grad().toArray());
  }

  @Test
  void backward_broadcastInput_gradientSummedToItsShape() {
    Tensor b = Tensor.of(new float[] {1, 2, 3}).requiresGrad(true);
    Tensor.ones(4, 3).add(b).sum().backward();
    assertArrayEquals(new float[] {4, 4, 4}, b.grad().toArray());
    assertEquals("[3]", b.grad().shape().toString());
  }

  /**
   * Regression: each slice's backward used to allocate a zero gradient of the whole input and
   * add it in, so cutting a sequence into T steps cost O(T^2) (found in the GRU). Slices now add
   * into their region of one buffer; the values must be unchanged.
   */
  @Test
  void narrow_manyAndOverlappingSlices_accumulateIntoTheirRegions() {
    org.attention4j.tensor.Tensor x = org.attention4j.tensor.Tensor.randn(new java.util.SplittableRandom(3), 2, 50, 3).requiresGrad(true);
    org.attention4j.tensor.Tensor mid = x.mul(2f); // a non-leaf parent
    org.attention4j.tensor.Tensor total = org.attention4j.tensor.Tensor.scalar(0f);
    for (int t = 0; t < 50; t++) total = total.add(mid.select(1, t).sum().mul(t));
    total = total.add(mid.narrow(1, 10, 5).sum()).add(x.narrow(1, 0, 2).sum());
    total.backward();
    float[] g = x.grad().toArray();
    for (int b = 0; b < 2; b++) {
      for (int t = 0; t < 50; t++) {
        float want = 2f * t + (t >= 10 && t < 15 ? 2f : 0f) + (t < 2 ? 1f : 0f);
        for (int c = 0; c < 3; c++) org.junit.jupiter.api.Assertions.assertEquals(want, g[(b * 50 + t) * 3 + c], 1e-6, "t=" + t);
      }
    }
  }
}
