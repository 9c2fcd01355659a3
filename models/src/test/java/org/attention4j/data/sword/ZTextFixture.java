package org.attention4j.data.sword;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;

/**
 * Writes small zText modules byte by byte for tests: a {@code .conf} in
 * {@code root/mods.d} and the {@code .bzs/.bzv/.bzz} files of each testament, with
 * {@code entriesPerBlock} consecutive entries to a block and the 1024 zero bytes of
 * padding after each zlib stream that the Debian modules have.
 */
public final class ZTextFixture {

  private ZTextFixture() {}

  /** The standard conf of a fixture module, plus extra lines. */
  public static String conf(String name, String... extraLines) {
    StringBuilder sb = new StringBuilder()
        .append("# test module\n")
        .append('[').append(name).append("]\n")
        .append("DataPath=./modules/texts/ztext/").append(name).append("/\n")
        .append("ModDrv=zText\n")
        .append("SourceType=OSIS\n")
        .append("Encoding=UTF-8\n")
        .append("CompressType=ZIP\n")
        .append("BlockType=BOOK\n")
        .append("Versification=KJV\n")
        .append("Version=1.0\n");
    for (String line : extraLines) {
      sb.append(line).append('\n');
    }
    return sb.toString();
  }

  /** Writes {@code root/mods.d/<fileName>.conf}; returns its path. */
  public static Path writeConf(Path root, String fileName, String text) throws IOException {
    Path mods = Files.createDirectories(root.resolve("mods.d"));
    Path p = mods.resolve(fileName + ".conf");
    Files.writeString(p, text);
    return p;
  }

  /** The data directory the standard conf points at. */
  public static Path dataDir(Path root, String name) throws IOException {
    return Files.createDirectories(root.resolve("modules/texts/ztext/" + name));
  }

  /** Writes one testament's three files; {@code ""} entries are empty. */
  public static void writeTestament(Path dir, Testament t, String[] entries, int entriesPerBlock)
      throws IOException {
    ByteArrayOutputStream bzs = new ByteArrayOutputStream();
    ByteArrayOutputStream bzv = new ByteArrayOutputStream();
    ByteArrayOutputStream bzz = new ByteArrayOutputStream();
    ByteArrayOutputStream block = new ByteArrayOutputStream();
    int blockNo = 0;
    for (int e = 0; e < entries.length; e++) {
      byte[] text = entries[e].getBytes(StandardCharsets.UTF_8);
      if (text.length == 0) {
        bzv.write(le(0, 0, 0));
      } else {
        bzv.write(le(blockNo, block.size(), text.length));
        block.write(text);
      }
      boolean blockEnd = (e + 1) % entriesPerBlock == 0 || e + 1 == entries.length;
      if (blockEnd && block.size() > 0) {
        byte[] raw = block.toByteArray();
        byte[] compressed = zlib(raw);
        bzs.write(ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN)
            .putInt(bzz.size()).putInt(compressed.length + 1024).putInt(raw.length).array());
        bzz.write(compressed);
        bzz.write(new byte[1024]);
        block.reset();
        blockNo++;
      }
    }
    String p = t.filePrefix();
    Files.write(dir.resolve(p + ".bzs"), bzs.toByteArray());
    Files.write(dir.resolve(p + ".bzv"), bzv.toByteArray());
    Files.write(dir.resolve(p + ".bzz"), bzz.toByteArray());
  }

  /** One 10-byte verse-index entry. */
  public static byte[] le(long block, long offset, int size) {
    return ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN)
        .putInt((int) block).putInt((int) offset).putShort((short) size).array();
  }

  public static byte[] zlib(byte[] raw) {
    Deflater d = new Deflater(9);
    d.setInput(raw);
    d.finish();
    byte[] buf = new byte[raw.length + 64];
    int n = d.deflate(buf);
    d.end();
    return java.util.Arrays.copyOf(buf, n);
  }

  /** Overwrites bytes of a file at an offset. */
  public static void patch(Path file, int offset, byte[] bytes) throws IOException {
    byte[] all = Files.readAllBytes(file);
    System.arraycopy(bytes, 0, all, offset, bytes.length);
    Files.write(file, all);
  }

  /** Overwrites a little-endian u32 of a file. */
  public static void patchU32(Path file, int offset, long value) throws IOException {
    patch(file, offset, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
        .putInt((int) value).array());
  }

  /** Cuts a file to its first {@code size} bytes. */
  public static void truncate(Path file, int size) throws IOException {
    byte[] all = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(all, size));
  }
}
