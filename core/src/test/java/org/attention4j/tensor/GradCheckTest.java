package org.attention4j.tensor;

import static org.attention4j.tensor.TestTensors.leaf;
import static org.attention4j.tensor.TestTensors.randn;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker itself: it must catch a wrong gradient, and leave its inputs unchanged. */
class GradCheckTest {

  @Test
  void compare_gradientMissingAPath_reportsEveryElement() {
    // exp(x) through a detached path: analytic d/dx = 1, numeric = 1 + exp(x).
    Tensor x = leaf(randn(1, 2, 3));
    List<GradCheck.Mismatch> bad = GradCheck.defaults().compare(in -> in[0].detach().exp().add(in[0]), x);
    assertEquals(6, bad.size());
    assertEquals(0, bad.get(0).input());
  }

  @Test
  void check_wrongGradient_throwsReadableReport() {
    Tensor x = leaf(Tensor.of(new float[] {0.5f}));
    AssertionError e = assertThrows(AssertionError.class,
        () -> GradCheck.defaults().check("detached", in -> in[0].detach().square().add(in[0]), x));
    assertTrue(e.getMessage().startsWith("gradcheck failed for detached: 1 element(s) differ"), e.getMessage());
    assertTrue(e.getMessage().contains("input 0 element 0: analytic"), e.getMessage());
  }

  @Test
  void compare_correctGradient_leavesInputsUntouched() {
    Tensor x = leaf(randn(2, 3, 4));
    float[] before = x.toArray();
    assertTrue(GradCheck.defaults().compare(in -> in[0].tanh(), x).isEmpty());
    assertEquals(java.util.Arrays.toString(before), java.util.Arrays.toString(x.toArray()));
    assertFalse(x.grad() != null, "the caller's tensor gets no gradient (the checker works on copies)");
  }

  @Test
  void compare_outputWithoutGrad_throws() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> GradCheck.defaults().compare(in -> in[0].exp(), randn(3, 2)));
    assertEquals("gradcheck: the function's output does not require grad; mark an input with requiresGrad(true)", e.getMessage());
  }

  @Test
  void oneConstantInput_matchesFiniteDifferences() {
    // Backward paths taken only when some inputs are constants.
    GradCheck g = GradCheck.defaults();
    g.check("layerNorm, x constant", in -> in[0].layerNorm(in[1], in[2], 1e-5f), randn(4, 3, 19),
        leaf(randn(5, 19)), leaf(randn(6, 19)));
    g.check("folded matmul, a constant", in -> in[0].matmul(in[1]), randn(7, 2, 3, 7), leaf(randn(8, 7, 5)));
    g.check("folded matmul, b constant", in -> in[0].matmul(in[1]), leaf(randn(9, 2, 3, 7)), randn(10, 7, 5));
    g.check("where, b constant", in -> Tensor.where(in[0], in[1], in[2]), TestTensors.bits(11, 0.5, 3, 7),
        leaf(randn(12, 3, 7)), randn(13, 7));
    g.check("concat, middle constant", in -> Tensor.concat(1, in[0], in[1], in[2]), leaf(randn(14, 2, 3)),
        randn(15, 2, 2), leaf(randn(16, 2, 1)));
  }
}
