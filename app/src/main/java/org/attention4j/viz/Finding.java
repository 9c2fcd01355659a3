package org.attention4j.viz;

/**
 * One plain-language finding of the {@link AttentionDoctor}.
 *
 * @param severity how worried to be
 * @param code a stable name for scripts and tests ({@code UNIFORM}, {@code COLLAPSED}...)
 * @param head the head it is about, or null for the whole model
 * @param message what was seen, with the numbers
 * @param advice likely causes and what to check or change
 */
public record Finding(Severity severity, Code code, HeadKey head, String message, String advice) {
  /** How worried to be. */
  public enum Severity {
    /** Probably a bug or a model that has not learned. */
    ALARM,
    /** Unusual; may be fine for this task. */
    WARNING,
    /** Worth knowing; common in healthy models. */
    NOTE
  }

  /** What kind of finding. */
  public enum Code {
    UNIFORM, COLLAPSED, PADDING_LEAK, FUTURE_LEAK, NOT_NORMALISED, EMPTY_ROWS, NOT_MONOTONE, UNCOVERED_SOURCE,
    SPECIAL_TOKEN_SINK, CONSTANT_ACROSS_INPUTS, DUPLICATE_HEADS
  }

  public Finding {
    if (severity == null || code == null || message == null || advice == null) {
      throw new IllegalArgumentException("Finding: severity, code, message and advice are required");
    }
  }

  /** {@code ALARM cross layer 1 head 2: message — advice}. */
  @Override
  public String toString() {
    return severity + " " + (head == null ? "model" : head.describe()) + ": " + message + " — " + advice;
  }
}
