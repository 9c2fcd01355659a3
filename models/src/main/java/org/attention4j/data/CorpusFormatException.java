package org.attention4j.data;

import java.io.IOException;
import java.io.Serial;

/**
 * A corpus file that does not parse: the message names the file (or resource), the line
 * and what was expected, e.g. {@code kjv-rv1909.tsv.gz: line 12: expected 4
 * tab-separated fields (ref, split, source, target), found 3}.
 */
public final class CorpusFormatException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  public CorpusFormatException(String message) {
    super(message);
  }

  public CorpusFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
