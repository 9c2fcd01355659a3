package org.attention4j.cli.translate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import org.attention4j.data.corpus.BibleImporter;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.eval.BleuTokenizer;

/**
 * A {@code --corpus} value read: a corpus directory ({@code attn data import ...}) or {@code
 * bundled:bible}, the King James -> Reina-Valera 1909 corpus inside the jar.
 *
 * @param spec the value as given
 * @param where how messages name it: {@code corpus DIR}
 * @param corpus the pairs
 */
record CorpusSource(String spec, String where, ParallelCorpus corpus) {
  /** The {@code --corpus} value of the bundled Bible. */
  static final String BUNDLED_BIBLE = "bundled:bible";

  /**
   * Reads {@code spec}.
   *
   * @throws IOException if the directory is not a corpus (missing {@code corpus.json} or split)
   * @throws IllegalArgumentException for another {@code bundled:} name
   */
  static CorpusSource read(String spec) throws IOException {
    if (spec.equals(BUNDLED_BIBLE)) return new CorpusSource(spec, "corpus " + spec, BibleImporter.bundled());
    if (spec.startsWith("bundled:")) {
      throw new IllegalArgumentException("unknown bundled corpus '" + spec + "'; the bundled one is " + BUNDLED_BIBLE);
    }
    Path dir = Path.of(spec);
    if (!Files.isDirectory(dir)) {
      throw new NoSuchFileException(spec, null, "no such corpus directory (build one with 'attn data import ...',"
          + " or use " + BUNDLED_BIBLE + ")");
    }
    return new CorpusSource(spec, "corpus " + spec, ParallelCorpusFiles.read(dir));
  }

  /** sacreBLEU's tokenizer for the target language: {@code zh} for Chinese, else {@code 13a}. */
  BleuTokenizer bleuTokenizer() {
    return bleuTokenizer(corpus.info().targetLang());
  }

  /** {@code zh} for a Chinese language code ({@code zh}, {@code zh_CN}, {@code zh-TW}), else {@code 13a}. */
  static BleuTokenizer bleuTokenizer(String lang) {
    String l = lang.toLowerCase(Locale.ROOT);
    return l.equals("zh") || l.startsWith("zh_") || l.startsWith("zh-") ? BleuTokenizer.ZH : BleuTokenizer.THIRTEEN_A;
  }
}
