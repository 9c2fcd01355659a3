package org.attention4j.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable list of token strings, one id each, that holds the four special tokens of {@link
 * Tokenizer} ({@code <pad>}, {@code <unk>}, {@code <s>}, {@code </s>}). Vocabularies that this
 * package builds put them at ids 0–3; a vocabulary read from a file may have them anywhere.
 */
public final class Vocabulary {
  /**
   * The order of tokens of equal frequency: by code points, so that U+FFFD sorts before
   * an emoji (plain {@link String#compareTo} compares UTF-16 units and would not).
   */
  public static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
    int i = 0, j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i), cb = b.codePointAt(j);
      if (ca != cb) return Integer.compare(ca, cb);
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  };

  private final List<String> tokens;
  private final Map<String, Integer> ids;
  private final int pad, unk, bos, eos;

  private Vocabulary(List<String> tokens, Map<String, Integer> ids) {
    this.tokens = tokens;
    this.ids = ids;
    this.pad = ids.get(Tokenizer.PAD);
    this.unk = ids.get(Tokenizer.UNK);
    this.bos = ids.get(Tokenizer.BOS);
    this.eos = ids.get(Tokenizer.EOS);
  }

  /**
   * A vocabulary of exactly these tokens, id = list index.
   *
   * @throws IllegalArgumentException if a token is null or repeats, or a special token is missing:
   *     {@code Vocabulary.of: token "the" repeats at ids 5 and 9}
   */
  public static Vocabulary of(List<String> tokens) {
    Map<String, Integer> ids = new HashMap<>(tokens.size() * 2);
    for (int i = 0; i < tokens.size(); i++) {
      String t = tokens.get(i);
      if (t == null) throw new IllegalArgumentException("Vocabulary.of: token " + i + " is null");
      Integer prev = ids.putIfAbsent(t, i);
      if (prev != null) {
        throw new IllegalArgumentException("Vocabulary.of: token " + quote(t) + " repeats at ids "
            + prev + " and " + i);
      }
    }
    for (String s : Tokenizer.SPECIALS) {
      if (!ids.containsKey(s)) {
        throw new IllegalArgumentException("Vocabulary.of: special token " + s + " is missing");
      }
    }
    return new Vocabulary(List.copyOf(tokens), Map.copyOf(ids));
  }

  /**
   * The specials (ids 0–3) followed by the tokens that occur at least {@code minFrequency} times,
   * most frequent first, ties in {@link #CODE_POINT_ORDER}, cut at {@code maxSize} ids in all.
   * Tokens spelled like a special token are left out.
   *
   * @param counts token frequencies
   * @param minFrequency the least count a token needs, at least 1
   * @param maxSize the most ids, specials included, at least 4
   * @throws IllegalArgumentException if {@code minFrequency < 1} or {@code maxSize < 4}
   */
  public static Vocabulary build(Map<String, Long> counts, int minFrequency, int maxSize) {
    if (minFrequency < 1) {
      throw new IllegalArgumentException("Vocabulary.build: minFrequency must be >= 1, got "
          + minFrequency);
    }
    if (maxSize < Tokenizer.SPECIALS.size()) {
      throw new IllegalArgumentException("Vocabulary.build: maxSize must be >= "
          + Tokenizer.SPECIALS.size() + " (the special tokens), got " + maxSize);
    }
    List<Map.Entry<String, Long>> kept = new ArrayList<>();
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() >= minFrequency && !Tokenizer.SPECIALS.contains(e.getKey())) kept.add(e);
    }
    kept.sort(Map.Entry.<String, Long>comparingByValue().reversed()
        .thenComparing(Map.Entry::getKey, CODE_POINT_ORDER));
    List<String> tokens = new ArrayList<>(Tokenizer.SPECIALS);
    for (Map.Entry<String, Long> e : kept) {
      if (tokens.size() >= maxSize) break;
      tokens.add(e.getKey());
    }
    return of(tokens);
  }

  /** Number of ids. */
  public int size() {
    return tokens.size();
  }

  /** The id of {@code token}, or {@link #unkId()} if it is not in the vocabulary. */
  public int id(String token) {
    Integer id = ids.get(token);
    return id == null ? unk : id;
  }

  /** Whether {@code token} has an id of its own. */
  public boolean contains(String token) {
    return ids.containsKey(token);
  }

  /**
   * The token of {@code id}.
   *
   * @throws IllegalArgumentException if {@code id} is outside {@code [0, size())}
   */
  public String token(int id) {
    if (id < 0 || id >= tokens.size()) {
      throw new IllegalArgumentException("Vocabulary.token: id " + id + " is outside [0, "
          + tokens.size() + ")");
    }
    return tokens.get(id);
  }

  /** All tokens in id order (unmodifiable). */
  public List<String> tokens() {
    return tokens;
  }

  public int padId() {
    return pad;
  }

  public int unkId() {
    return unk;
  }

  public int bosId() {
    return bos;
  }

  public int eosId() {
    return eos;
  }

  /** Whether {@code id} is one of the four special tokens. */
  public boolean isSpecial(int id) {
    return id == pad || id == unk || id == bos || id == eos;
  }

  /** Checks that every id is in range; {@code op} starts the message. */
  void checkIds(String op, int[] ids) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= tokens.size()) {
        throw new IllegalArgumentException(op + ": id " + ids[i] + " at position " + i
            + " is outside [0, " + tokens.size() + ")");
      }
    }
  }

  static String quote(String s) {
    return org.attention4j.io.Json.write(s, false);
  }
}
