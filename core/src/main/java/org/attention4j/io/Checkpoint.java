package org.attention4j.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.attention4j.tensor.Tensor;

/**
 * A training checkpoint: a directory that other safetensors tools can read, replaced as a whole
 * and atomically on every save.
 *
 * <pre>
 * model.safetensors       the model's state (F32), metadata {"format": "pt"}
 * config.json             the model family's config object
 * optimizer.safetensors   optimizer state such as exp_avg.&lt;param&gt; (only when not empty)
 * trainer.json            step, epoch, RNG state, hyper-parameters...: must hold an integer "step"
 * tokenizer.json          the tokenizer, copied as given (only when given)
 * </pre>
 *
 * <p><b>Atomic replacement.</b> {@link #save} writes everything into a fresh sibling
 * {@code <dir>.tmp-<random>}, syncs each file and the directory, then swaps: renames an existing
 * {@code <dir>} to {@code <dir>.bak}, renames the temp directory to {@code <dir>}, deletes the
 * backup and syncs the parent. A crash at any point leaves a loadable checkpoint: before the swap
 * the old {@code <dir>} is untouched; between the two renames only {@code <dir>.bak} exists, and
 * {@link #load} falls back to it (with a warning). The next save deletes stale temp directories
 * and backups. One process at a time may save to a given directory.
 *
 * @param model the model's tensors by parameter name
 * @param config the model family's configuration (a JSON object; see {@link Json#write})
 * @param optimizer optimizer state tensors; empty (or null, meaning empty) when there are none
 * @param trainer trainer state as a JSON object; must hold a non-negative integer {@code "step"}
 * @param tokenizerJson the {@code tokenizer.json} text, or null for none
 */
