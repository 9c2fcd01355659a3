package org.attention4j.models.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.attention4j.io.AtomicFiles;
import org.attention4j.io.Checkpoint;
import org.attention4j.io.Json;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.tensor.Tensor;
import org.attention4j.text.Tokenizer;
import org.attention4j.text.TokenizerJson;

/**
 * Saves and loads any {@link Seq2SeqModel} with its tokenizers as a checkpoint directory ({@link
 * Checkpoint}: atomic, readable by safetensors tools):
 *
 * <pre>
 * model.safetensors        the weights (state dict names, F32)
 * config.json              {"format": "attention4j-seq2seq", "version": 1, "model_type": "bahdanau",
 *                           "config": {the model's configMap()}, "tokenizers": "shared" | "separate"}
 * tokenizer.json           one Hugging Face tokenizer for both languages ("shared"), or
 * source_tokenizer.json    the source and
 * target_tokenizer.json    the target tokenizer ("separate")
 * trainer.json             trainer state; "step" always, "optimizer" (the optimizer's stateMeta) when saved with one
 * optimizer.safetensors    the optimizer's state tensors (exp_avg.*, exp_avg_sq.*), when saved with one
 *                          (see {@link OptimizerState})
 * </pre>
 *
 * <p>Tokenizers are shared when the two given are the same object or write the same JSON; a
 * shared tokenizer is the ordinary {@code tokenizer.json} that other tools look for. With two
 * tokenizers, the directory is first written complete under a sibling name and then swapped in
 * ({@code <dir>} to {@code <dir>.bak}, the new one to {@code <dir>}, the backup deleted), so a
 * crash leaves either checkpoint loadable, as {@link Checkpoint#save} promises.
 */
public final class Seq2SeqCheckpoints {
  public static final String FORMAT = "attention4j-seq2seq";
  public static final int VERSION = 1;
  public static final String SOURCE_TOKENIZER_FILE = "source_tokenizer.json";
  public static final String TARGET_TOKENIZER_FILE = "target_tokenizer.json";
  /** The key of the optimizer's meta in {@code trainer.json}. */
  public static final String OPTIMIZER_KEY = "optimizer";

  private Seq2SeqCheckpoints() {}

  /**
   * Saves a model and its tokenizers into {@code dir}, replacing any checkpoint there.
   *
   * @param optimizer the optimizer state to save for resuming, or {@code null}
   * @param trainerState the trainer's state (JSON-compatible; it should hold an integer {@code
   *     "step"}, else 0 is written), or {@code null}
   * @throws IllegalArgumentException if a tokenizer's size differs from the model's vocabulary,
   *     or the trainer state holds a key {@code "optimizer"} while an optimizer is given
   * @throws IOException if writing fails; the previous checkpoint then stays in place
   */
  public static void save(Path dir, Seq2SeqModel model, Tokenizer sourceTokenizer, Tokenizer targetTokenizer,
      OptimizerState optimizer, Map<String, Object> trainerState) throws IOException {
    checkTokenizers(dir.toString(), model, sourceTokenizer, targetTokenizer);
    String sourceJson = TokenizerJson.toJson(sourceTokenizer);
    String targetJson = sourceTokenizer == targetTokenizer ? sourceJson : TokenizerJson.toJson(targetTokenizer);
    boolean shared = sourceJson.equals(targetJson);

    Map<String, Object> config = new LinkedHashMap<>();
    config.put("format", FORMAT);
    config.put("version", VERSION);
    config.put("model_type", model.modelType());
    config.put("config", model.configMap());
    config.put("tokenizers", shared ? "shared" : "separate");

    Map<String, Object> trainer = new LinkedHashMap<>(trainerState == null ? Map.of() : trainerState);
    if (!trainer.containsKey("step")) trainer.put("step", 0);
    Map<String, Tensor> optimizerTensors = Map.of();
    if (optimizer != null) {
      if (trainer.containsKey(OPTIMIZER_KEY)) {
        throw new IllegalArgumentException("Seq2SeqCheckpoints.save: the trainer state must not hold '" + OPTIMIZER_KEY
            + "' when an optimizer state is given (it is saved there)");
      }
      trainer.put(OPTIMIZER_KEY, optimizer.meta());
      optimizerTensors = optimizer.tensors();
    }
    Checkpoint checkpoint = new Checkpoint(model.stateDict(), config, optimizerTensors, trainer, shared ? sourceJson : null);
    if (shared) {
      Checkpoint.save(dir, checkpoint);
    } else {
      saveWithTwoTokenizers(dir, checkpoint, sourceJson, targetJson);
    }
  }

