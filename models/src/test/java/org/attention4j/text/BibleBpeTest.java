package org.attention4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.attention4j.data.bible.BibleCorpus;
import org.attention4j.data.bible.BundledBible;
import org.attention4j.data.bible.VersePair;
import org.junit.jupiter.api.Test;

/**
 * BPE on real text: the bundled KJV and Reina-Valera Bibles (train split, about 7.4 million
 * characters in English and Spanish). Prints the training time; speed is measured, not asserted.
 */
class BibleBpeTest {

  @Test
  void train_onBundledBible_roundTripsTestBooks() {
    BibleCorpus bible = BundledBible.load();
    List<String> corpus = new ArrayList<>();
    for (VersePair p : bible.train()) {
      corpus.add(p.source());
      corpus.add(p.target());
    }
    long chars = corpus.stream().mapToLong(String::length).sum();
    long t0 = System.nanoTime();
    BpeTokenizer bpe = BpeTrainer.train(corpus, new BpeTrainer.Config(8000, 2));
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf("BibleBpeTest: BPE training on %,d verses (%,d characters, en+es) to %d ids "
        + "took %.2f s%n", corpus.size(), chars, bpe.vocabSize(), seconds);
    assertEquals(8000, bpe.vocabSize());
    assertEquals(7740, bpe.merges().size());

    long words = 0, ids = 0;
    for (VersePair p : bible.test()) {
      for (String s : List.of(p.source(), p.target())) {
        int[] enc = bpe.encode(s);
        assertEquals(s, bpe.decode(enc), p.ref());
        words += s.split(" ").length;
        ids += enc.length;
      }
    }
    double perWord = (double) ids / words;
    assertTrue(perWord > 1.0 && perWord < 1.5, "tokens per word " + perWord);
    assertEquals(List.of("Now", "Ġit", "Ġcame", "Ġto", "Ġpass", "Ġin", "Ġthe", "Ġdays"),
        bpe.tokens("Now it came to pass in the days"));
    assertEquals(List.of("Y", "ĠaconteciÃ³", "Ġen", "Ġlos", "ĠdÃŃas"),
        bpe.tokens("Y aconteció en los días"));
  }
}
