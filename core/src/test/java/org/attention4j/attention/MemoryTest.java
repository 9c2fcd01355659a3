package org.attention4j.attention;

import static org.attention4j.attention.AttentionTesting.leaf;
import static org.attention4j.attention.AttentionTesting.randn;
import static org.attention4j.attention.AttentionTesting.uniform;
import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.attention4j.testing.TensorAsserts.gradcheck;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Memory read/write (NTM eq. (2)-(4)), NTM addressing (eq. (5)-(9)) and the key-value read. */
class MemoryTest {
  private static final int B = 2;
  private static final int N = 5;
  private static final int W = 3;

  private static Tensor memory() {
    return leaf(randn(81, B, N, W));
  }

  /** A positive weighting (rows sum to 1). */
  private static Tensor weighting(long seed) {
    return leaf(uniform(seed, 0.1f, 1f, B, N).softmax(1).detach());
  }

  // ---------------------------------------------------------------- read / write

  @Test
  void read_gradients_matchFiniteDifferences() {
    gradcheck("read", x -> KeyValueMemory.read(x[0], x[1]), memory(), leaf(uniform(82, 0f, 1f, B, 2, N)));
  }

  @Test
  void write_gradients_matchFiniteDifferences() {
    gradcheck("write", x -> KeyValueMemory.write(x[0], x[1], x[2], x[3]),
        memory(), weighting(83), leaf(uniform(84, 0.1f, 0.9f, B, W)), leaf(randn(85, B, W)));
  }

  @Test
  void write_fullEraseNoAddAtOneHot_erasesExactlyThatSlot() {
    Tensor m = randn(86, 1, 4, 3);
    Tensor w = Tensor.of(new float[] {0, 0, 1, 0}, 1, 4);
    Tensor out = KeyValueMemory.write(m, w, Tensor.ones(1, 3), Tensor.zeros(1, 3));
    float[] before = m.toArray();
    float[] after = out.toArray();
    for (int i = 0; i < 12; i++) assertEquals(i / 3 == 2 ? 0f : before[i], after[i], 0f, "element " + i);
  }

  @Test
  void write_thenRead_returnsWhatWasAdded() {
    Tensor m = Tensor.zeros(1, 4, 3);
    Tensor w = Tensor.of(new float[] {0, 1, 0, 0}, 1, 4);
    Tensor a = Tensor.of(new float[] {0.5f, -1f, 2f}, 1, 3);
    Tensor m2 = KeyValueMemory.write(m, w, Tensor.zeros(1, 3), a);
    assertClose(a.toArray(), KeyValueMemory.read(m2, w.unsqueeze(1)), 0, 0, "KeyValueMemory.read(m2, w.unsqueeze(1))");
  }

  @Test
  void keyValueRead_matchesSoftmaxOfKeysTimesValues() {
    Tensor q = leaf(randn(87, B, 2, 4));
    Tensor keys = leaf(randn(88, B, N, 4));
    Tensor values = leaf(randn(89, B, N, W));
    AttentionResult r = KeyValueMemory.keyValueRead(q, keys, values, Mask.keyPadding(5, 3));
    Tensor expected = new Softmax().weights(new DotScore().scores(q, keys), Mask.keyPadding(5, 3).toTensor(B, 1, 2, N).squeeze(1));
    assertClose(expected.toArray(), r.weights(), 1e-6, 0, "r.weights()");
    gradcheck("key-value read", x -> KeyValueMemory.keyValueRead(x[0], x[1], x[2], Mask.keyPadding(5, 3)).context(), q, keys, values);
  }

  // ---------------------------------------------------------------- NTM addressing

  @Test
  void content_gradients_matchFiniteDifferences() {
    gradcheck("content", x -> NtmAddressing.content(x[0], x[1], x[2]),
        memory(), leaf(randn(90, B, W)), leaf(uniform(91, 0.5f, 4f, B, 1)));
  }

  @Test
  void interpolate_gradients_matchFiniteDifferences() {
    gradcheck("interpolate", x -> NtmAddressing.interpolate(x[0], x[1], x[2]),
        weighting(92), weighting(93), leaf(uniform(94, 0.1f, 0.9f, B, 1)));
  }

  @Test
  void shift_gradients_matchFiniteDifferences() {
    gradcheck("shift", x -> NtmAddressing.shift(x[0], x[1]), weighting(95), leaf(uniform(96, 0f, 1f, B, 3).softmax(1).detach()));
  }

  @Test
  void sharpen_gradients_matchFiniteDifferences() {
    gradcheck("sharpen", x -> NtmAddressing.sharpen(x[0], x[1]), weighting(97), leaf(uniform(98, 1f, 3f, B)));
  }

