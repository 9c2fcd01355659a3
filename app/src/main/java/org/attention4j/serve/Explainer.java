package org.attention4j.serve;

import java.util.Map;
import org.attention4j.viz.AttentionView;

/**
 * What the live page asks a model: translate a sentence (or teacher-force a given target) and
 * hand over every attention map. The server knows no model family; the command that starts it
 * supplies this. Calls come one at a time (the server serialises them).
 */
public interface Explainer {
  /**
   * One answer.
   *
   * @param view the sentence's attention, every layer and head
   * @param translation the target text: the decoded translation, or the reference given
   * @param decoded true when decoded, false when {@code target} was teacher-forced
   */
  record Explanation(AttentionView view, String translation, boolean decoded) {}

  /**
   * Explains {@code source}.
   *
   * @param target a reference to teacher-force, or {@code null} to translate
   * @throws IllegalArgumentException for input the model cannot take (the message is shown to the
   *     user: {@code the source encodes to no tokens})
   */
  Explanation explain(String source, String target);

  /** Facts about the model for {@code GET /api/model} (JSON-compatible values). */
  Map<String, Object> describe();
}
