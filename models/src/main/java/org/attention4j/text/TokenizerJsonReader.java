package org.attention4j.text;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.attention4j.io.Json;

/**
 * Reads and checks a {@code tokenizer.json} for {@link TokenizerJson#fromJson}. Every error names
 * the source, a JSON path ({@code $.model.vocab}) and what was expected there.
 */
final class TokenizerJsonReader {
  private final String source;

  TokenizerJsonReader(String source) {
    this.source = source;
  }

  Tokenizer read(Object root) {
    Map<String, Object> r = object(root, "$");
    String version = string(field(r, "$", "version"), "$.version");
    if (!version.equals("1.0")) throw error("$.version", "expected \"1.0\"", version);
    for (String key : List.of("truncation", "padding", "normalizer", "post_processor")) {
      if (r.get(key) != null) {
        throw error("$." + key, "expected null (attention4j tokenizers have no " + key + ")",
            r.get(key));
      }
    }
    Map<String, Object> model = object(field(r, "$", "model"), "$.model");
    String type = string(field(model, "$.model", "type"), "$.model.type");
    Vocabulary vocab = vocabulary(field(model, "$.model", "vocab"));
    checkAddedTokens(field(r, "$", "added_tokens"), vocab);
    Object pre = r.get("pre_tokenizer");
    switch (type) {
      case "BPE" -> {
        expect(TokenizerJson.bpePreTokenizer(), pre, "$.pre_tokenizer");
        Map<String, Object> decoder = object(field(r, "$", "decoder"), "$.decoder");
        expect("ByteLevel", decoder.get("type"), "$.decoder.type");
        for (String key : List.of("dropout", "continuing_subword_prefix", "end_of_word_suffix")) {
          if (model.get(key) != null) throw error("$.model." + key, "expected null", model.get(key));
        }
        for (String key : List.of("byte_fallback", "ignore_merges")) {
          if (model.containsKey(key)) expect(false, model.get(key), "$.model." + key);
        }
        Object unk = model.get("unk_token");
        if (unk != null) expect(Tokenizer.UNK, unk, "$.model.unk_token");
        List<BpeTokenizer.Merge> merges = merges(field(model, "$.model", "merges"));
        try {
          return BpeTokenizer.of(vocab, merges);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(source + ": $.model.merges: " + e.getMessage(), e);
        }
      }
      case "WordLevel" -> {
        expect(Tokenizer.UNK, field(model, "$.model", "unk_token"), "$.model.unk_token");
        if (TokenizerJson.split(TextPatterns.CHAR, "Isolated", false).equals(pre)) {
          try {
            return CharTokenizer.of(vocab);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(source + ": $.model.vocab: " + e.getMessage(), e);
          }
        }
        expect(TokenizerJson.split(TextPatterns.WORD, "Removed", true), pre, "$.pre_tokenizer");
        return WordTokenizer.of(vocab);
      }
      default -> throw error("$.model.type", "expected \"BPE\" or \"WordLevel\"", type);
    }
  }

