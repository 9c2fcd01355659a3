package org.attention4j.data.sword;

import java.io.IOException;
import java.io.Serial;

/**
 * A SWORD module file ({@code .conf}, {@code .bzs}, {@code .bzv}, {@code .bzz}) that is
 * malformed, truncated or uses a feature this reader does not support. The message
 * names the file, the line/entry/block and the rule that was broken, e.g.
 * {@code .../ot.bzv: entry 1532 points at block 88, but .../ot.bzs has 40 blocks}.
 */
public final class SwordFormatException extends IOException {
  @Serial private static final long serialVersionUID = 1L;

  public SwordFormatException(String message) {
    super(message);
  }

  public SwordFormatException(String message, Throwable cause) {
    super(message, cause);
  }
}