  @Test
  void address_gradients_matchFiniteDifferences() {
    gradcheck("address", x -> NtmAddressing.address(x[0], x[1], x[2], x[3], x[4], x[5], x[6]).weights(),
        memory(), leaf(randn(99, B, W)), leaf(uniform(100, 0.5f, 4f, B, 1)), leaf(uniform(101, 0.1f, 0.9f, B, 1)),
        leaf(uniform(102, 0f, 1f, B, 3).softmax(1).detach()), leaf(uniform(103, 1f, 3f, B, 1)), weighting(104));
  }

  @Test
  void shift_oneHotByPlusOne_movesOneSlotAndWraps() {
    Tensor w = Tensor.of(new float[] {0, 1, 0, 0, 0, 0, 0, 1}, 2, 4);
    Tensor plusOne = Tensor.of(new float[] {0, 0, 1, 0, 0, 1}, 2, 3);
    assertClose(new float[] {0, 0, 1, 0, 1, 0, 0, 0}, NtmAddressing.shift(w, plusOne), 0, 0, "shift +1");
    Tensor minusOne = Tensor.of(new float[] {1, 0, 0, 1, 0, 0}, 2, 3);
    assertClose(new float[] {1, 0, 0, 0, 0, 0, 1, 0}, NtmAddressing.shift(w, minusOne), 0, 0, "shift -1");
  }

  @Test
  void content_keyParallelToOneSlot_peaksThere() {
    Tensor m = Tensor.of(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 1, 3, 3);
    Tensor wc = NtmAddressing.content(m, Tensor.of(new float[] {0, 2, 0}, 1, 3), Tensor.of(new float[] {5f}, 1, 1));
    double e5 = Math.exp(5);
    assertClose(new float[] {(float) (1 / (e5 + 2)), (float) (e5 / (e5 + 2)), (float) (1 / (e5 + 2))}, wc, 1e-6, 0,
        "wc");
  }

  @Test
  void sharpen_gammaTwo_squaresAndRenormalises() {
    Tensor w = Tensor.of(new float[] {0.5f, 0.25f, 0.25f, 0f}, 1, 4);
    assertClose(new float[] {4f / 6, 1f / 6, 1f / 6, 0f}, NtmAddressing.sharpen(w, Tensor.of(new float[] {2f}, 1, 1)),
        1e-6, 0, "sharpen, gamma 2");
  }

  @Test
  void address_returnsEveryIntermediate() {
    Tensor m = memory().detach();
    Tensor key = randn(105, B, W);
    Tensor beta = Tensor.full(2f, B, 1);
    Tensor gate = Tensor.full(0.7f, B, 1);
    Tensor shift = Tensor.of(new float[] {0.1f, 0.8f, 0.1f, 0.2f, 0.5f, 0.3f}, B, 3);
    Tensor gamma = Tensor.full(1.5f, B, 1);
    Tensor prev = weighting(106).detach();
    NtmAddressing.Addressing a = NtmAddressing.address(m, key, beta, gate, shift, gamma, prev);
    Tensor wc = NtmAddressing.content(m, key, beta);
    Tensor wg = NtmAddressing.interpolate(wc, prev, gate);
    Tensor ws = NtmAddressing.shift(wg, shift);
    assertClose(wc.toArray(), a.content(), 0, 0, "a.content()");
    assertClose(wg.toArray(), a.interpolated(), 0, 0, "a.interpolated()");
    assertClose(ws.toArray(), a.shifted(), 0, 0, "a.shifted()");
    assertClose(NtmAddressing.sharpen(ws, gamma).toArray(), a.weights(), 0, 0, "a.weights()");
  }

  // ---------------------------------------------------------------- errors

  @Test
  void shift_evenWidth_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> NtmAddressing.shift(Tensor.zeros(2, 5), Tensor.zeros(2, 4)));
    assertEquals("NtmAddressing.shift: shift [2, 4] must be (B, 2k + 1) with B = 2 and an odd width", e.getMessage());
  }

  @Test
  void write_eraseOfWrongWidth_throws() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> KeyValueMemory.write(Tensor.zeros(2, 5, 3), Tensor.zeros(2, 5), Tensor.zeros(2, 4), Tensor.zeros(2, 3)));
    assertEquals("KeyValueMemory.write: erase [2, 4] and add [2, 3] must be (B, W) for memory [2, 5, 3]", e.getMessage());
  }

  @Test
  void read_weightsOverWrongSlotCount_throws() {
    var e = assertThrows(IllegalArgumentException.class, () -> KeyValueMemory.read(Tensor.zeros(2, 5, 3), Tensor.zeros(2, 1, 4)));
    assertEquals("KeyValueMemory.read: weights [2, 1, 4] must be (B, R, N) for memory [2, 5, 3]", e.getMessage());
  }

  @Test
  void content_gateOfWrongShape_throws() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> NtmAddressing.interpolate(Tensor.zeros(2, 5), Tensor.zeros(2, 5), Tensor.zeros(2, 2)));
    assertEquals("NtmAddressing.interpolate: gate [2, 2] must be (B, 1) or (B) with B = 2", e.getMessage());
  }
}
