package org.attention4j.data.corpus;

/**
 * The filters that {@link CorpusAssembler} applies after {@link TextCleaning#normalize}, with
 * all defaults in {@link #DEFAULTS}.
 *
 * @param maxTokens drop a pair when either side has more tokens ({@link TextCleaning#tokens});
 *     default 128
 * @param maxChars drop a pair when either side has more code points; default 1000
 * @param maxLengthRatio drop a pair when one side's UTF-8 byte length is more than this many
 *     times the other's; default 3.0. Bytes, not tokens or characters, because they compare
 *     across scripts: a CJK character is 3 bytes. Measured on the English → X gettext catalogs
 *     (pairs of 6+ tokens), the median target/source byte ratio is 0.97 for zh_CN, 1.23 for
 *     de, 1.32 for fr, 1.54 for ja, and 3.0 cuts about 0.1% of zh_CN/fr/de pairs and 1% of ja
 *     (while the token ratio's median is 1.8 for zh_CN and 3.0 for ja)
 * @param ratioMinTokens apply the ratio rule only when the longer side has at least this many
 *     tokens ({@link TextCleaning#tokens}; short labels such as "OK" → "确定" have unstable
 *     ratios); default 6
 * @param dropIdentical drop pairs whose target equals their source (untranslated copies, bare
 *     option names, numbers); default false, the gettext importer turns it on
 * @param dedup what to do with repeated pairs and sources; default {@link Dedup#EXACT}
 */
public record CleaningOptions(int maxTokens, int maxChars, double maxLengthRatio,
    int ratioMinTokens, boolean dropIdentical, Dedup dedup) {

  /** How repeats are removed. Both run over all splits and keep the first occurrence's id. */
  public enum Dedup {
    /** Keep the first occurrence of each exact (source, target) pair. */
    EXACT,
    /**
     * One pair per source: the target seen most often with that source, ties broken by the
     * lexicographically smallest target ({@link String#compareTo}, UTF-16 order). For corpora
     * like gettext catalogs where the same message is translated in many packages.
     */
    MAJORITY_PER_SOURCE
  }

  /** The defaults described above. */
  public static final CleaningOptions DEFAULTS =
      new CleaningOptions(128, 1000, 3.0, 6, false, Dedup.EXACT);

  public CleaningOptions {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("CleaningOptions: maxTokens must be >= 1, got "
          + maxTokens);
    }
    if (maxChars < 1) {
      throw new IllegalArgumentException("CleaningOptions: maxChars must be >= 1, got "
          + maxChars);
    }
    if (!(maxLengthRatio >= 1.0)) {
      throw new IllegalArgumentException("CleaningOptions: maxLengthRatio must be >= 1.0, got "
          + maxLengthRatio);
    }
    if (ratioMinTokens < 1) {
      throw new IllegalArgumentException("CleaningOptions: ratioMinTokens must be >= 1, got "
          + ratioMinTokens);
    }
    if (dedup == null) {
      throw new IllegalArgumentException("CleaningOptions: dedup must not be null");
    }
  }

  /** These options with other token and character limits. */
  public CleaningOptions withMaxLength(int tokens, int chars) {
    return new CleaningOptions(tokens, chars, maxLengthRatio, ratioMinTokens, dropIdentical,
        dedup);
  }

  /** These options with another ratio rule. */
  public CleaningOptions withRatio(double ratio, int minTokens) {
    return new CleaningOptions(maxTokens, maxChars, ratio, minTokens, dropIdentical, dedup);
  }

  /** These options with {@code dropIdentical} set. */
  public CleaningOptions withDropIdentical(boolean drop) {
    return new CleaningOptions(maxTokens, maxChars, maxLengthRatio, ratioMinTokens, drop, dedup);
  }

  /** These options with another dedup rule. */
  public CleaningOptions withDedup(Dedup d) {
    return new CleaningOptions(maxTokens, maxChars, maxLengthRatio, ratioMinTokens,
        dropIdentical, d);
  }
}
