package org.attention4j.train;

import java.io.IOException;
import java.nio.file.Path;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.text.Tokenizer;

/**
 * What a translation trainer reads: the train and dev splits of a {@link ParallelCorpus} as
 * ids, after a {@link LengthPolicy}.
 *
 * @param where the corpus, as messages name it ({@code corpus data/bible})
 * @param train training pairs, at least one
 * @param dev development pairs (may be empty; then there is no dev loss, BLEU or early stopping)
 */
public record TranslationData(String where, EncodedSplit train, EncodedSplit dev) {

  /**
   * Reads a corpus directory ({@link ParallelCorpusFiles#read}) and encodes it.
   *
   * @throws IllegalArgumentException as {@link #encode}
   * @throws IOException if the corpus cannot be read (the message names the file)
   */
  public static TranslationData load(Path corpusDir, Tokenizer source, Tokenizer target, LengthPolicy policy)
      throws IOException {
    return encode("corpus " + corpusDir, ParallelCorpusFiles.read(corpusDir), source, target, policy);
  }

  /**
   * Encodes the train and dev splits of {@code corpus}.
   *
   * @param where names the corpus in messages ({@code "corpus " + dir})
   * @throws IllegalArgumentException if no training pair is left ({@code corpus DIR has no
   *     training pairs after filtering to 50 tokens (1200 longer, 0 empty)}), or a pair exceeds the
   *     model's limit without truncation (see {@link EncodedSplit#encode})
   */
  public static TranslationData encode(String where, ParallelCorpus corpus, Tokenizer source, Tokenizer target,
      LengthPolicy policy) {
    EncodedSplit train = EncodedSplit.encode(where, corpus.train(), source, target, policy);
    if (train.size() == 0) {
      String filter = policy.maxTokens() > 0 ? " after filtering to " + policy.maxTokens() + " tokens" : "";
      throw new IllegalArgumentException(where + " has no training pairs" + filter + " (" + train.input() + " in the"
          + " train split: " + train.tooLong() + " longer, " + train.empty() + " encode to no tokens)");
    }
    EncodedSplit dev = EncodedSplit.encode(where, corpus.dev(), source, target, policy);
    return new TranslationData(where, train, dev);
  }
}
