package org.attention4j.text;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;

/**
 * Byte-level byte-pair encoding (Sennrich et al. 2016, "Neural Machine Translation of Rare Words
 * with Subword Units"; byte-level as in GPT-2, Radford et al. 2019). Text is cut into pieces by
 * GPT-2's pre-tokenizer pattern (a piece keeps the space before it; printf placeholders such as
 * {@code %1$s} stay whole), each piece becomes its UTF-8 bytes, and the merges join adjacent
 * symbols, lowest rank first, until none applies.
 *
 * <p>Why byte-level: every text encodes without {@code <unk>} (Spanish accents, Chinese, emoji are
 * bytes like any other), {@code decode(encode(s))} returns {@code s} exactly, spaces included,
 * and the Hugging Face {@code tokenizers} library reproduces the encoding from the saved {@code
 * tokenizer.json} ({@link TokenizerJson}). Like that library, {@link #encode} reads the literal
 * texts {@code <pad>}, {@code <unk>}, {@code <s>} and {@code </s>} as the special tokens.
 *
 * <p>{@link #tokens} spells tokens as the vocabulary does: bytes as GPT-2's printable stand-ins
 * ({@code "Ġworld"} for {@code " world"}; a Chinese character that is not a token of its own
 * shows as two or three byte symbols).
 */
public final class BpeTokenizer implements Tokenizer {
  /** One merge rule: the adjacent symbols {@code left}, {@code right} become {@code left + right}. */
  public record Merge(String left, String right) {
    public Merge {
      if (left == null || right == null || left.isEmpty() || right.isEmpty()) {
        throw new IllegalArgumentException("BpeTokenizer.Merge: both sides must be non-empty, got \""
            + left + "\" and \"" + right + "\"");
      }
    }
  }

  private static final int CACHE_LIMIT = 1 << 16;

  private final Vocabulary vocabulary;
  private final List<Merge> merges;
  private final Map<Long, Long> rules; // (left id, right id) -> (rank, merged id)
  private final int[] byteIds = new int[256];
  private final Map<String, int[]> cache = new ConcurrentHashMap<>();

  private BpeTokenizer(Vocabulary vocabulary, List<Merge> merges, Map<Long, Long> rules) {
    this.vocabulary = vocabulary;
    this.merges = merges;
    this.rules = rules;
    for (int b = 0; b < 256; b++) byteIds[b] = vocabulary.id(String.valueOf(ByteLevel.charOf(b)));
  }

  /**
   * A tokenizer with these tokens and merges (rank = list index).
   *
   * @throws IllegalArgumentException if a merge's sides or result are not in the vocabulary, or
   *     a merge repeats: {@code BpeTokenizer: merge 3 ("a" "b"): result "ab" is not in the
   *     vocabulary}
   */
  public static BpeTokenizer of(Vocabulary vocabulary, List<Merge> merges) {
    Map<Long, Long> rules = new HashMap<>(merges.size() * 2);
    for (int rank = 0; rank < merges.size(); rank++) {
      Merge m = merges.get(rank);
      String where = "BpeTokenizer: merge " + rank + " (" + Vocabulary.quote(m.left()) + " "
          + Vocabulary.quote(m.right()) + "): ";
      requireToken(vocabulary, m.left(), where + "left side ");
      requireToken(vocabulary, m.right(), where + "right side ");
      requireToken(vocabulary, m.left() + m.right(), where + "result ");
      long key = pair(vocabulary.id(m.left()), vocabulary.id(m.right()));
      Long prev = rules.put(key, ((long) rank << 32) | vocabulary.id(m.left() + m.right()));
      if (prev != null) {
        throw new IllegalArgumentException(where + "repeats merge " + (prev >>> 32));
      }
    }
    return new BpeTokenizer(vocabulary, List.copyOf(merges), rules);
  }

