package org.attention4j.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.attention4j.io.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizerJsonTest {
  private static final List<String> CORPUS = List.of("Hello world, hello there!", "¿Qué tal?",
      "我爱自然语言处理。", "Copied %d files.", "emoji 👍🏽");
  private static final String SAMPLE = "Hello there, ¿qué? 我爱 %d 👍🏽 unseen";

  private static Tokenizer roundTrip(Tokenizer t) {
    String json = TokenizerJson.toJson(t);
    Tokenizer back = TokenizerJson.fromJson(json, "t.json");
    assertEquals(json, TokenizerJson.toJson(back));
    assertEquals(t.vocabulary().tokens(), back.vocabulary().tokens());
    assertArrayEquals(t.encode(SAMPLE), back.encode(SAMPLE));
    return back;
  }

  @Test
  void saveLoad_bpe() {
    BpeTokenizer t = BpeTrainer.train(CORPUS, new BpeTrainer.Config(300, 1));
    BpeTokenizer back = assertInstanceOf(BpeTokenizer.class, roundTrip(t));
    assertEquals(t.merges(), back.merges());
    assertEquals(SAMPLE, back.decode(back.encode(SAMPLE)));
  }

  @Test
  void saveLoad_word() {
    assertInstanceOf(WordTokenizer.class, roundTrip(WordTokenizer.build(CORPUS, 1, 100)));
  }

  @Test
  void saveLoad_char() {
    assertInstanceOf(CharTokenizer.class, roundTrip(CharTokenizer.build(CORPUS, 1, 100)));
  }

  @Test
  void save_writesFileAtomically(@TempDir Path dir) throws IOException {
    Tokenizer t = WordTokenizer.build(CORPUS, 1, 100);
    Path file = dir.resolve("tokenizer.json");
    TokenizerJson.save(t, file);
    TokenizerJson.save(t, file);
    assertEquals(List.of(file), Files.list(dir).toList());
    assertEquals(TokenizerJson.toJson(t), Files.readString(file));
    assertInstanceOf(WordTokenizer.class, TokenizerJson.load(file));
  }

  @Test
  void toJson_bpeLayout() {
    Map<String, Object> root = Json.parseObject(
        TokenizerJson.toJson(BpeTrainer.train(List.of("ab ab"), new BpeTrainer.Config(262, 1))), "t");
    assertEquals(List.of("version", "truncation", "padding", "added_tokens", "normalizer",
        "pre_tokenizer", "post_processor", "decoder", "model"), List.copyOf(root.keySet()));
    Map<String, Object> model = Json.getObject(root, "model", "t");
    assertEquals("BPE", model.get("type"));
    assertEquals(List.of(List.of("a", "b"), List.of("Ġ", "ab")), model.get("merges"));
    assertEquals(Map.of("id", 3L, "content", "</s>", "single_word", false, "lstrip", false,
        "rstrip", false, "normalized", false, "special", true), Json.getList(root, "added_tokens", "t").get(3));
  }

  @Test
  void load_legacyMergeStrings() {
    String json = bpeJson().replace("[\n        \"a\",\n        \"b\"\n      ]", "\"a b\"");
    BpeTokenizer t = assertInstanceOf(BpeTokenizer.class, TokenizerJson.fromJson(json, "t.json"));
    assertEquals(new BpeTokenizer.Merge("a", "b"), t.merges().getFirst());
  }

  private static String bpeJson() {
    return TokenizerJson.toJson(BpeTrainer.train(List.of("ab ab"), new BpeTrainer.Config(262, 1)));
  }

  private static String edit(String json, Consumer<Map<String, Object>> change) {
    Map<String, Object> root = Json.parseObject(json, "t");
    change.accept(root);
    return Json.write(root, true);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> model(Map<String, Object> root) {
    return (Map<String, Object>) root.get("model");
  }

  private static void assertError(String expected, String json) {
    var e = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.fromJson(json, "t.json"));
    assertEquals(expected, e.getMessage());
  }

  @Test
  @SuppressWarnings("unchecked")
  void load_errorsNameFilePathAndExpectation() {
    String bpe = bpeJson();
    assertError("t.json: $: missing field 'model'", edit(bpe, r -> r.remove("model")));
    assertError("t.json: $.version: expected \"1.0\", got \"2.0\"", edit(bpe, r -> r.put("version", "2.0")));
    assertError("t.json: $.normalizer: expected null (attention4j tokenizers have no normalizer), got "
        + "{\"type\":\"NFC\"}", edit(bpe, r -> r.put("normalizer", Map.of("type", "NFC"))));
    assertError("t.json: $.model.type: expected \"BPE\" or \"WordLevel\", got \"WordPiece\"",
        edit(bpe, r -> model(r).put("type", "WordPiece")));
    assertError("t.json: $.model.merges[1]: expected a pair of strings [left, right] or \"left right\", "
        + "got 5", edit(bpe, r -> ((List<Object>) model(r).get("merges")).set(1, 5L)));
    assertError("t.json: $.model.merges[0]: expected a pair of strings [left, right] or \"left right\", "
        + "got \"ab\"", edit(bpe, r -> ((List<Object>) model(r).get("merges")).set(0, "ab")));
    assertError("t.json: $.model.merges: BpeTokenizer: merge 1 (\"Ġ\" \"ab\"): result \"Ġab\" is not "
        + "in the vocabulary", edit(bpe, r -> ((Map<String, Object>) model(r).get("vocab")).remove("Ġab")));
    assertError("t.json: $.model.vocab.\"a\": id 36 is also the id of \"Ġ\"",
        edit(bpe, r -> ((Map<String, Object>) model(r).get("vocab")).put("a", 36L)));
    assertError("t.json: $.model.vocab.\"b\": expected an integer, got \"x\"",
        edit(bpe, r -> ((Map<String, Object>) model(r).get("vocab")).put("b", "x")));
    assertError("t.json: $.added_tokens: special token </s> is missing",
        edit(bpe, r -> ((List<Object>) r.get("added_tokens")).remove(3)));
    assertError("t.json: $.added_tokens[0].id: expected 0, the id of <pad> in $.model.vocab, got 7",
        edit(bpe, r -> ((Map<String, Object>) ((List<Object>) r.get("added_tokens")).get(0)).put("id", 7L)));
    assertError("t.json: $.model.dropout: expected null, got 0.1", edit(bpe, r -> model(r).put("dropout", 0.1)));
    assertError("t.json: $.pre_tokenizer.pretokenizers[1].use_regex: expected false, got true",
        edit(bpe, r -> ((Map<String, Object>) ((List<Object>) ((Map<String, Object>) r.get("pre_tokenizer"))
            .get("pretokenizers")).get(1)).put("use_regex", true)));
    assertError("t.json: $.decoder: expected an object, got null", edit(bpe, r -> r.put("decoder", null)));
    assertError("t.json: $.pre_tokenizer.pretokenizers[0].pattern.Regex: not the string this version "
        + "writes; from character 0 expected \" ?%(?:%|\\\\([A-Za-z_][A-Za-z0-9_\"..., got \"\\\\s+\"",
        edit(bpe, r -> ((Map<String, Object>) ((Map<String, Object>) ((List<Object>) ((Map<String, Object>)
            r.get("pre_tokenizer")).get("pretokenizers")).get(0)).get("pattern")).put("Regex", "\\s+")));
  }

  @Test
  void load_wordLevelErrors() {
    String word = TokenizerJson.toJson(WordTokenizer.build(CORPUS, 1, 100));
    assertError("t.json: $.model.unk_token: expected \"<unk>\", got \"[UNK]\"",
        edit(word, r -> model(r).put("unk_token", "[UNK]")));
    var e = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.fromJson(
        edit(word, r -> r.put("pre_tokenizer", Map.of("type", "Whitespace"))), "t.json"));
    assertEquals("t.json: $.pre_tokenizer.type: expected \"Split\", got \"Whitespace\"", e.getMessage());
  }

  @Test
  void load_notJson_namesTheOffset() {
    var e = assertThrows(IllegalArgumentException.class, () -> TokenizerJson.fromJson("{\"a\" 1}", "t.json"));
    assertTrue(e.getMessage().startsWith("t.json: offset 5"), e.getMessage());
  }
}