  private Vocabulary vocabulary(Object value) {
    Map<String, Object> map = object(value, "$.model.vocab");
    String[] tokens = new String[map.size()];
    for (Map.Entry<String, Object> e : map.entrySet()) {
      String path = "$.model.vocab." + Vocabulary.quote(e.getKey());
      int id = integer(e.getValue(), path);
      if (id < 0 || id >= tokens.length) {
        throw error(path, "expected an id in [0, " + tokens.length + ") (ids are 0..size-1)", id);
      }
      if (tokens[id] != null) {
        throw new IllegalArgumentException(source + ": " + path + ": id " + id
            + " is also the id of " + Vocabulary.quote(tokens[id]));
      }
      tokens[id] = e.getKey();
    }
    try {
      return Vocabulary.of(Arrays.asList(tokens));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": $.model.vocab: " + e.getMessage(), e);
    }
  }

  private void checkAddedTokens(Object value, Vocabulary vocab) {
    List<Object> list = array(value, "$.added_tokens");
    List<String> seen = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      String path = "$.added_tokens[" + i + "]";
      Map<String, Object> t = object(list.get(i), path);
      String content = string(field(t, path, "content"), path + ".content");
      if (!Tokenizer.SPECIALS.contains(content)) {
        throw error(path + ".content", "expected one of " + Tokenizer.SPECIALS, content);
      }
      int id = integer(field(t, path, "id"), path + ".id");
      if (id != vocab.id(content)) {
        throw error(path + ".id", "expected " + vocab.id(content) + ", the id of " + content
            + " in $.model.vocab", id);
      }
      seen.add(content);
    }
    for (String s : Tokenizer.SPECIALS) {
      if (!seen.contains(s)) {
        throw new IllegalArgumentException(source + ": $.added_tokens: special token " + s
            + " is missing");
      }
    }
  }

  private List<BpeTokenizer.Merge> merges(Object value) {
    List<Object> list = array(value, "$.model.merges");
    List<BpeTokenizer.Merge> out = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      Object m = list.get(i);
      String left = null, right = null;
      if (m instanceof List<?> pair && pair.size() == 2 && pair.get(0) instanceof String a
          && pair.get(1) instanceof String b) {
        left = a;
        right = b;
      } else if (m instanceof String s && s.indexOf(' ') > 0 && s.indexOf(' ') == s.lastIndexOf(' ')
          && s.indexOf(' ') < s.length() - 1) {
        left = s.substring(0, s.indexOf(' '));
        right = s.substring(s.indexOf(' ') + 1);
      }
      if (left == null || left.isEmpty() || right.isEmpty()) {
        throw error("$.model.merges[" + i + "]",
            "expected a pair of strings [left, right] or \"left right\"", m);
      }
      out.add(new BpeTokenizer.Merge(left, right));
    }
    return out;
  }

  // ---------------------------------------------------------------- typed access with paths

  /** Checks that {@code actual} has every field of {@code expected} (extra fields are ignored). */
  private void expect(Object expected, Object actual, String path) {
    if (expected instanceof Map<?, ?> em) {
      Map<String, Object> am = object(actual, path);
      for (Map.Entry<?, ?> e : em.entrySet()) {
        String key = (String) e.getKey();
        if (!am.containsKey(key)) throw new IllegalArgumentException(source + ": " + path
            + ": missing field '" + key + "'");
        expect(e.getValue(), am.get(key), path + "." + key);
      }
    } else if (expected instanceof List<?> el) {
      List<Object> al = array(actual, path);
      if (al.size() != el.size()) throw error(path, "expected an array of " + el.size(), actual);
      for (int i = 0; i < el.size(); i++) expect(el.get(i), al.get(i), path + "[" + i + "]");
    } else if (expected instanceof String e && actual instanceof String a && !e.equals(a)
        && e.length() > 40) {
      int at = 0;
      while (at < Math.min(e.length(), a.length()) && e.charAt(at) == a.charAt(at)) at++;
      int from = Math.max(0, at - 10);
      throw new IllegalArgumentException(source + ": " + path + ": not the string this version "
          + "writes; from character " + from + " expected " + snippet(e, from) + ", got "
          + snippet(a, from));
    } else if (!expected.equals(actual)) {
      throw error(path, "expected " + Json.write(expected, false), actual);
    }
  }

  private static String snippet(String s, int from) {
    String part = s.substring(from, Math.min(s.length(), from + 30));
    return Json.write(part, false) + (from + 30 < s.length() ? "..." : "");
  }

  private Object field(Map<String, Object> map, String path, String key) {
    if (!map.containsKey(key)) {
      throw new IllegalArgumentException(source + ": " + path + ": missing field '" + key + "'");
    }
    return map.get(key);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> object(Object value, String path) {
    if (value instanceof Map<?, ?> m) return (Map<String, Object>) m;
    throw error(path, "expected an object", value);
  }

  @SuppressWarnings("unchecked")
  private List<Object> array(Object value, String path) {
    if (value instanceof List<?> l) return (List<Object>) l;
    throw error(path, "expected an array", value);
  }

  private String string(Object value, String path) {
    if (value instanceof String s) return s;
    throw error(path, "expected a string", value);
  }

  private int integer(Object value, String path) {
    if (value instanceof Long l && l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
      return (int) (long) l;
    }
    throw error(path, "expected an integer", value);
  }

  private IllegalArgumentException error(String path, String expected, Object got) {
    String shown;
    try {
      shown = Json.write(got, false);
    } catch (IllegalArgumentException notJson) {
      shown = String.valueOf(got);
    }
    if (shown.length() > 60) shown = shown.substring(0, 57) + "...";
    return new IllegalArgumentException(source + ": " + path + ": " + expected + ", got " + shown);
  }
}
