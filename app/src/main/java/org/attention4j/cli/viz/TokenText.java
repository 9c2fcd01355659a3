package org.attention4j.cli.viz;

import java.util.ArrayList;
import java.util.List;
import org.attention4j.text.Tokenizer;

/**
 * Token ids as the strings the pictures label rows and columns with: each id decoded alone
 * ({@code Tokenizer#decode}, so byte-level BPE pieces read as text), trimmed; the vocabulary's
 * spelling where that gives nothing readable (a space, part of a multi-byte character); and, for
 * a source whose text is known, the text's own piece for an unknown word instead of {@code <unk>}.
 */
final class TokenText {
  private TokenText() {}

  /** One label per id of {@code tokenizer.encode(text)}. */
  static List<String> source(Tokenizer tokenizer, String text, int[] ids) {
    List<String> pieces = tokenizer.tokens(text);
    List<String> out = new ArrayList<>(ids.length);
    for (int i = 0; i < ids.length; i++) {
      boolean unknown = ids[i] == tokenizer.unkId() && pieces.size() == ids.length;
      out.add(unknown ? pieces.get(i) : label(tokenizer, ids[i]));
    }
    return out;
  }

  /** One label per id. */
  static List<String> of(Tokenizer tokenizer, int[] ids) {
    List<String> out = new ArrayList<>(ids.length);
    for (int id : ids) out.add(label(tokenizer, id));
    return out;
  }

  static String label(Tokenizer tokenizer, int id) {
    String raw = tokenizer.vocabulary().token(id);
    if (tokenizer.vocabulary().isSpecial(id)) return raw;
    String text = tokenizer.decode(new int[] {id}).strip();
    return text.isEmpty() || text.indexOf('\uFFFD') >= 0 ? raw : text;
  }
}
