package org.attention4j.cli.data;

import org.attention4j.data.corpus.CleaningOptions;
import picocli.CommandLine.Option;

/** The cleaning options that the bible, gettext and tsv importers share ({@link CleaningOptions}). */
final class CleaningMixin {
  @Option(names = "--max-tokens", paramLabel = "N", order = 50,
      description = "Drop pairs with more tokens on either side (default: 128).")
  Integer maxTokens;

  @Option(names = "--max-chars", paramLabel = "N", order = 51,
      description = "Drop pairs with more characters on either side (default: 1000).")
  Integer maxChars;

  @Option(names = "--max-ratio", paramLabel = "R", order = 52,
      description = "Drop pairs whose sides' UTF-8 lengths differ more than R times (default: 3.0).")
  Double maxRatio;

  @Option(names = "--ratio-min-tokens", paramLabel = "N", order = 53,
      description = "Apply --max-ratio only when the longer side has N tokens or more (default: 6).")
  Integer ratioMinTokens;

  @Option(names = "--drop-identical", negatable = true, order = 54,
      description = "Drop pairs whose target equals the source (default: on for gettext, off otherwise).")
  Boolean dropIdentical;

  /** Whether any cleaning option was given. */
  boolean given() {
    return maxTokens != null || maxChars != null || maxRatio != null || ratioMinTokens != null || dropIdentical != null;
  }

  /**
   * {@code base} with the given options applied.
   *
   * @throws IllegalArgumentException if a value is out of range
   */
  CleaningOptions apply(CleaningOptions base) {
    CleaningOptions c = base.withMaxLength(maxTokens != null ? maxTokens : base.maxTokens(),
        maxChars != null ? maxChars : base.maxChars());
    c = c.withRatio(maxRatio != null ? maxRatio : c.maxLengthRatio(),
        ratioMinTokens != null ? ratioMinTokens : c.ratioMinTokens());
    return dropIdentical != null ? c.withDropIdentical(dropIdentical) : c;
  }
}
