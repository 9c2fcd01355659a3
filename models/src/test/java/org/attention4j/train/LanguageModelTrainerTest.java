package org.attention4j.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.kernel.Parallel;
import org.attention4j.models.lm.GruLanguageModel;
import org.attention4j.text.CharVocabulary;
import org.junit.jupiter.api.Test;

class LanguageModelTrainerTest {
  private static final String TEXT = "In the beginning God created the heaven and the earth. "
      + "And the earth was without form, and void; and darkness was upon the face of the deep. "
      + "And the Spirit of God moved upon the face of the waters. And God said, Let there be light: and there was light. ";

  private static List<Float> run(long seed, int threads) {
    int saved = Parallel.threads();
    Parallel.setThreads(threads);
    try {
      CharVocabulary vocab = CharVocabulary.build(List.of(TEXT));
      var model = new GruLanguageModel(new GruLanguageModel.Config(vocab.size(), 16, 32, 2, 0.1), new SplittableRandom(seed));
      var config = new LanguageModelTrainer.Config(4, 24, 3e-3, 1.0, 25, 0, seed);
      return LanguageModelTrainer.train(model, vocab.encode(TEXT.repeat(3)), config, null).losses();
    } finally {
      Parallel.setThreads(saved);
    }
  }

  @Test
  void train_sameSeedTwice_givesBitwiseIdenticalLosses() {
    List<Float> a = run(7, 2);
    List<Float> b = run(7, 2);
    assertEquals(25, a.size());
    for (int i = 0; i < a.size(); i++) {
      assertEquals(Float.floatToRawIntBits(a.get(i)), Float.floatToRawIntBits(b.get(i)), "loss of step " + (i + 1) + " differs");
    }
  }

  @Test
  void train_oneOrTwoThreads_givesBitwiseIdenticalLosses() {
    List<Float> a = run(11, 1);
    List<Float> b = run(11, 2);
    for (int i = 0; i < a.size(); i++) {
      assertEquals(Float.floatToRawIntBits(a.get(i)), Float.floatToRawIntBits(b.get(i)), "loss of step " + (i + 1) + " differs");
    }
  }

  @Test
  void train_lossFalls() {
    List<Float> losses = run(3, 2);
    float first = (losses.get(0) + losses.get(1) + losses.get(2)) / 3;
    float last = (losses.get(22) + losses.get(23) + losses.get(24)) / 3;
    assertTrue(last < first - 0.5f, "loss should fall clearly: first " + first + ", last " + last);
  }

  @Test
  void train_corpusShorterThanWindow_isRejected() {
    var model = new GruLanguageModel(new GruLanguageModel.Config(5, 4, 4, 1, 0), new SplittableRandom(1));
    var config = new LanguageModelTrainer.Config(2, 10, 1e-3, 1, 5, 0, 1);
    var e = assertThrows(IllegalArgumentException.class, () -> LanguageModelTrainer.train(model, new int[] {2, 3, 4}, config, null));
    assertEquals("LanguageModelTrainer: corpus of 3 tokens is shorter than one window of 11", e.getMessage());
  }
}
