package org.attention4j.io;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes files so that readers see either the old content or the complete new content, never a
 * mix, even across a crash or power loss.
 *
 * <p>The recipe: write a fresh temp file {@code .<name>.tmp-<random>} in the target's directory,
 * {@code fsync} it, rename it over the target with {@link StandardCopyOption#ATOMIC_MOVE}, then
 * {@code fsync} the directory so that the rename itself is durable. If writing fails the temp
 * file is deleted and the target is untouched. A process killed mid-write can leave a temp file
 * behind; it never replaces the target.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Streams a file's content; the stream it gets need not be closed (closing only flushes). */
  @FunctionalInterface
  public interface ContentWriter {
    /**
     * Writes the content.
     *
     * @throws IOException to abandon the write; the target is left as it was
     */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Atomically replaces (or creates) {@code target} with {@code bytes}.
   *
   * @throws IOException if the directory is not writable or the disk fails; the target is then
   *     unchanged and no temp file is left
   */
  public static void write(Path target, byte[] bytes) throws IOException {
    write(target, out -> out.write(bytes));
  }

  /**
   * Atomically replaces (or creates) {@code target} with what {@code writer} writes. The stream
   * is buffered.
   *
   * @throws IOException if {@code writer} throws one or the file system fails; the target is then
   *     unchanged and no temp file is left (the same holds for unchecked exceptions, which
   *     propagate as they are)
   */
  public static void write(Path target, ContentWriter writer) throws IOException {
    Path abs = target.toAbsolutePath();
    Path dir = abs.getParent();
    Path tmp = dir.resolve("." + abs.getFileName() + ".tmp-" + randomSuffix());
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        OutputStream buffered = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
        writer.writeTo(new FilterOutputStream(buffered) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            buffered.write(b, off, len); // FilterOutputStream would write byte by byte
          }

          @Override
          public void close() throws IOException {
            buffered.flush(); // the channel stays open until it has been forced
          }
        });
        buffered.flush();
        ch.force(true);
      }
      Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (Throwable failure) {
      try {
        Files.deleteIfExists(tmp);
      } catch (IOException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw failure;
    }
    syncDirectory(dir);
  }

  /**
   * Flushes a directory's entries (new names, renames) to disk, where the platform allows it:
   * Linux and macOS do, Windows cannot open a directory for this and needs nothing more.
   *
   * @return whether the directory was synced
   */
  public static boolean syncDirectory(Path dir) {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
      return true;
    } catch (IOException platformDoesNotAllow) {
      return false;
    }
  }

  /**
   * Deletes a file or a directory tree (without following links); nothing happens if it is missing.
   *
   * @throws IOException if something cannot be deleted
   */
  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) return;
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
        if (failure != null) throw failure;
        Files.delete(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  /** A random hex string for temp names; {@code CREATE_NEW} still guards against a clash. */
  static String randomSuffix() {
    return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
  }
}