public record Checkpoint(Map<String, Tensor> model, Map<String, Object> config, Map<String, Tensor> optimizer,
    Map<String, Object> trainer, String tokenizerJson) {

  public static final String MODEL_FILE = "model.safetensors";
  public static final String CONFIG_FILE = "config.json";
  public static final String OPTIMIZER_FILE = "optimizer.safetensors";
  public static final String TRAINER_FILE = "trainer.json";
  public static final String TOKENIZER_FILE = "tokenizer.json";

  private static final System.Logger LOG = System.getLogger(Checkpoint.class.getName());

  /**
   * Validates and copies the maps (keeping their order).
   *
   * @throws IllegalArgumentException if model, config or trainer is null, or trainer has no
   *     non-negative integer "step"
   */
  public Checkpoint {
    if (model == null || config == null || trainer == null) {
      throw new IllegalArgumentException("Checkpoint: model, config and trainer must not be null");
    }
    Object step = trainer.get("step");
    if (!(step instanceof Long || step instanceof Integer) || ((Number) step).longValue() < 0) {
      throw new IllegalArgumentException(
          "Checkpoint: trainer must hold a non-negative integer \"step\", got " + Json.preview(step));
    }
    model = frozenCopy(model);
    config = frozenCopy(config);
    optimizer = optimizer == null ? Map.of() : frozenCopy(optimizer);
    trainer = frozenCopy(trainer);
  }

  private static <V> Map<String, V> frozenCopy(Map<String, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** The training step, from {@link #trainer}. */
  public long step() {
    return ((Number) trainer.get("step")).longValue();
  }

  /** Points in {@link #save} where tests make it fail or stop, as a crash would. */
  @FunctionalInterface
  interface FaultInjector {
    FaultInjector NONE = point -> {};

    /**
     * Called as save reaches {@code point}: "temp-dir-created", "model-written",
     * "optimizer-written", "config-written", "trainer-written", "tokenizer-written",
     * "temp-dir-synced", "old-dir-moved-aside", "new-dir-in-place".
     */
    void at(String point) throws IOException;
  }

  /**
   * Saves {@code checkpoint} into {@code dir}, atomically replacing whatever checkpoint is there.
   * Creates missing parent directories.
   *
   * @throws IllegalArgumentException if the config or trainer map cannot be written as JSON, the
   *     tokenizer text is not valid JSON, a tensor is invalid, or {@code dir} exists and is not a
   *     directory; nothing is written then
   * @throws IOException if writing fails; the previous checkpoint is then left in place
   */
  public static void save(Path dir, Checkpoint checkpoint) throws IOException {
    save(dir, checkpoint, FaultInjector.NONE);
  }

  static void save(Path dir, Checkpoint c, FaultInjector faults) throws IOException {
    byte[] config = (Json.write(c.config(), true) + "\n").getBytes(StandardCharsets.UTF_8);
    byte[] trainer = (Json.write(c.trainer(), true) + "\n").getBytes(StandardCharsets.UTF_8);
    if (c.tokenizerJson() != null) Json.parse(c.tokenizerJson(), "Checkpoint: tokenizerJson");
    Path target = dir.toAbsolutePath().normalize();
    if (Files.exists(target) && !Files.isDirectory(target)) {
      throw new IllegalArgumentException("Checkpoint.save: " + dir + " exists and is not a directory");
    }
    Path parent = target.getParent();
    Files.createDirectories(parent);
    Path backup = sibling(target, ".bak");
    deleteStaleTemps(parent, target.getFileName() + ".tmp-");
    // A complete <dir> makes any backup stale. Without <dir>, the backup is the latest
    // checkpoint (a save stopped between its renames) and must stay until the swap.
    if (Files.isDirectory(target)) AtomicFiles.deleteRecursively(backup);

    Path temp = sibling(target, ".tmp-" + AtomicFiles.randomSuffix());
    try {
      Files.createDirectory(temp);
      faults.at("temp-dir-created");
      Safetensors.write(temp.resolve(MODEL_FILE), c.model(), Map.of("format", "pt"));
      faults.at("model-written");
      if (!c.optimizer().isEmpty()) {
        Safetensors.write(temp.resolve(OPTIMIZER_FILE), c.optimizer(), Map.of("format", "pt"));
        faults.at("optimizer-written");
      }
      AtomicFiles.write(temp.resolve(CONFIG_FILE), config);
      faults.at("config-written");
      AtomicFiles.write(temp.resolve(TRAINER_FILE), trainer);
      faults.at("trainer-written");
      if (c.tokenizerJson() != null) {
        AtomicFiles.write(temp.resolve(TOKENIZER_FILE), c.tokenizerJson().getBytes(StandardCharsets.UTF_8));
        faults.at("tokenizer-written");
      }
      AtomicFiles.syncDirectory(temp);
      faults.at("temp-dir-synced");

      if (Files.exists(target)) {
        Files.move(target, backup, StandardCopyOption.ATOMIC_MOVE);
        faults.at("old-dir-moved-aside");
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      faults.at("new-dir-in-place");
      AtomicFiles.syncDirectory(parent);
    } catch (IOException | RuntimeException failure) {
      rollBack(target, backup, temp, failure);
      throw failure;
    }
    AtomicFiles.deleteRecursively(backup);
    AtomicFiles.syncDirectory(parent);
  }

  /** Puts the previous checkpoint back after a failed save; cleanup problems become suppressed. */
  private static void rollBack(Path target, Path backup, Path temp, Exception failure) {
    try {
      AtomicFiles.deleteRecursively(temp);
      if (!Files.exists(target) && Files.isDirectory(backup)) {
        Files.move(backup, target, StandardCopyOption.ATOMIC_MOVE);
        AtomicFiles.syncDirectory(target.getParent());
      }
    } catch (IOException | RuntimeException cleanup) {
      failure.addSuppressed(cleanup);
    }
  }

  /**
   * Loads and validates a checkpoint. If {@code dir} is missing but {@code <dir>.bak} exists (a
   * save was interrupted between its two renames), loads the backup and logs a warning.
   *
   * @throws IllegalArgumentException naming the directory or file and the problem: {@code not a
   *     checkpoint directory: <dir> (missing model.safetensors)}, invalid JSON, a trainer.json
   *     without an integer step, or any safetensors validation error
   * @throws IOException if a file cannot be read
   */
  public static Checkpoint load(Path dir) throws IOException {
    Path from = dir;
    if (!Files.exists(dir)) {
      Path backup = sibling(dir.toAbsolutePath().normalize(), ".bak");
      if (!Files.isDirectory(backup)) {
        throw new IllegalArgumentException("not a checkpoint directory: " + dir + " (it does not exist)");
      }
      LOG.log(System.Logger.Level.WARNING, "checkpoint {0} is missing: an interrupted save left its"
          + " previous version in {1}; loading that", dir, backup);
      from = backup;
    }
    if (!Files.isDirectory(from)) {
      throw new IllegalArgumentException("not a checkpoint directory: " + from + " (it is a file)");
    }
    for (String required : new String[] {MODEL_FILE, CONFIG_FILE, TRAINER_FILE}) {
      if (!Files.isRegularFile(from.resolve(required))) {
        throw new IllegalArgumentException("not a checkpoint directory: " + from + " (missing " + required + ")");
      }
    }
    Map<String, Tensor> model = Safetensors.readAll(from.resolve(MODEL_FILE));
    Path optimizerFile = from.resolve(OPTIMIZER_FILE);
    Map<String, Tensor> optimizer = Files.exists(optimizerFile) ? Safetensors.readAll(optimizerFile) : Map.of();
    Path configFile = from.resolve(CONFIG_FILE);
    Map<String, Object> config = Json.parseObject(readUtf8(configFile), configFile.toString());
    Path trainerFile = from.resolve(TRAINER_FILE);
    Map<String, Object> trainer = Json.parseObject(readUtf8(trainerFile), trainerFile.toString());
    if (Json.getLong(trainer, "step", trainerFile.toString()) < 0) {
      throw new IllegalArgumentException(trainerFile + ": field 'step' must be non-negative, got " + trainer.get("step"));
    }
    Path tokenizerFile = from.resolve(TOKENIZER_FILE);
    String tokenizer = null;
    if (Files.exists(tokenizerFile)) {
      tokenizer = readUtf8(tokenizerFile);
      Json.parse(tokenizer, tokenizerFile.toString());
    }
    return new Checkpoint(model, config, optimizer, trainer, tokenizer);
  }

  /** Deletes {@code <dir>.tmp-*} directories that an interrupted save left behind. */
  private static void deleteStaleTemps(Path parent, String prefix) throws IOException {
    try (DirectoryStream<Path> siblings = Files.newDirectoryStream(parent)) {
      for (Path p : siblings) {
        if (p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          AtomicFiles.deleteRecursively(p);
        }
      }
    }
  }

  private static Path sibling(Path dir, String suffix) {
    return dir.resolveSibling(dir.getFileName() + suffix);
  }

  private static String readUtf8(Path file) throws IOException {
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
          .toString();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": not valid UTF-8");
    }
  }
}
