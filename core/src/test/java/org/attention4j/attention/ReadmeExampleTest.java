package org.attention4j.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** The usage example of the README, kept compiling and running. */
class ReadmeExampleTest {
  @Test
  void readmeExample_runs() {
    // --- README example begins
    var rng = new SplittableRandom(42);
    Tensor enc = Tensor.randn(rng, 2, 7, 16), dec = Tensor.randn(rng, 2, 3, 16);   // (B, T, d)
    Mask padding = Mask.keyPadding(7, 5);                                           // true = may attend
    Attention bahdanau = Attention.bahdanau(16, 16, 32, rng);                       // additive, softmax, global
    Attention general = Attention.luong(LuongScore.GENERAL, 16, 16, 0, rng);        // DOT | GENERAL | CONCAT | LOCATION
    Attention localP = Attention.localP(LuongScore.GENERAL, 16, 16, 0, 2, rng);     // predicted window, D = 2
    Attention sparse = Attention.sparse(new ScaledDotScore());                      // sparsemax: exact zeros
    AttentionResult r = bahdanau.attend(dec, enc, enc, padding);                    // queries, keys, values, mask
    Tensor weights = r.weights();                                                    // (B, Tq, Tk), rows sum to 1
    ProjectedKeys keys = general.projectKeys(enc);                                   // once per sequence ...
    AttentionResult step = general.attend(dec.narrow(1, 0, 1), keys, enc, padding, 0); // ... then per decoder step t
    AttentionDetails d = localP.attendDetailed(dec, localP.projectKeys(enc), enc, padding, 0, null);
    Tensor centres = d.centres();                                                   // p_t (B, Tq), for plotting
    Attention hard = Attention.hard(new DotScore());                                // Xu et al.: sample, REINFORCE
    HardSample s = hard.attendDetailed(dec, hard.projectKeys(enc), enc, padding, 0, rng).sample();
    Tensor loss = new Reinforce(0.9, 0.01, 0).loss(Tensor.of(new float[] {1f, 0f}), s); // -(R - b) log p - λH

    var mha = new MultiHeadAttention(MultiHeadAttention.Config.of(512, 8), rng);
    AttentionResult self = mha.forward(Tensor.randn(rng, 2, 100, 512), Mask.causal(), Weights.PER_HEAD);
    Tensor perHead = self.weights();                                                 // (B, h, Tq, Tk)
    // --- README example ends
    assertEquals(1f, weights.sum(-1).get(1, 2), 1e-5f);
    assertEquals(0f, sparse.attend(dec, enc, enc, padding).weights().get(1, 0, 6), 0f);
    assertEquals(1, step.context().dim(1));
    assertEquals(3, centres.dim(1));
    assertEquals(0, loss.rank());
    assertEquals(8, perHead.dim(1));
  }

  /** Every line of the README's attention example appears in the test above, so the two cannot drift. */
  @Test
  void readme_attentionExample_isTheTestedCode() throws java.io.IOException {
    java.nio.file.Path readme = java.nio.file.Path.of("..", "README.md");
    org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(readme), "README.md not found from " + java.nio.file.Path.of("").toAbsolutePath());
    String text = java.nio.file.Files.readString(readme);
    int start = text.indexOf("Tensor enc = Tensor.randn(rng, 2, 7, 16)");
    int end = text.indexOf("```", start);
    org.junit.jupiter.api.Assertions.assertTrue(start > 0 && end > start, "README lost its attention example");
    String test = java.nio.file.Files.readString(java.nio.file.Path.of("src/test/java/org/attention4j/attention/ReadmeExampleTest.java"));
    for (String line : text.substring(start, end).split("\n")) {
      if (line.isBlank()) continue;
      org.junit.jupiter.api.Assertions.assertTrue(test.contains(line.strip()), "README line not in ReadmeExampleTest: " + line.strip());
    }
  }
}
