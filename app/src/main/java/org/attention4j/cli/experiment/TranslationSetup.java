package org.attention4j.cli.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.attention4j.data.corpus.BibleImporter;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.eval.BleuTokenizer;
import org.attention4j.text.BpeTrainer;
import org.attention4j.text.Tokenizer;
import org.attention4j.text.WordTokenizer;
import org.attention4j.train.EncodedSplit;
import org.attention4j.train.LengthPolicy;
import org.attention4j.train.TranslationData;

/**
 * The data of a translation experiment: a parallel corpus, one tokenizer per side built from its
 * training split, the encoded train/dev splits the trainer reads, and the encoded test split that
 * is decoded and scored. Both models of a comparison share one setup, so they see the same ids.
 *
 * @param name the corpus as printed ({@code bundled:bible} or the directory)
 * @param corpus the corpus
 * @param sourceTokenizer built on the training sources
 * @param targetTokenizer built on the training targets
 * @param data train and dev pairs after the training length filter
 * @param test every test pair (no length filter: long sentences are the point)
 * @param tokenizer how the tokenizers were made, for reports ({@code word, 4000 ids per side})
 */
record TranslationSetup(String name, ParallelCorpus corpus, Tokenizer sourceTokenizer, Tokenizer targetTokenizer,
    TranslationData data, EncodedSplit test, String tokenizer) {

  /** The corpus spelling of the bundled KJV → Reina-Valera 1909 corpus. */
  static final String BUNDLED_BIBLE = "bundled:bible";

  /** Kinds of tokenizer an experiment can build. */
  enum TokenizerKind {
    /** {@link WordTokenizer}: Moses-style words, the most frequent {@code vocab} per side. */
    WORD,
    /** Byte-level BPE ({@link BpeTrainer}), {@code vocab} ids per side. */
    BPE;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * Reads a corpus: {@value #BUNDLED_BIBLE} or a corpus directory ({@link ParallelCorpusFiles}).
   *
   * @throws IllegalArgumentException if the spelling is neither, or the corpus has no test pairs
   * @throws IOException if the directory cannot be read (the message names the file)
   */
  static ParallelCorpus loadCorpus(String spec) throws IOException {
    ParallelCorpus corpus;
    if (spec.equals(BUNDLED_BIBLE)) {
      corpus = BibleImporter.bundled();
    } else if (spec.startsWith("bundled:")) {
      throw new IllegalArgumentException("--corpus: unknown bundled corpus '" + spec + "'; the only one is "
          + BUNDLED_BIBLE);
    } else {
      Path dir = Path.of(spec);
      if (!Files.isDirectory(dir)) {
        throw new IllegalArgumentException("--corpus: " + spec + " is neither " + BUNDLED_BIBLE
            + " nor a corpus directory (make one with 'attn data import')");
      }
      corpus = ParallelCorpusFiles.read(dir);
    }
    if (corpus.test().isEmpty()) {
      throw new IllegalArgumentException("--corpus: " + spec + " has no test pairs to score");
    }
    return corpus;
  }

  /**
   * Builds the tokenizers on the training split and encodes the splits.
   *
   * @param vocab ids per side, specials included
   * @param maxLength training pairs longer than this many tokens on either side are left out
   *     (0: none); the test split is never filtered
   * @throws IllegalArgumentException if no training pair is left
   */
  static TranslationSetup prepare(String name, ParallelCorpus corpus, TokenizerKind kind, int vocab, int maxLength) {
    List<String> sources = corpus.train().stream().map(SentencePair::source).toList();
    List<String> targets = corpus.train().stream().map(SentencePair::target).toList();
    Tokenizer src;
    Tokenizer tgt;
    switch (kind) {
      case WORD -> {
        src = WordTokenizer.build(sources, 1, vocab);
        tgt = WordTokenizer.build(targets, 1, vocab);
      }
      case BPE -> {
        var config = new BpeTrainer.Config(vocab, 2);
        src = BpeTrainer.train(sources, config);
        tgt = BpeTrainer.train(targets, config);
      }
      default -> throw new AssertionError(kind);
    }
    TranslationData data = TranslationData.encode("corpus " + name, corpus, src, tgt, LengthPolicy.maxTokens(maxLength));
    EncodedSplit test = EncodedSplit.encode("corpus " + name, corpus.test(), src, tgt, LengthPolicy.maxTokens(0));
    String tokenizer = String.format(Locale.ROOT, "%s, %d source and %d target ids", kind.label(), src.vocabSize(),
        tgt.vocabSize());
    return new TranslationSetup(name, corpus, src, tgt, data, test, tokenizer);
  }

  /**
   * The source length by which test sentences are bucketed: words of sacreBLEU's {@code 13a}
   * tokenizer, so buckets do not depend on the model's vocabulary (Bahdanau et al. 2015 count
   * words too).
   */
  static int sourceWords(String source) {
    String t = BleuTokenizer.THIRTEEN_A.tokenize(source).strip();
    return t.isEmpty() ? 0 : t.split(" +").length;
  }

  /** The BLEU tokenizer for the target language: sacreBLEU's {@code zh} for Chinese, else {@code 13a}. */
  BleuTokenizer bleuTokenizer() {
    return corpus.info().targetLang().toLowerCase(Locale.ROOT).startsWith("zh") ? BleuTokenizer.ZH
        : BleuTokenizer.THIRTEEN_A;
  }

  /** {@link #sourceWords} of every test pair, in order. */
  List<Integer> testSourceWords() {
    return test.pairs().stream().map(p -> sourceWords(p.pair().source())).toList();
  }
}
