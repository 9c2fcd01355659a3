package org.attention4j.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attention4j.io.Json;

/**
 * Saves and loads tokenizers as Hugging Face {@code tokenizer.json} files (the format of the
 * {@code tokenizers} library, version "1.0"), so that {@code Tokenizer.from_file} in Python encodes
 * text to the same ids as this package:
 *
 * <table>
 *   <caption>What each tokenizer becomes</caption>
 *   <tr><th>tokenizer</th><th>model</th><th>pre_tokenizer</th><th>decoder</th></tr>
 *   <tr><td>{@link BpeTokenizer}</td><td>{@code BPE} (vocab, merges as {@code [left, right]}
 *       pairs)</td><td>{@code Sequence} of {@code Split} (the byte-level pattern, isolated) and
 *       {@code ByteLevel} (no regex, no prefix space)</td><td>{@code ByteLevel}</td></tr>
 *   <tr><td>{@link WordTokenizer}</td><td>{@code WordLevel}</td><td>{@code Split} (the word
 *       pattern, inverted, matches kept, the rest removed)</td><td>none: Python joins tokens with
 *       spaces, {@link WordTokenizer#decode} restores natural spacing</td></tr>
 *   <tr><td>{@link CharTokenizer}</td><td>{@code WordLevel}</td><td>{@code Split} (one code point,
 *       isolated)</td><td>{@code Fuse}</td></tr>
 * </table>
 *
 * The four special tokens are {@code added_tokens} ({@code special: true}, not normalized);
 * there is no normalizer and no post-processor. Loading accepts what saving writes (and the
 * older {@code "left right"} spelling of merges) and rejects everything else with the file, the
 * JSON path and what was expected: {@code tokenizer.json: $.model.merges[3]: expected a pair of
 * strings [left, right] or "left right", got 5}.
 */
public final class TokenizerJson {
  private TokenizerJson() {}

  /** The JSON text of {@code tokenizer}, pretty-printed. */
  public static String toJson(Tokenizer tokenizer) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", "1.0");
    root.put("truncation", null);
    root.put("padding", null);
    root.put("added_tokens", addedTokens(tokenizer.vocabulary()));
    root.put("normalizer", null);
    switch (tokenizer) {
      case BpeTokenizer bpe -> {
        root.put("pre_tokenizer", bpePreTokenizer());
        root.put("post_processor", null);
        root.put("decoder", byteLevel(true, true));
        root.put("model", bpeModel(bpe));
      }
      case WordTokenizer word -> {
        root.put("pre_tokenizer", split(TextPatterns.WORD, "Removed", true));
        root.put("post_processor", null);
        root.put("decoder", null);
        root.put("model", wordLevel(word.vocabulary()));
      }
      case CharTokenizer chars -> {
        root.put("pre_tokenizer", split(TextPatterns.CHAR, "Isolated", false));
        root.put("post_processor", null);
        root.put("decoder", Map.of("type", "Fuse"));
        root.put("model", wordLevel(chars.vocabulary()));
      }
      default -> throw new IllegalArgumentException("TokenizerJson: cannot save a "
          + tokenizer.getClass().getName() + " (only BpeTokenizer, WordTokenizer, CharTokenizer)");
    }
    return Json.write(root, true) + "\n";
  }

  /**
   * Writes {@code tokenizer} to {@code file} atomically (a temporary file in the same folder,
   * then a rename).
   */
  public static void save(Tokenizer tokenizer, Path file) throws IOException {
    Path abs = file.toAbsolutePath();
    Path tmp = Files.createTempFile(abs.getParent(), abs.getFileName().toString(), ".tmp");
    try {
      Files.writeString(tmp, toJson(tokenizer), StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Reads a tokenizer from a file written by {@link #save}.
   *
   * @throws IllegalArgumentException naming the file, the JSON path and what was expected if the
   *     file is not such a tokenizer
   */
  public static Tokenizer load(Path file) throws IOException {
    return fromJson(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Reads a tokenizer from JSON text.
   *
   * @param sourceName the name that errors start with, usually the file name
   * @throws IllegalArgumentException naming the source, the JSON path and what was expected
   */
  public static Tokenizer fromJson(String json, String sourceName) {
    return new TokenizerJsonReader(sourceName).read(Json.parse(json, sourceName));
  }

  // ---------------------------------------------------------------- the pieces, shared with the reader

  static List<Object> addedTokens(Vocabulary v) {
    List<Object> out = new ArrayList<>();
    int[] ids = {v.padId(), v.unkId(), v.bosId(), v.eosId()};
    java.util.Arrays.sort(ids);
    for (int id : ids) out.add(addedToken(id, v.token(id)));
    return out;
  }

  static Map<String, Object> addedToken(int id, String content) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("id", (long) id);
    t.put("content", content);
    t.put("single_word", false);
    t.put("lstrip", false);
    t.put("rstrip", false);
    t.put("normalized", false);
    t.put("special", true);
    return t;
  }

  static Map<String, Object> split(String pattern, String behavior, boolean invert) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Split");
    m.put("pattern", Map.of("Regex", pattern));
    m.put("behavior", behavior);
    m.put("invert", invert);
    return m;
  }

  static Map<String, Object> byteLevel(boolean addPrefixSpace, boolean useRegex) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "ByteLevel");
    m.put("add_prefix_space", addPrefixSpace);
    m.put("trim_offsets", true);
    m.put("use_regex", useRegex);
    return m;
  }

  static Map<String, Object> bpePreTokenizer() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "Sequence");
    m.put("pretokenizers", List.of(split(TextPatterns.BYTE_LEVEL, "Isolated", false),
        byteLevel(false, false)));
    return m;
  }

  private static Map<String, Object> vocab(Vocabulary v) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int id = 0; id < v.size(); id++) m.put(v.token(id), (long) id);
    return m;
  }

  private static Map<String, Object> bpeModel(BpeTokenizer bpe) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "BPE");
    m.put("dropout", null);
    m.put("unk_token", Tokenizer.UNK);
    m.put("continuing_subword_prefix", null);
    m.put("end_of_word_suffix", null);
    m.put("fuse_unk", false);
    m.put("byte_fallback", false);
    m.put("ignore_merges", false);
    m.put("vocab", vocab(bpe.vocabulary()));
    List<Object> merges = new ArrayList<>();
    for (BpeTokenizer.Merge merge : bpe.merges()) merges.add(List.of(merge.left(), merge.right()));
    m.put("merges", merges);
    return m;
  }

  private static Map<String, Object> wordLevel(Vocabulary v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", "WordLevel");
    m.put("vocab", vocab(v));
    m.put("unk_token", Tokenizer.UNK);
    return m;
  }
}
