package org.attention4j.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attention4j.data.corpus.HashSplit;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.data.synthetic.ReorderingGrammar;
import org.attention4j.data.synthetic.SyntheticImporter;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.text.WordTokenizer;

/** Small synthetic corpora, a shared word tokenizer and tiny models of each family. */
final class TrainFixtures {
  /** One clause, at most one adjective and one prepositional phrase: sources of 3..11 words. */
  static final ReorderingGrammar.Config SMALL = new ReorderingGrammar.Config(20, 10, 10, 4, 1, 1, 1, 1);

  private TrainFixtures() {}

  /** About 10% dev, 10% test. */
  static ParallelCorpus corpus(long seed, int pairs) {
    return SyntheticImporter.generate(new SyntheticImporter.Options(SMALL, seed, pairs, new HashSplit(100, 100), null))
        .corpus();
  }

  static WordTokenizer tokenizer(ParallelCorpus corpus) {
    List<String> texts = new ArrayList<>();
    for (SentencePair p : corpus.all()) {
      texts.add(p.source());
      texts.add(p.target());
    }
    return WordTokenizer.build(texts, 1, 10_000);
  }

  static Map<String, Object> tinyConfig(String type, double dropout) {
    if (type.equals(Seq2SeqModels.TRANSFORMER)) {
      return Map.of("dModel", 16, "heads", 2, "encoderLayers", 1, "decoderLayers", 1, "ffDim", 32, "dropout", dropout,
          "attentionDropout", dropout, "activationDropout", dropout, "maxLength", 64);
    }
    return Map.of("embedDim", 8, "hiddenDim", 16, "attentionDim", 16, "dropout", dropout, "encoderLayers", 1,
        "decoderLayers", 1);
  }

  static Seq2SeqModel model(String type, WordTokenizer t, StepRandom rng, double dropout) {
    return Seq2SeqModels.create(type, t.vocabSize(), t.vocabSize(), t.padId(), tinyConfig(type, dropout), rng);
  }
}
