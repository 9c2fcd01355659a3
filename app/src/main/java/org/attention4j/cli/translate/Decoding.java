package org.attention4j.cli.translate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.IntConsumer;
import org.attention4j.decode.BeamSearch;
import org.attention4j.decode.GreedyDecoder;
import org.attention4j.decode.Hypothesis;
import org.attention4j.models.registry.ModelLimits;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.text.Tokenizer;
import org.attention4j.train.Batcher;

/**
 * Decodes many source sentences in batches: sorted by length (less padding), cut into batches of
 * at most {@link Settings#batch} sentences, decoded greedily ({@code beam 1}) or by beam search,
 * and returned in input order.
 *
 * <p>The length rule is {@code maxLenRatio * srcLen + 10} generated tokens (EOS included); where
 * that could pass the model's limit ({@link Seq2SeqModels#limits}, e.g. a Transformer's position
 * table) a batch is capped at the limit instead, as {@link org.attention4j.train.Evaluation}
 * does.
 */
final class Decoding {
  /** The {@code b} of the length rule {@code a * srcLen + b}. */
  static final int MAX_LEN_OFFSET = 10;

  /**
   * How to decode.
   *
   * @param beam live hypotheses per sentence; 1 decodes greedily (alpha and beta then unused)
   * @param nBest hypotheses returned per sentence, {@code 1..beam}
   * @param alpha GNMT length-penalty exponent
   * @param beta GNMT coverage-penalty weight
   * @param maxLenRatio {@code a} of the length rule
   * @param batch sentences per batch
   */
  record Settings(int beam, int nBest, double alpha, double beta, double maxLenRatio, int batch) {}

  private Decoding() {}

  /**
   * Decodes every source; an empty one gets one empty hypothesis without attention.
   *
   * @param progress told the number of sentences done after each batch, or {@code null}
   * @return per source, in order, up to {@code nBest} hypotheses, best first
   * @throws IllegalArgumentException if the settings are invalid (as the decoders say)
   * @throws IllegalStateException if {@code beta > 0} and the model returns no step attention
   */
  static List<List<Hypothesis>> decode(Seq2SeqModel model, Tokenizer target, List<int[]> sources, Settings s,
      IntConsumer progress) {
    ModelLimits limits = Seq2SeqModels.limits(model);
    @SuppressWarnings("unchecked")
    List<Hypothesis>[] out = new List[sources.size()];
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      if (sources.get(i).length == 0) {
        out[i] = List.of(new Hypothesis(new int[0], true, 0, 0, null));
      } else {
        order.add(i);
      }
    }
    order.sort(Comparator.comparingInt(i -> sources.get(i).length));
    int done = sources.size() - order.size();
    for (int from = 0; from < order.size(); from += s.batch()) {
      List<Integer> rows = order.subList(from, Math.min(order.size(), from + s.batch()));
      List<int[]> batch = rows.stream().map(sources::get).toList();
      int longest = batch.stream().mapToInt(a -> a.length).max().orElse(1);
      double ratio = s.maxLenRatio();
      int offset = MAX_LEN_OFFSET;
      if (ratio * longest + offset > limits.maxGenerated()) {
        ratio = 0;
        offset = limits.maxGenerated();
      }
      SourceBatch source = Batcher.sourceBatch(batch, model.padId());
      List<List<Hypothesis>> result;
      if (s.beam() == 1) {
        var options = new GreedyDecoder.Options(target.bosId(), target.eosId(), ratio, offset);
        result = new GreedyDecoder(options).decode(model, source).stream().map(List::of).toList();
      } else {
        var options = new BeamSearch.Options(s.beam(), s.nBest(), target.bosId(), target.eosId(), s.alpha(), s.beta(),
            ratio, offset);
        result = new BeamSearch(options).search(model, source);
      }
      for (int r = 0; r < rows.size(); r++) out[rows.get(r)] = result.get(r);
      done += rows.size();
      if (progress != null) progress.accept(done);
    }
    return Arrays.asList(out);
  }
}