  private static void requireToken(Vocabulary v, String token, String what) {
    if (!v.contains(token)) {
      throw new IllegalArgumentException(what + Vocabulary.quote(token) + " is not in the vocabulary");
    }
  }

  static long pair(int left, int right) {
    return ((long) left << 32) | (right & 0xFFFFFFFFL);
  }

  /** The merges in rank order (unmodifiable). */
  public List<Merge> merges() {
    return merges;
  }

  @Override
  public Vocabulary vocabulary() {
    return vocabulary;
  }

  @Override
  public int[] encode(String text) {
    IntBuffer out = new IntBuffer();
    TextPatterns.forEachSegment(text, segment -> encodeSegment(segment, out),
        s -> out.add(vocabulary.id(s)));
    return out.toArray();
  }

  /** A growable int array, so that encoding boxes nothing. */
  private static final class IntBuffer {
    private int[] data = new int[64];
    private int size;

    void add(int v) {
      if (size == data.length) data = java.util.Arrays.copyOf(data, size * 2);
      data[size++] = v;
    }

    int[] toArray() {
      return java.util.Arrays.copyOf(data, size);
    }
  }

  private void encodeSegment(String segment, IntBuffer out) {
    if (segment.isEmpty()) return;
    Matcher m = TextPatterns.BYTE_LEVEL_PATTERN.matcher(segment);
    while (m.find()) {
      for (int id : encodePiece(m.group())) out.add(id);
    }
  }

  /** The ids of one pre-tokenized piece (cached; the cache is cleared when it grows large). */
  int[] encodePiece(String piece) {
    int[] cached = cache.get(piece);
    if (cached != null) return cached;
    byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
    int[] syms = new int[bytes.length];
    for (int i = 0; i < bytes.length; i++) syms[i] = byteIds[bytes[i] & 0xFF];
    int n = syms.length;
    while (n > 1) {
      long best = Long.MAX_VALUE;
      for (int i = 0; i + 1 < n; i++) {
        Long rule = rules.get(pair(syms[i], syms[i + 1]));
        if (rule != null && rule < best) best = rule;
      }
      if (best == Long.MAX_VALUE) break;
      int rank = (int) (best >>> 32), merged = (int) best;
      Merge rule = merges.get(rank);
      int left = vocabulary.id(rule.left()), right = vocabulary.id(rule.right());
      int w = 0;
      for (int r = 0; r < n; r++) {
        if (r + 1 < n && syms[r] == left && syms[r + 1] == right) {
          syms[w++] = merged;
          r++;
        } else {
          syms[w++] = syms[r];
        }
      }
      n = w;
    }
    int[] ids = java.util.Arrays.copyOf(syms, n);
    if (cache.size() >= CACHE_LIMIT) cache.clear();
    cache.put(piece, ids);
    return ids;
  }

  /**
   * The text of {@code ids}: the bytes of the tokens read as UTF-8 (an incomplete or invalid
   * sequence becomes U+FFFD), padding and sentence markers skipped, {@code <unk>} as its text.
   */
  @Override
  public String decode(int[] ids) {
    vocabulary.checkIds("BpeTokenizer.decode", ids);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int id : ids) {
      if (id == vocabulary.padId() || id == vocabulary.bosId() || id == vocabulary.eosId()) continue;
      ByteLevel.appendBytes(vocabulary.token(id), bytes);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Override
  public List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    for (int id : encode(text)) out.add(vocabulary.token(id));
    return out;
  }

  /** The pieces that the pre-tokenizer cuts {@code text} into (before bytes and merges). */
  public static List<String> preTokenize(String text) {
    List<String> out = new ArrayList<>();
    Matcher m = TextPatterns.BYTE_LEVEL_PATTERN.matcher(text);
    while (m.find()) out.add(m.group());
    return out;
  }

  @Override
  public String toString() {
    return "BpeTokenizer[" + vocabulary.size() + " ids, " + merges.size() + " merges]";
  }
}