  private static void saveWithTwoTokenizers(Path dir, Checkpoint checkpoint, String sourceJson, String targetJson)
      throws IOException {
    Path target = dir.toAbsolutePath().normalize();
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new IllegalArgumentException("Seq2SeqCheckpoints.save: " + dir + " exists and is not a directory");
    }
    Path parent = target.getParent();
    Files.createDirectories(parent);
    String stagePrefix = target.getFileName() + ".stage-";
    deleteSiblings(parent, stagePrefix);
    Path stage = parent.resolve(stagePrefix + Long.toHexString(new SplittableRandom().nextLong()));
    Path backup = parent.resolve(target.getFileName() + ".bak");
    try {
      Checkpoint.save(stage, checkpoint);
      AtomicFiles.write(stage.resolve(SOURCE_TOKENIZER_FILE), sourceJson.getBytes(StandardCharsets.UTF_8));
      AtomicFiles.write(stage.resolve(TARGET_TOKENIZER_FILE), targetJson.getBytes(StandardCharsets.UTF_8));
      if (Files.isDirectory(target)) {
        deleteRecursively(backup); // a complete <dir> makes any backup stale
        Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
      }
      try {
        Files.move(stage, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException | RuntimeException e) {
        if (!Files.exists(target) && Files.isDirectory(backup)) Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE);
        throw e;
      }
      AtomicFiles.syncDirectory(parent);
      deleteRecursively(backup);
      AtomicFiles.syncDirectory(parent);
    } finally {
      deleteRecursively(stage);
    }
  }

  /**
   * Loads a checkpoint of any model type. The model is built with a fixed generator (its
   * initial values are overwritten); use {@link #load(Path, String, RandomGenerator)} to give the
   * generator that dropout will draw from when training goes on.
   */
  public static Seq2SeqCheckpoint load(Path dir) throws IOException {
    return load(dir, null, new SplittableRandom(0));
  }

  /** Loads a checkpoint that must hold a model of {@code expectedType}. */
  public static Seq2SeqCheckpoint load(Path dir, String expectedType) throws IOException {
    return load(dir, expectedType, new SplittableRandom(0));
  }

  /**
   * Loads a checkpoint: rebuilds the model from {@code config.json}, loads its weights (strictly:
   * every name and shape must match), reads the tokenizers; the model is left in evaluation mode.
   *
   * @param expectedType the model type the caller wants, or {@code null} for any
   * @param rng the model's generator (dropout masks when training goes on)
   * @throws IllegalArgumentException naming the directory: not a checkpoint, not a translation
   *     checkpoint, {@code checkpoint DIR holds a 'transformer' model, not 'bahdanau'}, an unknown
   *     expected type (listing the valid ones), weights or tokenizers that do not fit the model
   * @throws NoSuchFileException if a tokenizer file is missing
   */
  public static Seq2SeqCheckpoint load(Path dir, String expectedType, RandomGenerator rng) throws IOException {
    if (expectedType != null) Seq2SeqModels.checkType(expectedType);
    Checkpoint raw = Checkpoint.load(dir);
    String where = "checkpoint " + dir;
    String type = modelType(raw.config(), where);
    if (expectedType != null && !expectedType.equals(type)) {
      throw new IllegalArgumentException(where + " holds a '" + type + "' model, not '" + expectedType + "'");
    }
    Seq2SeqModel model;
    try {
      model = Seq2SeqModels.fromConfig(type, Json.getObject(raw.config(), "config", where + ": config.json"), rng);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": config.json: " + e.getMessage(), e);
    }
    try {
      model.loadStateDict(raw.model(), true);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": the weights do not fit the " + type + " model of config.json: "
          + e.getMessage(), e);
    }
    model.eval();
    String layout = Json.getString(raw.config(), "tokenizers", where + ": config.json");
    Tokenizer source;
    Tokenizer target;
    switch (layout) {
      case "shared" -> {
        if (raw.tokenizerJson() == null) {
          throw new NoSuchFileException(dir.resolve(Checkpoint.TOKENIZER_FILE).toString(), null,
              "config.json says the tokenizer is shared, but there is no " + Checkpoint.TOKENIZER_FILE);
        }
        source = TokenizerJson.fromJson(raw.tokenizerJson(), dir.resolve(Checkpoint.TOKENIZER_FILE).toString());
        target = source;
      }
      case "separate" -> {
        source = readTokenizer(dir, SOURCE_TOKENIZER_FILE);
        target = readTokenizer(dir, TARGET_TOKENIZER_FILE);
      }
      default -> throw new IllegalArgumentException(where + ": config.json: field 'tokenizers' must be \"shared\" or"
          + " \"separate\", got \"" + layout + "\"");
    }
    checkTokenizers(dir.toString(), model, source, target);
    return new Seq2SeqCheckpoint(model, source, target, raw);
  }

  /**
   * The model type a checkpoint holds, reading only its {@code config.json}.
   *
   * @throws IllegalArgumentException if the directory holds no translation checkpoint
   */
  public static String modelType(Path dir) throws IOException {
    Path file = dir.resolve(Checkpoint.CONFIG_FILE);
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("not a checkpoint directory: " + dir + " (missing " + Checkpoint.CONFIG_FILE + ")");
    }
    return modelType(Json.parseObject(Files.readString(file, StandardCharsets.UTF_8), file.toString()), "checkpoint " + dir);
  }

  private static String modelType(Map<String, Object> config, String where) {
    Object format = config.get("format");
    if (!FORMAT.equals(format) || !config.containsKey("model_type")) {
      throw new IllegalArgumentException(where + " is not a translation checkpoint (config.json has format "
          + (format instanceof String f ? "\"" + f + "\"" : String.valueOf(format)) + ", expected \"" + FORMAT + "\" with a model_type)");
    }
    int version = Json.getInt(config, "version", where + ": config.json");
    if (version != VERSION) {
      throw new IllegalArgumentException(where + ": unsupported version " + version + " (this code reads version "
          + VERSION + ")");
    }
    String type = Json.getString(config, "model_type", where + ": config.json");
    if (!Seq2SeqModels.modelTypes().contains(type)) {
      throw new IllegalArgumentException(where + " holds an unknown model type '" + type + "'; this version knows "
          + String.join(", ", Seq2SeqModels.modelTypes()));
    }
    return type;
  }

  private static Tokenizer readTokenizer(Path dir, String name) throws IOException {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      Path backup = dir.toAbsolutePath().normalize().resolveSibling(dir.getFileName() + ".bak").resolve(name);
      if (!Files.exists(dir) && Files.isRegularFile(backup)) {
        file = backup; // Checkpoint.load fell back to the backup of an interrupted save
      } else {
        throw new NoSuchFileException(file.toString(), null, "config.json says the tokenizers are separate, but "
            + name + " is missing");
      }
    }
    return TokenizerJson.load(file);
  }

  private static void checkTokenizers(String where, Seq2SeqModel model, Tokenizer source, Tokenizer target) {
    if (source.vocabSize() != model.sourceVocab() || target.vocabSize() != model.targetVocab()) {
      throw new IllegalArgumentException("checkpoint " + where + ": the tokenizers have " + source.vocabSize() + " source and "
          + target.vocabSize() + " target ids, the " + model.modelType() + " model " + model.sourceVocab() + " and "
          + model.targetVocab());
    }
    if (source.padId() != model.padId() || target.padId() != model.padId()) {
      throw new IllegalArgumentException("checkpoint " + where + ": the tokenizers' pad ids (" + source.padId() + ", "
          + target.padId() + ") differ from the model's " + model.padId());
    }
  }

  private static void deleteSiblings(Path parent, String prefix) throws IOException {
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
      for (Path p : siblings) deleteRecursively(p);
    }
  }

  private static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) return;
    try (Stream<Path> all = Files.walk(p)) {
      for (Path q : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(q);
    }
  }
}
