package org.attention4j.cli.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import org.attention4j.decode.GreedyDecoder;
import org.attention4j.decode.Hypothesis;
import org.attention4j.eval.Bleu;
import org.attention4j.eval.BleuScore;
import org.attention4j.eval.BucketedBleu;
import org.attention4j.eval.Chrf;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.train.Batch;
import org.attention4j.train.Batcher;
import org.attention4j.train.BatchingOptions;

/**
 * A model's greedy translations of the whole test split and their scores: corpus BLEU
 * (sacreBLEU-compatible, the target language's tokenizer), chrF, and BLEU per source-length
 * bucket ({@link BucketedBleu}, source length in {@code 13a} words).
 *
 * @param hypotheses one per test pair, in test order, with the model's attention
 * @param texts the detokenized translations, in test order
 * @param bleu corpus BLEU
 * @param chrf corpus chrF
 * @param buckets BLEU per bucket {@code 0-10, 10-20, ..., 60+}
 * @param seconds decoding time
 */
record TestScores(List<Hypothesis> hypotheses, List<String> texts, BleuScore bleu, double chrf,
    List<BucketedBleu.Bucket> buckets, double seconds) {

  /**
   * The length rule of decoding: at most {@code ratio * srcLen + offset} tokens. The default
   * 1.5 x + 5 leaves room for translations longer than their source (the Spanish of the Bible
   * has 0.93 words per English word) while cutting the repetition loops of an undertrained
   * model early; both models of a comparison use the same rule.
   */
  record LengthRule(double ratio, int offset) {
    static final LengthRule DEFAULT = new LengthRule(1.5, 5);
  }

  /** Decodes and scores the setup's test split. */
  static TestScores evaluate(Seq2SeqModel model, TranslationSetup setup, LengthRule rule, IntConsumer progress) {
    long start = System.nanoTime();
    List<Hypothesis> hyps = decode(model, setup, rule, progress);
    List<String> texts = hyps.stream().map(h -> setup.targetTokenizer().decode(h.tokens())).toList();
    List<String> refs = setup.test().references();
    var options = Bleu.Options.CORPUS.withTokenizer(setup.bleuTokenizer());
    BleuScore bleu = Bleu.corpus(texts, refs, options);
    double chrf = Chrf.corpus(texts, refs).score();
    List<BucketedBleu.Bucket> buckets = BucketedBleu.compute(setup.testSourceWords(), texts, refs,
        BucketedBleu.DEFAULT_BOUNDS, options);
    return new TestScores(hyps, texts, bleu, chrf, buckets, (System.nanoTime() - start) / 1e9);
  }

  /** Greedy hypotheses of every test pair, in test order, decoded in batches of similar length. */
  static List<Hypothesis> decode(Seq2SeqModel model, TranslationSetup setup, LengthRule rule, IntConsumer progress) {
    var tok = setup.targetTokenizer();
    var batcher = new Batcher(setup.test().pairs(), new BatchingOptions(0, 64, 4096), tok.padId(), tok.bosId(),
        tok.eosId());
    int limit = Seq2SeqModels.limits(model).maxGenerated();
    Hypothesis[] out = new Hypothesis[batcher.pairs().size()];
    int done = 0;
    for (int[] indices : batcher.byLength()) {
      Batch b = batcher.batch(indices);
      int longest = Arrays.stream(b.source().lengths()).max().orElse(1);
      var options = new GreedyDecoder.Options(tok.bosId(), tok.eosId(), rule.ratio(), rule.offset());
      if (rule.ratio() * longest + rule.offset() > limit) {
        options = new GreedyDecoder.Options(tok.bosId(), tok.eosId(), 0, limit);
      }
      List<Hypothesis> hyps = new GreedyDecoder(options).decode(model, b.source());
      for (int r = 0; r < indices.length; r++) out[indices[r]] = hyps.get(r);
      done += indices.length;
      if (progress != null) progress.accept(done);
    }
    return new ArrayList<>(Arrays.asList(out));
  }

  /** The BLEU of bucket {@code label}, NaN when it is empty. */
  double bucketBleu(String label) {
    for (BucketedBleu.Bucket b : buckets) {
      if (b.label().equals(label)) return b.bleu().map(BleuScore::score).orElse(Double.NaN);
    }
    throw new IllegalArgumentException("no bucket '" + label + "'");
  }

  /** The scores as JSON values (NaN as null); hypotheses are not included. */
  Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("bleu", bleu.score());
    m.put("bleuText", bleu.toString());
    m.put("chrf", chrf);
    m.put("decodeSeconds", seconds);
    List<Object> rows = new ArrayList<>();
    for (BucketedBleu.Bucket b : buckets) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("bucket", b.label());
      row.put("lo", b.lo());
      row.put("hi", b.hi() == Integer.MAX_VALUE ? null : b.hi());
      row.put("sentences", b.sentences());
      row.put("bleu", b.bleu().map(BleuScore::score).orElse(null));
      rows.add(row);
    }
    m.put("buckets", rows);
    return m;
  }
}
