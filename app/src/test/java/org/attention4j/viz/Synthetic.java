package org.attention4j.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.Link;

/** Seeded synthetic attention for tests: softmax rows of noise plus a head-specific diagonal. */
final class Synthetic {
  private Synthetic() {}

  /**
   * A {@code rows x cols} matrix whose rows are softmax(noise + sharpness * [key near the
   * shifted diagonal]); sharpness 0 gives noise only.
   */
  static AttentionMatrix softmaxRows(int rows, int cols, double sharpness, int shift, long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] w = new float[rows * cols];
    double[] s = new double[cols];
    for (int r = 0; r < rows; r++) {
      int target = Math.floorMod((int) Math.round((double) r * cols / rows) + shift, cols);
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < cols; c++) {
        int d = Math.abs(c - target);
        s[c] = rng.nextGaussian() + sharpness * Math.exp(-d * d / 2.0);
        max = Math.max(max, s[c]);
      }
      double z = 0;
      for (int c = 0; c < cols; c++) z += (s[c] = Math.exp(s[c] - max));
      for (int c = 0; c < cols; c++) w[r * cols + c] = (float) (s[c] / z);
    }
    return AttentionMatrix.of(rows, cols, w);
  }

  static List<String> words(String prefix, int n) {
    String[] pool = {"the", "river", "誰", "是", "你", "été", "مرحبا", "שלום", "λόγος", "word"};
    List<String> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(prefix + pool[i % pool.length] + i);
    return out;
  }

  /**
   * An encoder-decoder example of {@code n} source and target tokens: cross-attention with
   * {@code layers x heads} heads, three training snapshots of cross layer 0 head 0 (noise to
   * alignment) and a gold diagonal on every 10th token.
   */
  static AttentionView crossExample(int n, int layers, int heads) {
    AttentionView.Builder b = AttentionView.builder(words("s:", n), words("t:", n))
        .meta(AttentionView.MODEL, "synthetic").meta(AttentionView.SENTENCE, "n=" + n);
    for (int l = 0; l < layers; l++) {
      for (int h = 0; h < heads; h++) {
        b.matrix(new HeadKey(AttentionKind.CROSS, l, h), softmaxRows(n, n, 4 + 3 * h, h * l, 1000L * l + h));
      }
    }
    double[] sharp = {0, 3, 8};
    for (int i = 0; i < sharp.length; i++) {
      b.snapshot(new Snapshot(100L * (i + 1), "step " + 100 * (i + 1),
          java.util.Map.of(new HeadKey(AttentionKind.CROSS, 0, 0), softmaxRows(n, n, sharp[i], 0, 77 + i))));
    }
    List<Link> gold = new ArrayList<>();
    for (int i = 0; i < n; i += 10) gold.add(new Link(i, i));
    return b.gold(Alignment.of(gold)).build();
  }
}
