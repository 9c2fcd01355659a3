package org.attention4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.data.corpus.SentencePair;
import org.junit.jupiter.api.Test;

class BatcherTest {
  private static final int PAD = 0;
  private static final int BOS = 2;
  private static final int EOS = 3;

  /** {@code n} pairs with random lengths 1..maxLength and ids 4..19. */
  private static List<EncodedPair> pairs(int n, int maxLength, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    List<EncodedPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int[] s = rng.ints(1 + rng.nextInt(maxLength), 4, 20).toArray();
      int[] t = rng.ints(rng.nextInt(maxLength + 1), 4, 20).toArray();
      out.add(new EncodedPair(new SentencePair("p" + i, "s" + i, "t" + i), s, t));
    }
    return out;
  }

  private static int[] counts(List<int[]> batches, int n) {
    int[] seen = new int[n];
    for (int[] b : batches) for (int i : b) seen[i]++;
    return seen;
  }

  @Test
  void epochOrder_everyPairExactlyOncePerEpoch() {
    Batcher b = new Batcher(pairs(1000, 30, 1), new BatchingOptions(200, 16, 128), PAD, BOS, EOS);
    for (int epoch = 0; epoch < 3; epoch++) {
      int[] seen = counts(b.epochOrder(7, epoch), 1000);
      for (int i = 0; i < seen.length; i++) assertEquals(1, seen[i], "pair " + i + " in epoch " + epoch);
    }
    int[] seen = counts(b.byLength(), 1000);
    for (int i = 0; i < seen.length; i++) assertEquals(1, seen[i], "pair " + i + " in byLength");
  }

  @Test
  void epochOrder_batchesRespectTokenBudgetAndSentenceLimit() {
    Batcher b = new Batcher(pairs(1000, 30, 2), new BatchingOptions(200, 16, 128), PAD, BOS, EOS);
    List<int[]> batches = b.epochOrder(3, 0);
    for (int[] batch : batches) {
      assertTrue(batch.length <= 16, "rows " + batch.length);
      assertTrue(b.cost(batch) <= 200, "cost " + b.cost(batch));
    }
    // Length bucketing pads little: most positions are real tokens.
    long real = 0;
    long padded = 0;
    for (int[] batch : batches) {
      Batch x = b.batch(batch);
      real += x.sourceTokens();
      padded += (long) x.size() * x.source().maxLength();
    }
    assertTrue(real > 0.85 * padded, "source padding: " + real + " real of " + padded);
  }

  @Test
  void epochOrder_sentenceLimitOnly() {
    Batcher b = new Batcher(pairs(100, 10, 3), BatchingOptions.sentences(8), PAD, BOS, EOS);
    List<int[]> batches = b.epochOrder(1, 0);
    assertEquals(13, batches.size());
    assertEquals(100, batches.stream().mapToInt(x -> x.length).sum());
  }

  @Test
  void epochOrder_isAFunctionOfSeedAndEpoch() {
    List<EncodedPair> data = pairs(500, 20, 4);
    Batcher a = new Batcher(data, new BatchingOptions(150, 0, 100), PAD, BOS, EOS);
    Batcher b = new Batcher(data, new BatchingOptions(150, 0, 100), PAD, BOS, EOS);
    b.epochOrder(5, 0); // earlier calls change nothing
    assertTrue(Arrays.deepEquals(a.epochOrder(5, 1).toArray(), b.epochOrder(5, 1).toArray()));
    assertFalse(Arrays.deepEquals(a.epochOrder(5, 1).toArray(), a.epochOrder(5, 2).toArray()));
    assertFalse(Arrays.deepEquals(a.epochOrder(5, 1).toArray(), a.epochOrder(6, 1).toArray()));
  }

  @Test
  void byLength_isSortedBySourceLength() {
    Batcher b = new Batcher(pairs(300, 25, 5), new BatchingOptions(100, 0, 50), PAD, BOS, EOS);
    int previous = 0;
    for (int[] batch : b.byLength()) {
      for (int i : batch) {
        int len = b.pairs().get(i).source().length;
        assertTrue(len >= previous);
        previous = len;
      }
    }
  }

  @Test
  void batch_padsAndAddsBosAndEos() {
    List<EncodedPair> data = List.of(
        new EncodedPair(new SentencePair("a", "x", "y"), new int[] {5, 6, 7}, new int[] {8}),
        new EncodedPair(new SentencePair("b", "x", "z"), new int[] {9}, new int[] {10, 11, 12}));
    Batch b = new Batcher(data, BatchingOptions.sentences(2), PAD, BOS, EOS).batch(new int[] {0, 1});
    assertArrayEquals(new int[] {5, 6, 7, 9, 0, 0}, b.source().ids().toArray());
    assertArrayEquals(new int[] {3, 1}, b.source().lengths());
    assertArrayEquals(new int[] {BOS, 8, 0, 0, BOS, 10, 11, 12}, b.target().input().toArray());
    assertArrayEquals(new int[] {8, EOS, 0, 0, 10, 11, 12, EOS}, b.target().output().toArray());
    assertArrayEquals(new int[] {2, 4}, b.target().lengths());
    assertEquals(4, b.sourceTokens());
    assertEquals(6, b.targetTokens());
  }

  @Test
  void sourceBatch_padsRows() {
    var s = Batcher.sourceBatch(List.of(new int[] {4, 5}, new int[] {6, 7, 8}), PAD);
    assertArrayEquals(new int[] {4, 5, 0, 6, 7, 8}, s.ids().toArray());
    assertArrayEquals(new int[] {2, 3}, s.lengths());
    var e = assertThrows(IllegalArgumentException.class, () -> Batcher.sourceBatch(List.of(new int[0]), PAD));
    assertEquals("Batcher.sourceBatch: sentence 0 is empty", e.getMessage());
  }

  @Test
  void constructor_pairOverBudget_namesPairAndCost() {
    List<EncodedPair> data = List.of(new EncodedPair(new SentencePair("Gen.1.1", "x", "y"), new int[40], new int[10]));
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Batcher(data, new BatchingOptions(32, 0, 10), PAD, BOS, EOS));
    assertEquals("Batcher: pair Gen.1.1 alone needs 40 padded positions, more than the batch budget of 32 tokens"
        + " (raise the budget or lower the max length)", e.getMessage());
  }

  @Test
  void options_needABudgetOrALimit() {
    var e = assertThrows(IllegalArgumentException.class, () -> new BatchingOptions(0, 0, 10));
    assertTrue(e.getMessage().startsWith("BatchingOptions: give a token budget"), e.getMessage());
  }
}
