package org.attention4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class InitTest {
  private static double std(Tensor t) {
    float[] v = t.toArray();
    double mean = 0;
    for (float x : v) mean += x;
    mean /= v.length;
    double sq = 0;
    for (float x : v) sq += (x - mean) * (x - mean);
    return Math.sqrt(sq / v.length);
  }

  private static double maxAbs(Tensor t) {
    double m = 0;
    for (float x : t.toArray()) m = Math.max(m, Math.abs(x));
    return m;
  }

  @Test
  void fans_convolutionShape_includesReceptiveField() {
    assertArrayEquals(new int[] {3 * 5 * 5, 8 * 5 * 5}, Init.fans(Tensor.zeros(8, 3, 5, 5)));
    assertArrayEquals(new int[] {7, 4}, Init.fans(Tensor.zeros(4, 7)));
    assertEquals("Init: fan in and fan out need a tensor with at least 2 dims, got shape [5]",
        assertThrows(IllegalArgumentException.class, () -> Init.fans(Tensor.zeros(5))).getMessage());
  }

  @Test
  void xavierUniform_boundAndStd() {
    Tensor t = Init.xavierUniform(Tensor.zeros(200, 300), 2.0, new SplittableRandom(1));
    double a = 2.0 * Math.sqrt(6.0 / 500);
    assertTrue(maxAbs(t) <= a && maxAbs(t) > 0.99 * a);
    assertEquals(a / Math.sqrt(3), std(t), 0.01 * a);
  }

  @Test
  void xavierNormal_std() {
    Tensor t = Init.xavierNormal(Tensor.zeros(200, 300), 1.0, new SplittableRandom(1));
    assertEquals(Math.sqrt(2.0 / 500), std(t), 0.01 * Math.sqrt(2.0 / 500));
  }

  @Test
  void kaimingUniform_sqrt5_isPyTorchLinearDefault() {
    Tensor t = Init.kaimingUniform(Tensor.zeros(300, 64), Math.sqrt(5), Init.FanMode.FAN_IN,
        Init.Nonlinearity.LEAKY_RELU, new SplittableRandom(1));
    double bound = 1 / Math.sqrt(64);
    assertTrue(maxAbs(t) <= bound + 1e-7 && maxAbs(t) > 0.99 * bound);
  }

  @Test
  void kaimingNormal_reluFanOut_std() {
    Tensor t = Init.kaimingNormal(Tensor.zeros(100, 400), 0, Init.FanMode.FAN_OUT, Init.Nonlinearity.RELU,
        new SplittableRandom(1));
    double want = Math.sqrt(2.0) / Math.sqrt(100);
    assertEquals(want, std(t), 0.01 * want);
  }

  @Test
  void normalAndUniform_moments() {
    Tensor n = Init.normal(Tensor.zeros(100, 100), 3, 0.5, new SplittableRandom(1));
    assertEquals(3, n.mean().item(), 0.02);
    assertEquals(0.5, std(n), 0.01);
    Tensor u = Init.uniform(Tensor.zeros(10000), -1, 3, new SplittableRandom(1));
    for (float v : u.toArray()) assertTrue(v >= -1 && v <= 3);
    assertEquals(1, u.mean().item(), 0.05);
  }

  @Test
  void zerosOnesConstant_onParameter_noGradError() {
    Tensor p = Tensor.randn(new SplittableRandom(1), 2, 3).requiresGrad(true);
    assertSame(p, Init.ones(p));
    assertArrayEquals(new float[] {1, 1, 1, 1, 1, 1}, p.toArray());
    Init.zeros(p);
    assertArrayEquals(new float[6], p.toArray());
    Init.constant(p, 2.5);
    assertEquals(2.5f, p.get(1, 2));
  }

  @Test
  void sameSeed_sameValues() {
    assertArrayEquals(Init.xavierUniform(Tensor.zeros(4, 5), 1, new SplittableRandom(3)).toArray(),
        Init.xavierUniform(Tensor.zeros(4, 5), 1, new SplittableRandom(3)).toArray());
  }

  @Test
  void gains_matchTorch() {
    assertEquals(5.0 / 3, Init.Nonlinearity.TANH.gain(0), 1e-12);
    assertEquals(Math.sqrt(2.0 / (1 + 0.01 * 0.01)), Init.Nonlinearity.LEAKY_RELU.gain(0.01), 1e-12);
    assertEquals(0.75, Init.Nonlinearity.SELU.gain(0), 1e-12);
  }
}
