package org.attention4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class BucketedBleuTest {

  @Test
  void compute_halfOpenBucketsWithOpenLast() {
    List<Integer> lengths = List.of(0, 9, 10, 25, 60, 200);
    List<String> hyps = List.of("a", "b c", "d", "e f", "g", "h");
    List<String> refs = List.of("a", "b c", "x", "e f", "g", "h");
    List<BucketedBleu.Bucket> rows = BucketedBleu.compute(lengths, hyps, refs);
    assertEquals(List.of("0-10", "10-20", "20-30", "30-40", "40-50", "50-60", "60+"),
        rows.stream().map(BucketedBleu.Bucket::label).toList());
    assertEquals(List.of(2, 1, 1, 0, 0, 0, 2), rows.stream().map(BucketedBleu.Bucket::sentences).toList());
    assertEquals(Integer.MAX_VALUE, rows.get(6).hi());
    assertTrue(rows.get(3).bleu().isEmpty());
    assertEquals(Bleu.corpus(List.of("a", "b c"), List.of("a", "b c")),
        rows.get(0).bleu().orElseThrow());
    assertEquals(0.0, rows.get(1).bleu().orElseThrow().score());
  }

  @Test
  void compute_customBounds() {
    var rows = BucketedBleu.compute(List.of(1, 5), List.of("a", "b"), List.of("a", "b"), List.of(3),
        Bleu.Options.CORPUS);
    assertEquals(List.of("0-3", "3+"), rows.stream().map(BucketedBleu.Bucket::label).toList());
  }

  @Test
  void compute_badArguments_throw() {
    var e = assertThrows(IllegalArgumentException.class,
        () -> BucketedBleu.compute(List.of(1), List.of("a", "b"), List.of("a", "b")));
    assertEquals("BucketedBleu.compute: 1 source lengths, 2 hypotheses and 2 references; they must be "
        + "equally many", e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BucketedBleu.compute(List.of(1), List.of("a"),
        List.of("a"), List.of(10, 10), Bleu.Options.CORPUS));
    assertEquals("BucketedBleu.compute: bounds must be strictly increasing positive numbers, got [10, 10]",
        e.getMessage());
    e = assertThrows(IllegalArgumentException.class,
        () -> BucketedBleu.compute(List.of(-1), List.of("a"), List.of("a")));
    assertEquals("BucketedBleu.compute: source length 0 is -1, must be >= 0", e.getMessage());
  }
}
