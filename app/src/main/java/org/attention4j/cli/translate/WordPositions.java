package org.attention4j.cli.translate;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.attention4j.text.BpeTokenizer;
import org.attention4j.text.Tokenizer;

/**
 * Which word of a text each token of its encoding belongs to, so that links between subword
 * positions can be reported over words ({@link org.attention4j.eval.AttentionAlignment#toWords}).
 *
 * <p>A <b>word</b> is a maximal run of characters other than ASCII whitespace (space, tab, line
 * breaks, form feed, vertical tab; regex {@code \s}), counted from 0: the convention
 * of Pharaoh alignment files, whose corpora are tokenized so that words are space-separated (the
 * synthetic task's gold alignments count words this way). A token belongs to the word that holds
 * its first non-whitespace character; a token of only whitespace, or one that cannot be placed,
 * maps to -1 (its links are dropped).
 *
 * <p>How a token is placed in the text depends on the tokenizer:
 * <ul>
 *   <li>byte-level BPE: the tokens' bytes concatenate to the text's UTF-8 bytes, so each token
 *       covers the next {@code token.length()} bytes (one vocabulary character per byte);</li>
 *   <li>word and character tokenizers: each token's spelling is searched in the text from the end
 *       of the previous one (tokens are substrings of the text: {@code don't} gives {@code do} and
 *       {@code n't}).</li>
 * </ul>
 */
final class WordPositions {
  private WordPositions() {}

  /**
   * The word of each token of {@code tokenizer.encode(text)}.
   *
   * @return one entry per token: a word index from 0, or -1
   */
  static int[] ofText(Tokenizer tokenizer, String text) {
    return of(tokenizer, text, spellings(tokenizer, tokenizer.encode(text), text));
  }

  /**
   * The word of each of {@code ids} in {@code text}, the decoding of {@code ids} (a hypothesis);
   * unknown ids of word and character tokenizers read {@code <unk>} in both.
   */
  static int[] ofIds(Tokenizer tokenizer, int[] ids, String text) {
    List<String> spellings = new ArrayList<>(ids.length);
    for (int id : ids) spellings.add(tokenizer.vocabulary().token(id));
    return of(tokenizer, text, spellings);
  }

  /** The number of whitespace-separated words of {@code text}. */
  static int count(String text) {
    int words = 0;
    boolean inWord = false;
    for (int c = 0; c < text.length(); c++) {
      boolean space = isSpace(text.charAt(c));
      if (!space && !inWord) words++;
      inWord = !space;
    }
    return words;
  }

  private static boolean isSpace(int c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
  }

  private static List<String> spellings(Tokenizer tokenizer, int[] ids, String text) {
    if (tokenizer instanceof BpeTokenizer) {
      List<String> out = new ArrayList<>(ids.length);
      for (int id : ids) out.add(tokenizer.vocabulary().token(id));
      return out;
    }
    return tokenizer.tokens(text); // the text's own spelling of each token, unknown ones included
  }

  private static int[] of(Tokenizer tokenizer, String text, List<String> spellings) {
    return tokenizer instanceof BpeTokenizer ? byBytes(text, spellings) : bySearch(text, spellings);
  }

  /** Byte-level BPE: token {@code k} covers the next {@code spellings[k].length()} bytes. */
  private static int[] byBytes(String text, List<String> spellings) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    int[] wordOfByte = new int[bytes.length];
    int word = -1;
    boolean inWord = false;
    for (int b = 0; b < bytes.length; b++) {
      boolean space = isSpace(bytes[b]);
      if (!space && !inWord) word++;
      inWord = !space;
      wordOfByte[b] = space ? -1 : word;
    }
    int[] out = new int[spellings.size()];
    int at = 0;
    for (int k = 0; k < out.length; k++) {
      int end = Math.min(bytes.length, at + spellings.get(k).length());
      out[k] = -1;
      for (int b = at; b < end && out[k] < 0; b++) out[k] = wordOfByte[b];
      at = end;
    }
    return out;
  }

  /** Other tokenizers: each spelling is found in the text after the previous one. */
  private static int[] bySearch(String text, List<String> spellings) {
    int[] wordOfChar = new int[text.length()];
    int word = -1;
    boolean inWord = false;
    for (int c = 0; c < text.length(); c++) {
      boolean space = isSpace(text.charAt(c));
      if (!space && !inWord) word++;
      inWord = !space;
      wordOfChar[c] = space ? -1 : word;
    }
    int[] out = new int[spellings.size()];
    int at = 0;
    for (int k = 0; k < out.length; k++) {
      String s = spellings.get(k);
      int found = s.isEmpty() ? -1 : text.indexOf(s, at);
      out[k] = -1;
      if (found < 0) continue;
      int end = found + s.length();
      for (int c = found; c < end && out[k] < 0; c++) out[k] = wordOfChar[c];
      at = end;
    }
    return out;
  }
}
