package org.attention4j.data.corpus;

/**
 * One sentence (or message) in two languages.
 *
 * <p>No field may be empty or contain a tab, carriage return or line feed: that is what lets
 * a pair be one line of a corpus file ({@link ParallelCorpusFiles}). Importers reach this by
 * normalising whitespace ({@link TextCleaning#normalize}); there is no escaping.
 *
 * @param id a name for the pair that is unique in its corpus, e.g. {@code Gen.1.1},
 *     {@code git:1234}, {@code line:17}
 * @param source the source-language text
 * @param target the target-language text
 */
public record SentencePair(String id, String source, String target) {

  public SentencePair {
    check("id", id);
    check("source", source);
    check("target", target);
  }

  private static void check(String field, String s) {
    if (s.isEmpty()) {
      throw new IllegalArgumentException("SentencePair: empty " + field);
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\t' || c == '\n' || c == '\r') {
        throw new IllegalArgumentException("SentencePair: " + field + " contains a "
            + (c == '\t' ? "tab" : c == '\n' ? "line feed" : "carriage return") + " at index "
            + i + ": '" + s + "'");
      }
    }
  }
}
