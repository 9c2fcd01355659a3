package org.attention4j.decode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.tensor.IntTensor;
import org.junit.jupiter.api.Test;

class GreedyDecoderTest {
  static final int V = 6;
  static final int BOS = 1;
  static final int EOS = 2;

  /** A distribution with {@code p} on {@code token} and the rest spread evenly. */
  static double[] peak(int token, double p) {
    double[] d = new double[V];
    java.util.Arrays.fill(d, (1 - p) / (V - 1));
    d[token] = p;
    return d;
  }

  static SourceBatch sources(int... lengths) {
    int s = java.util.Arrays.stream(lengths).max().orElse(1);
    int[][] ids = new int[lengths.length][s];
    for (int b = 0; b < lengths.length; b++) for (int i = 0; i < lengths[b]; i++) ids[b][i] = 3;
    return new SourceBatch(IntTensor.of(ids), lengths);
  }

  /** Source 0: 3 4 EOS. Source 1: 5 forever. Source 2: EOS at once. */
  static final ScriptedModel.Script SCRIPT = (source, prefix) -> switch (source) {
    case 0 -> prefix.length == 0 ? peak(3, 0.6) : prefix.length == 1 ? peak(4, 0.7) : peak(EOS, 0.8);
    case 1 -> peak(5, 0.5);
    default -> peak(EOS, 0.9);
  };

  static final ScriptedModel.AttentionScript ATTENTION = (source, prefix) -> {
    int len = source == 0 ? 3 : source == 1 ? 2 : 4;
    float[] a = new float[len];
    a[prefix.length % len] = 1f;
    return a;
  };

  @Test
  void decode_stopsAtEosAndAtTheLengthLimit() {
    ScriptedModel m = new ScriptedModel(V, SCRIPT, ATTENTION);
    List<Hypothesis> out = new GreedyDecoder(new GreedyDecoder.Options(BOS, EOS, 1.0, 2)).decode(m, sources(3, 2, 4));
    assertArrayEquals(new int[] {3, 4}, out.get(0).tokens());
    assertTrue(out.get(0).finished());
    assertEquals(Math.log(0.6) + Math.log(0.7) + Math.log(0.8), out.get(0).logProb(), 1e-6);
    assertEquals(out.get(0).logProb(), out.get(0).score());
    assertEquals(3, out.get(0).length());
    assertArrayEquals(new int[] {5, 5, 5, 5}, out.get(1).tokens(), "cut at 1.0 * 2 + 2 tokens");
    assertFalse(out.get(1).finished());
    assertEquals(4 * Math.log(0.5), out.get(1).logProb(), 1e-6);
    assertArrayEquals(new int[0], out.get(2).tokens());
    assertTrue(out.get(2).finished());
    assertEquals(4, m.steps, "the longest row takes 4 steps");
  }

  @Test
  void decode_attentionRowsPerGeneratedTokenOverRealPositions() {
    ScriptedModel m = new ScriptedModel(V, SCRIPT, ATTENTION);
    List<Hypothesis> out = new GreedyDecoder(new GreedyDecoder.Options(BOS, EOS, 1.0, 2)).decode(m, sources(3, 2, 4));
    float[][] a = out.get(0).attention();
    assertEquals(3, a.length, "two tokens and EOS");
    assertArrayEquals(new float[] {1, 0, 0}, a[0]);
    assertArrayEquals(new float[] {0, 0, 1}, a[2]);
    assertEquals(4, out.get(1).attention().length);
    assertEquals(2, out.get(1).attention()[0].length);
    assertEquals(1, out.get(2).attention().length);
    assertEquals(4, out.get(2).attention()[0].length);
  }

  @Test
  void decode_batchEqualsOneRowAtATime() {
    List<Hypothesis> batch = new GreedyDecoder(GreedyDecoder.Options.of(BOS, EOS)).decode(new ScriptedModel(V, SCRIPT, ATTENTION), sources(3, 2, 4));
    // Scripts are per source index, so decode each source alone at its own index by padding the batch.
    for (int i = 0; i < 3; i++) {
      final int src = i;
      ScriptedModel.Script shifted = (s, p) -> SCRIPT.next(src, p);
      int len = new int[] {3, 2, 4}[i];
      Hypothesis one = new GreedyDecoder(GreedyDecoder.Options.of(BOS, EOS)).decode(new ScriptedModel(V, shifted, null), sources(len)).getFirst();
      assertArrayEquals(batch.get(i).tokens(), one.tokens(), "source " + i);
      assertEquals(batch.get(i).logProb(), one.logProb(), 1e-9);
      assertNull(one.attention(), "no attention from the model, none in the result");
    }
  }

  @Test
  void decode_restoresTrainingMode() {
    ScriptedModel m = new ScriptedModel(V, SCRIPT, null);
    new GreedyDecoder(GreedyDecoder.Options.of(BOS, EOS)).decode(m, sources(2));
    assertTrue(m.isTraining());
  }

  @Test
  void errors() {
    ScriptedModel m = new ScriptedModel(V, SCRIPT, null);
    assertEquals("GreedyDecoder: bos 1 and eos 6 must be ids of the target vocabulary [0, 6)",
        assertThrows(IllegalArgumentException.class, () -> new GreedyDecoder(GreedyDecoder.Options.of(BOS, 6)).decode(m, sources(2))).getMessage());
    assertEquals("GreedyDecoder: maxLenRatio must be finite and >= 0, got -1.0",
        assertThrows(IllegalArgumentException.class, () -> new GreedyDecoder.Options(BOS, EOS, -1, 3)).getMessage());
  }
}
