package org.attention4j.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;
import org.attention4j.autograd.GradMode;
import org.attention4j.decode.GreedyDecoder;
import org.attention4j.decode.Hypothesis;
import org.attention4j.eval.Bleu;
import org.attention4j.eval.BleuScore;
import org.attention4j.eval.BleuTokenizer;
import org.attention4j.models.registry.ModelLimits;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.tensor.Tensor;
import org.attention4j.text.Tokenizer;

/**
 * Dev-set measurements that the trainer makes after each epoch and that evaluation commands
 * reuse: the loss per target token under teacher forcing, greedy translations, and BLEU. Each
 * runs in a no-grad scope with the model in evaluation mode and restores its mode.
 */
public final class Evaluation {
  private Evaluation() {}

  /**
   * Mean negative log-likelihood per target token (EOS included, padding not), without label
   * smoothing, over all pairs of {@code batcher}; NaN when there are none.
   */
  public static double loss(Seq2SeqModel model, Batcher batcher) {
    if (batcher.pairs().isEmpty()) return Double.NaN;
    boolean wasTraining = model.isTraining();
    model.eval();
    double sum = 0;
    long tokens = 0;
    try (var _ = GradMode.noGrad()) {
      for (int[] indices : batcher.byLength()) {
        Batch b = batcher.batch(indices);
        Tensor logits = model.forward(b.source(), b.target(), false).logits();         // (B, T, V)
        Tensor nll = logits.reshape(-1, logits.dim(2))                                // (B*T, V)
            .crossEntropy(b.target().output().reshape(-1), model.padId(), 0f, Tensor.Reduction.SUM);
        sum += nll.item();
        tokens += b.targetTokens();
      }
    } finally {
      model.train(wasTraining);
    }
    return sum / tokens;
  }

  /**
   * Greedy translations of every pair of {@code batcher}, in pair order, decoded to text with
   * {@code target}. The length rule is {@link GreedyDecoder.Options#of}'s {@code 2 * srcLen + 10};
   * where that could pass the model's limit ({@link Seq2SeqModels#limits}) a batch is capped at
   * the limit instead.
   *
   * @param progress told the number of pairs done after each batch, or {@code null}
   */
  public static List<String> translate(Seq2SeqModel model, Tokenizer target, Batcher batcher, IntConsumer progress) {
    ModelLimits limits = Seq2SeqModels.limits(model);
    String[] out = new String[batcher.pairs().size()];
    int done = 0;
    for (int[] indices : batcher.byLength()) {
      Batch b = batcher.batch(indices);
      int longest = Arrays.stream(b.source().lengths()).max().orElse(1);
      GreedyDecoder.Options options = GreedyDecoder.Options.of(target.bosId(), target.eosId());
      if (2L * longest + 10 > limits.maxGenerated()) {
        options = new GreedyDecoder.Options(target.bosId(), target.eosId(), 0, limits.maxGenerated());
      }
      List<Hypothesis> hyps = new GreedyDecoder(options).decode(model, b.source());
      for (int r = 0; r < indices.length; r++) out[indices[r]] = target.decode(hyps.get(r).tokens());
      done += indices.length;
      if (progress != null) progress.accept(done);
    }
    return new ArrayList<>(Arrays.asList(out));
  }

  /** sacreBLEU-compatible corpus BLEU of {@code hypotheses} against one reference each. */
  public static BleuScore bleu(List<String> hypotheses, List<String> references, BleuTokenizer tokenizer) {
    return Bleu.corpus(hypotheses, references, Bleu.Options.CORPUS.withTokenizer(tokenizer));
  }
}
