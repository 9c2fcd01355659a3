package org.attention4j.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attention4j.io.Json;
import org.junit.jupiter.api.Test;

/**
 * Our tokenizer.json files against the Hugging Face {@code tokenizers} library: three tokenizers
 * trained on {@code text/hf/corpus.txt} are committed, {@code scripts/reference/check_tokenizer.py
 * --write} loaded them with {@code Tokenizer.from_file} and stored its encodings of
 * {@code samples.json} in {@code expected.json}; here we encode the same samples and compare.
 *
 * <p>Regenerate after a deliberate change: run this test with
 * {@code -Dattn.regenerateTokenizerFixtures=true}, then the script with {@code --write}.
 */
class HfCompatibilityTest {
  private static final Path DIR = Path.of("src/test/resources/text/hf");
  private static final List<String> KINDS = List.of("bpe", "word", "char");

  static List<String> corpus() throws IOException {
    return Files.readAllLines(DIR.resolve("corpus.txt"), StandardCharsets.UTF_8);
  }

  static Tokenizer train(String kind, List<String> corpus) {
    return switch (kind) {
      case "bpe" -> BpeTrainer.train(corpus, new BpeTrainer.Config(1000, 2));
      case "word" -> WordTokenizer.build(corpus, 2, 3000);
      default -> CharTokenizer.build(corpus, 1, 3000);
    };
  }

  @Test
  void committedTokenizers_areWhatTrainingWrites() throws IOException {
    List<String> corpus = corpus();
    boolean regenerate = Boolean.getBoolean("attn.regenerateTokenizerFixtures");
    for (String kind : KINDS) {
      String json = TokenizerJson.toJson(train(kind, corpus));
      Path file = DIR.resolve(kind + ".tokenizer.json");
      if (regenerate) Files.writeString(file, json, StandardCharsets.UTF_8);
      assertEquals(Files.readString(file, StandardCharsets.UTF_8), json, file + " is not what "
          + "training on corpus.txt writes; regenerate with -Dattn.regenerateTokenizerFixtures=true "
          + "and scripts/reference/check_tokenizer.py --write");
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void encodings_matchHuggingFaceTokenizers() throws IOException {
    List<Object> samples = (List<Object>) Json.parse(
        Files.readString(DIR.resolve("samples.json"), StandardCharsets.UTF_8), "samples.json");
    Map<String, Object> expected = Json.parseObject(
        Files.readString(DIR.resolve("expected.json"), StandardCharsets.UTF_8), "expected.json");
    Map<String, Object> dump = new LinkedHashMap<>();
    int compared = 0;
    for (String kind : KINDS) {
      Tokenizer t = TokenizerJson.load(DIR.resolve(kind + ".tokenizer.json"));
      List<Object> cases = (List<Object>) expected.get(kind);
      assertEquals(samples.size(), cases.size(), kind);
      List<Object> ours = new ArrayList<>();
      for (int i = 0; i < samples.size(); i++) {
        String text = (String) samples.get(i);
        Map<String, Object> hf = (Map<String, Object>) cases.get(i);
        assertEquals(text, hf.get("text"));
        int[] ids = t.encode(text);
        List<Long> idList = Arrays.stream(ids).mapToObj(id -> (long) id).toList();
        List<String> vocabTokens = Arrays.stream(ids).mapToObj(t.vocabulary()::token).toList();
        String decoded = t.decode(ids);
        ours.add(Map.of("text", text, "ids", idList, "tokens", vocabTokens, "decoded", decoded));
        String where = kind + " sample " + i + " " + Json.write(text, false);
        assertEquals(hf.get("ids"), idList, where);
        assertEquals(hf.get("tokens"), vocabTokens, where);
        if (!kind.equals("word")) assertEquals(hf.get("decoded"), decoded, where);
        compared++;
      }
      dump.put(kind, ours);
    }
    assertTrue(compared >= 120, "compared " + compared);
    Path out = Path.of("target/hf-check/java-encodings.json");
    Files.createDirectories(out.getParent());
    Files.writeString(out, Json.write(dump, true), StandardCharsets.UTF_8);
  }
}
