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
    // --- README example ends
    assertEquals(1f, weights.sum(-1).get(1, 2), 1e-5f);
    assertEquals(0f, sparse.attend(dec, enc, enc, padding).weights().get(1, 0, 6), 0f);
    assertEquals(1, step.context().dim(1));
    assertEquals(3, centres.dim(1));
    assertEquals(0, loss.rank());
  }
}
