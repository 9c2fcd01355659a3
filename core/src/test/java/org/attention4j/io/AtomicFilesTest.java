package org.attention4j.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  private List<String> names() throws IOException {
    try (var s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void write_bytes_createsThenReplacesTheFile() throws IOException {
    Path p = dir.resolve("a.txt");
    AtomicFiles.write(p, "one".getBytes(StandardCharsets.UTF_8));
    assertEquals("one", Files.readString(p));
    AtomicFiles.write(p, "two!".getBytes(StandardCharsets.UTF_8));
    assertEquals("two!", Files.readString(p));
    assertEquals(List.of("a.txt"), names());
  }

  @Test
  void write_largeStream_arrivesWhole() throws IOException {
    Path p = dir.resolve("big.bin");
    byte[] block = new byte[100_003];
    for (int i = 0; i < block.length; i++) block[i] = (byte) (i * 31);
    AtomicFiles.write(p, out -> {
      for (int i = 0; i < 7; i++) out.write(block);
      out.write(5);
    });
    byte[] back = Files.readAllBytes(p);
    assertEquals(7 * block.length + 1, back.length);
    assertArrayEquals(block, java.util.Arrays.copyOfRange(back, 6 * block.length, 7 * block.length));
    assertEquals(5, back[back.length - 1]);
  }

  @Test
  void write_writerFailsMidway_leavesPreviousFileAndNoTempFile() throws IOException {
    Path p = dir.resolve("a.txt");
    AtomicFiles.write(p, "previous".getBytes(StandardCharsets.UTF_8));
    IOException diskFull = new IOException("disk full");
    IOException thrown = assertThrows(IOException.class, () -> AtomicFiles.write(p, out -> {
      out.write(new byte[200_000]);
      throw diskFull;
    }));
    assertSame(diskFull, thrown);
    assertEquals("previous", Files.readString(p));
    assertEquals(List.of("a.txt"), names());
  }

  @Test
  void write_writerThrowsUnchecked_leavesPreviousFileAndNoTempFile() throws IOException {
    Path p = dir.resolve("a.txt");
    AtomicFiles.write(p, "previous".getBytes(StandardCharsets.UTF_8));
    assertThrows(IllegalStateException.class, () -> AtomicFiles.write(p, out -> {
      out.write(1);
      throw new IllegalStateException("bug");
    }));
    assertEquals("previous", Files.readString(p));
    assertEquals(List.of("a.txt"), names());
  }

  @Test
  void write_writerClosesTheStream_stillWritesTheFile() throws IOException {
    Path p = dir.resolve("a.txt");
    AtomicFiles.write(p, out -> {
      out.write("closed early".getBytes(StandardCharsets.UTF_8));
      out.close();
    });
    assertEquals("closed early", Files.readString(p));
  }

  @Test
  void write_targetIsADirectory_failsAndCleansUp() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("sub"));
    Files.writeString(sub.resolve("keep"), "x");
    assertThrows(IOException.class, () -> AtomicFiles.write(sub, new byte[] {1}));
    assertTrue(Files.isDirectory(sub));
    assertEquals(List.of("sub"), names());
  }

  @Test
  void syncDirectory_existingDirectory_doesNotThrow() {
    boolean synced = AtomicFiles.syncDirectory(dir);
    if (!System.getProperty("os.name").startsWith("Windows")) assertTrue(synced);
    assertFalse(AtomicFiles.syncDirectory(dir.resolve("missing")));
  }

  @Test
  void deleteRecursively_removesTreeAndIgnoresMissing() throws IOException {
    Path tree = Files.createDirectories(dir.resolve("t/a/b"));
    Files.writeString(tree.resolve("f"), "x");
    Files.writeString(dir.resolve("t/g"), "y");
    AtomicFiles.deleteRecursively(dir.resolve("t"));
    AtomicFiles.deleteRecursively(dir.resolve("t"));
    assertEquals(List.of(), names());
  }
}
