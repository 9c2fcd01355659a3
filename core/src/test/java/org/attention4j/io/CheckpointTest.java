package org.attention4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {
  @TempDir Path root;

  /** Stands for the process dying: {@link Checkpoint#save} does not catch errors, so no cleanup runs. */
  private static final class Crash extends Error {
    Crash(String point) {
      super("crash at " + point);
    }
  }

  private Path dir() {
    return root.resolve("ckpt");
  }

  /** A checkpoint whose every part depends on {@code step}, so versions are told apart. */
  private static Checkpoint checkpoint(long step) {
    Map<String, Tensor> model = new LinkedHashMap<>();
    model.put("embed.weight", Tensor.of(new float[] {step, 1, 2, 3, 4, 5}, 3, 2));
    model.put("head.bias", Tensor.of(new float[] {-step}));
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("dModel", 64L);
    config.put("heads", 4L);
    config.put("dropout", 0.1);
    config.put("name", "tiny \u00e9");
    config.put("layers", List.of(1L, 2L));
    config.put("tied", null);
    Map<String, Tensor> optimizer = Map.of("exp_avg.embed.weight", Tensor.full(step / 10f, 3, 2));
    Map<String, Object> trainer = new LinkedHashMap<>();
    trainer.put("step", step);
    trainer.put("epoch", 3L);
    trainer.put("rng", List.of(123456789L, -5L));
    trainer.put("lr", 3e-4);
    return new Checkpoint(model, config, optimizer, trainer, "{\"version\":\"1.0\",\"step\":" + step + "}");
  }

  private static void assertSameContent(Checkpoint expected, Checkpoint actual) {
    assertEquals(expected.model().keySet(), actual.model().keySet());
    for (String k : expected.model().keySet()) {
      assertEquals(expected.model().get(k).shape(), actual.model().get(k).shape(), k);
      assertArrayEquals(expected.model().get(k).toArray(), actual.model().get(k).toArray(), k);
    }
    assertEquals(expected.optimizer().keySet(), actual.optimizer().keySet());
    for (String k : expected.optimizer().keySet()) {
      assertArrayEquals(expected.optimizer().get(k).toArray(), actual.optimizer().get(k).toArray(), k);
    }
    assertEquals(expected.config(), actual.config());
    assertEquals(List.copyOf(expected.config().keySet()), List.copyOf(actual.config().keySet()));
    assertEquals(expected.trainer(), actual.trainer());
    assertEquals(expected.tokenizerJson(), actual.tokenizerJson());
  }

  /** Everything in the parent directory: after a clean save only the checkpoint itself. */
  private List<String> siblings() throws IOException {
    try (var s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void save_thenLoad_roundTripsEveryPart() throws IOException {
    Checkpoint c = checkpoint(120);
    Checkpoint.save(dir(), c);
    Checkpoint back = Checkpoint.load(dir());
    assertSameContent(c, back);
    assertEquals(120, back.step());
    try (var s = Files.list(dir())) {
      assertEquals(List.of("config.json", "model.safetensors", "optimizer.safetensors", "tokenizer.json", "trainer.json"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    try (SafetensorsFile f = Safetensors.read(dir().resolve("model.safetensors"))) {
      assertEquals(Map.of("format", "pt"), f.metadata());
    }
    assertTrue(Files.readString(dir().resolve("config.json")).startsWith("{\n  \"dModel\": 64,\n"));
    assertEquals(List.of("ckpt"), siblings());
  }

  @Test
  void save_withoutOptimizerOrTokenizer_writesOnlyRequiredFiles() throws IOException {
    Checkpoint c = new Checkpoint(Map.of("w", Tensor.scalar(2)), Map.of(), null, Map.of("step", 0), null);
    Checkpoint.save(dir(), c);
    try (var s = Files.list(dir())) {
      assertEquals(List.of("config.json", "model.safetensors", "trainer.json"),
          s.map(p -> p.getFileName().toString()).sorted().toList());
    }
    Checkpoint back = Checkpoint.load(dir());
    assertEquals(Map.of(), back.optimizer());
    assertNull(back.tokenizerJson());
    assertEquals(0, back.step());
  }

  @Test
  void save_overExistingCheckpoint_replacesItAndCleansUp() throws IOException {
    Checkpoint.save(dir(), checkpoint(1));
    Files.writeString(dir().resolve("stray.txt"), "from an older save");
    Checkpoint.save(dir(), checkpoint(2));
    assertSameContent(checkpoint(2), Checkpoint.load(dir()));
    assertFalse(Files.exists(dir().resolve("stray.txt")));
    assertEquals(List.of("ckpt"), siblings());
  }

  @ParameterizedTest
  @ValueSource(strings = {"temp-dir-created", "model-written", "optimizer-written", "config-written",
      "trainer-written", "tokenizer-written", "temp-dir-synced", "old-dir-moved-aside"})
  void save_crashBeforeNewDirIsInPlace_previousCheckpointStillLoads(String point) throws IOException {
    Checkpoint.save(dir(), checkpoint(1));
    assertThrows(Crash.class, () -> Checkpoint.save(dir(), checkpoint(2), at -> {
      if (at.equals(point)) throw new Crash(at);
    }));
    assertSameContent(checkpoint(1), Checkpoint.load(dir()));

    Checkpoint.save(dir(), checkpoint(3));
    assertSameContent(checkpoint(3), Checkpoint.load(dir()));
    assertEquals(List.of("ckpt"), siblings());
  }

  @Test
  void save_crashAfterNewDirIsInPlace_newCheckpointLoads() throws IOException {
    Checkpoint.save(dir(), checkpoint(1));
    assertThrows(Crash.class, () -> Checkpoint.save(dir(), checkpoint(2), at -> {
      if (at.equals("new-dir-in-place")) throw new Crash(at);
    }));
    assertSameContent(checkpoint(2), Checkpoint.load(dir()));
    assertEquals(List.of("ckpt", "ckpt.bak"), siblings());
    Checkpoint.save(dir(), checkpoint(3));
    assertEquals(List.of("ckpt"), siblings());
  }

  @Test
  void save_crashBetweenRenamesTwice_backupSurvivesUntilASaveCompletes() throws IOException {
    Checkpoint.save(dir(), checkpoint(1));
    Checkpoint.FaultInjector crashBetweenRenames = at -> {
      if (at.equals("old-dir-moved-aside")) throw new Crash(at);
    };
    assertThrows(Crash.class, () -> Checkpoint.save(dir(), checkpoint(2), crashBetweenRenames));
    assertFalse(Files.exists(dir()));
    // With <dir> missing, the next save has nothing to move aside; crash it before its swap.
    assertThrows(Crash.class, () -> Checkpoint.save(dir(), checkpoint(3), at -> {
      if (at.equals("temp-dir-synced")) throw new Crash(at);
    }));
    assertSameContent(checkpoint(1), Checkpoint.load(dir()));
    Checkpoint.save(dir(), checkpoint(4));
    assertSameContent(checkpoint(4), Checkpoint.load(dir()));
    assertEquals(List.of("ckpt"), siblings());
  }

  @ParameterizedTest
  @ValueSource(strings = {"temp-dir-created", "model-written", "trainer-written", "temp-dir-synced",
      "old-dir-moved-aside"})
  void save_ioFailure_rollsBackToPreviousCheckpoint(String point) throws IOException {
    Checkpoint.save(dir(), checkpoint(1));
    IOException failure = new IOException("disk full");
    IOException thrown = assertThrows(IOException.class, () -> Checkpoint.save(dir(), checkpoint(2), at -> {
      if (at.equals(point)) throw failure;
    }));
    assertSame(failure, thrown);
    assertEquals(List.of("ckpt"), siblings());
    assertSameContent(checkpoint(1), Checkpoint.load(dir()));
  }

  @Test
  void save_firstSaveFails_leavesNothingBehind() {
    assertThrows(IOException.class, () -> Checkpoint.save(dir(), checkpoint(1), at -> {
      if (at.equals("config-written")) throw new IOException("disk full");
    }));
    assertFalse(Files.exists(root.resolve("ckpt")));
    assertEquals("not a checkpoint directory: " + dir() + " (it does not exist)",
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir())).getMessage());
  }

  @Test
  void save_deletesStaleTempDirectories() throws IOException {
    Files.createDirectories(root.resolve("ckpt.tmp-0123abcd/model.safetensors"));
    Files.createDirectories(root.resolve("other.tmp-1"));
    Checkpoint.save(dir(), checkpoint(1));
    assertEquals(List.of("ckpt", "other.tmp-1"), siblings());
  }

  @Test
  void save_unwritableConfig_failsBeforeTouchingTheDisk() throws IOException {
    Map<String, Object> config = Map.of("lr", Double.NaN);
    Checkpoint c = new Checkpoint(Map.of(), config, null, Map.of("step", 1L), null);
    assertEquals("Json.write: NaN is not representable in JSON at $.lr",
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(dir(), c)).getMessage());
    Checkpoint badTokenizer = new Checkpoint(Map.of(), Map.of(), null, Map.of("step", 1L), "{\"a\":}");
    assertEquals("Checkpoint: tokenizerJson: offset 5 (line 1, column 6): expected a value for object key \"a\", got '}'",
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.save(dir(), badTokenizer)).getMessage());
    assertEquals(List.of(), siblings());
  }

  @Test
  void constructor_trainerWithoutStep_isRejected() {
    assertEquals("Checkpoint: trainer must hold a non-negative integer \"step\", got null",
        assertThrows(IllegalArgumentException.class,
            () -> new Checkpoint(Map.of(), Map.of(), null, Map.of("epoch", 1), null)).getMessage());
    assertEquals("Checkpoint: trainer must hold a non-negative integer \"step\", got 1.5",
        assertThrows(IllegalArgumentException.class,
            () -> new Checkpoint(Map.of(), Map.of(), null, Map.of("step", 1.5), null)).getMessage());
  }

  @Test
  void load_missingBackupOnly_recoversFromBackup() throws IOException {
    Checkpoint.save(dir(), checkpoint(7));
    Files.move(dir(), root.resolve("ckpt.bak"));
    assertSameContent(checkpoint(7), Checkpoint.load(dir()));
  }

  @Test
  void load_notACheckpoint_saysWhatIsMissing() throws IOException {
    Checkpoint.save(dir(), checkpoint(1));
    Files.delete(dir().resolve("config.json"));
    assertEquals("not a checkpoint directory: " + dir() + " (missing config.json)",
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir())).getMessage());
    Files.delete(dir().resolve("model.safetensors"));
    assertEquals("not a checkpoint directory: " + dir() + " (missing model.safetensors)",
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir())).getMessage());
    Path file = Files.writeString(root.resolve("plain.txt"), "x");
    assertEquals("not a checkpoint directory: " + file + " (it is a file)",
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(file)).getMessage());
  }

  @Test
  void load_corruptFiles_nameTheFileAndTheProblem() throws IOException {
    Checkpoint.save(dir(), checkpoint(1));
    Path config = dir().resolve("config.json");
    Files.writeString(config, "{\"dModel\": 64,}");
    assertEquals(config + ": offset 14 (line 1, column 15): expected '\"' to start an object key after ',', got '}'"
        + " (trailing commas are not allowed)",
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir())).getMessage());

    Checkpoint.save(dir(), checkpoint(1));
    Path trainer = dir().resolve("trainer.json");
    Files.writeString(trainer, "{\"epoch\": 2}");
    assertEquals(trainer + ": missing field 'step'",
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir())).getMessage());
    Files.writeString(trainer, "{\"step\": -3}");
    assertEquals(trainer + ": field 'step' must be non-negative, got -3",
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir())).getMessage());

    Checkpoint.save(dir(), checkpoint(1));
    Path model = dir().resolve("model.safetensors");
    byte[] bytes = Files.readAllBytes(model);
    Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir())).getMessage()
        .startsWith(model + ": tensor \"head.bias\": data_offsets [24, 28] are out of range"));

    Checkpoint.save(dir(), checkpoint(1));
    Path tokenizer = dir().resolve("tokenizer.json");
    Files.write(tokenizer, new byte[] {'"', (byte) 0xC3, '"'});
    assertEquals(tokenizer + ": not valid UTF-8",
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.load(dir())).getMessage());
  }
}
