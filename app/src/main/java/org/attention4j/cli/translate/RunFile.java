package org.attention4j.cli.translate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.attention4j.io.AtomicFiles;
import org.attention4j.io.Json;

/**
 * {@code OUT/run.json}: what {@code attn train translate} was asked to train on, so that {@code
 * --resume} needs no option repeated. (The model, its tokenizers and the trainer settings are in
 * the checkpoint itself; the corpus and the length policy, which decide the training data, are
 * here.)
 *
 * @param corpus the {@code --corpus} value
 * @param model the model type
 * @param tokenizer the tokenizer kind
 * @param vocab the {@code --vocab} value
 * @param sharedVocab whether one tokenizer serves both languages
 * @param maxTokens the length filter
 * @param truncate whether pairs over the model's limit are cut
 * @param command the command line of the first session
 */
record RunFile(String corpus, String model, String tokenizer, int vocab, boolean sharedVocab, int maxTokens,
    boolean truncate, String command) {
  static final String FILE = "run.json";
  static final String FORMAT = "attention4j-translate-run";

  void write(Path out) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", FORMAT);
    m.put("version", 1);
    m.put("corpus", corpus);
    m.put("model", model);
    m.put("tokenizer", tokenizer);
    m.put("vocab", vocab);
    m.put("sharedVocab", sharedVocab);
    m.put("maxTokens", maxTokens);
    m.put("truncate", truncate);
    m.put("command", command);
    Files.createDirectories(out);
    AtomicFiles.write(out.resolve(FILE), (Json.write(m, true) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * {@code out/run.json}, if there is one.
   *
   * @throws IllegalArgumentException naming the file and field if it does not parse
   */
  static Optional<RunFile> read(Path out) throws IOException {
    Path file = out.resolve(FILE);
    if (!Files.isRegularFile(file)) return Optional.empty();
    String src = file.toString();
    Map<String, Object> m = Json.parseObject(Files.readString(file, StandardCharsets.UTF_8), src);
    if (!FORMAT.equals(m.get("format"))) {
      throw new IllegalArgumentException(src + ": field 'format' must be \"" + FORMAT + "\"");
    }
    return Optional.of(new RunFile(Json.getString(m, "corpus", src), Json.getString(m, "model", src),
        Json.getString(m, "tokenizer", src), Json.getInt(m, "vocab", src), Json.getBoolean(m, "sharedVocab", src),
        Json.getInt(m, "maxTokens", src), Json.getBoolean(m, "truncate", src), Json.getString(m, "command", src)));
  }
}
