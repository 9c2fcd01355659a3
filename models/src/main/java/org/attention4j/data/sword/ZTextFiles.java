package org.attention4j.data.sword;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads and validates one testament's zText files ({@code .bzs}, {@code .bzv},
 * {@code .bzz}) into one string per verse-index entry. Everything is checked up front:
 * file sizes, entry count against the versification, block and entry ranges, every
 * block inflates to exactly its recorded size, every entry decodes.
 */
final class ZTextFiles {

  static final int BLOCK_ENTRY_BYTES = 12; // u32 offset, u32 compressed size, u32 size
  static final int VERSE_ENTRY_BYTES = 10; // u32 block, u32 offset, u16 size
  /** zlib's deflate cannot expand data by more than about 1032:1. */
  private static final long MAX_INFLATE_RATIO = 1032;

  private ZTextFiles() {}

  /** Whether any of the testament's three files exists in {@code dir}. */
  static boolean present(Path dir, Testament t) {
    for (String ext : new String[] {".bzs", ".bzv", ".bzz"}) {
      if (Files.exists(dir.resolve(t.filePrefix() + ext))) {
        return true;
      }
    }
    return false;
  }

  /**
   * Reads a testament.
   *
   * @return one string per {@code .bzv} entry, {@code ""} for empty entries
   * @throws SwordFormatException naming the file, the entry or block and the rule
   */
  static String[] read(Path dir, Testament t, Versification v, SwordConf.TextEncoding encoding)
      throws IOException {
    Path bzsPath = dir.resolve(t.filePrefix() + ".bzs");
    Path bzvPath = dir.resolve(t.filePrefix() + ".bzv");
    Path bzzPath = dir.resolve(t.filePrefix() + ".bzz");
    for (Path p : new Path[] {bzsPath, bzvPath, bzzPath}) {
      if (!Files.isRegularFile(p)) {
        throw new SwordFormatException(p + ": missing (a zText testament needs "
            + t.filePrefix() + ".bzs, " + t.filePrefix() + ".bzv and " + t.filePrefix() + ".bzz)");
      }
    }
    byte[] bzs = Files.readAllBytes(bzsPath);
    byte[] bzv = Files.readAllBytes(bzvPath);
    byte[] bzz = Files.readAllBytes(bzzPath);

    // Block index.
    if (bzs.length % BLOCK_ENTRY_BYTES != 0) {
      throw new SwordFormatException(bzsPath + ": size " + bzs.length
          + " is not a multiple of 12 (one block entry = u32 offset, u32 compressed size,"
          + " u32 size); the file is truncated or corrupt");
    }
    int blockCount = bzs.length / BLOCK_ENTRY_BYTES;
    long[] blockStart = new long[blockCount];
    long[] blockCompressed = new long[blockCount];
    long[] blockSize = new long[blockCount];
    for (int b = 0; b < blockCount; b++) {
      int at = b * BLOCK_ENTRY_BYTES;
      blockStart[b] = u32(bzs, at);
      blockCompressed[b] = u32(bzs, at + 4);
      blockSize[b] = u32(bzs, at + 8);
      long end = blockStart[b] + blockCompressed[b];
      if (end > bzz.length) {
        throw new SwordFormatException(bzsPath + ": block " + b + " spans bytes ["
            + blockStart[b] + ", " + end + "), but " + bzzPath + " has " + bzz.length + " bytes");
      }
      if (blockSize[b] > MAX_INFLATE_RATIO * blockCompressed[b] + 64
          || blockSize[b] > Integer.MAX_VALUE - 16) {
        throw new SwordFormatException(bzsPath + ": block " + b + " claims " + blockSize[b]
            + " uncompressed bytes from " + blockCompressed[b]
            + " compressed bytes, more than zlib can produce");
      }
    }

    // Verse index.
    if (bzv.length % VERSE_ENTRY_BYTES != 0) {
      throw new SwordFormatException(bzvPath + ": size " + bzv.length
          + " is not a multiple of 10 (one verse entry = u32 block, u32 offset, u16 size);"
          + " the file is truncated or corrupt");
    }
    int entryCount = bzv.length / VERSE_ENTRY_BYTES;
    int expected = v.entryCount(t);
    if (entryCount != expected) {
      throw new SwordFormatException(bzvPath + ": " + entryCount + " entries, but the "
          + v.name() + " versification needs " + expected + " for the " + t
          + " (2 + one per book + one per chapter + one per verse)");
    }
    int[] entryBlock = new int[entryCount];
    int[] entryOffset = new int[entryCount];
    int[] entrySize = new int[entryCount];
    for (int e = 0; e < entryCount; e++) {
      int at = e * VERSE_ENTRY_BYTES;
      long block = u32(bzv, at);
      long offset = u32(bzv, at + 4);
      int size = u16(bzv, at + 8);
      if (size == 0) {
        continue; // an empty entry; its block and offset mean nothing
      }
      if (block >= blockCount) {
        throw new SwordFormatException(bzvPath + ": entry " + e + " (" + v.entryLabel(t, e)
            + ") points at block " + block + ", but " + bzsPath + " has " + blockCount
            + " blocks");
      }
      if (offset + size > blockSize[(int) block]) {
        throw new SwordFormatException(bzvPath + ": entry " + e + " (" + v.entryLabel(t, e)
            + ") spans bytes [" + offset + ", " + (offset + size) + ") of block " + block
            + ", but " + bzsPath + " says block " + block + " inflates to "
            + blockSize[(int) block] + " bytes");
      }
      entryBlock[e] = (int) block;
      entryOffset[e] = (int) offset;
      entrySize[e] = size;
    }

    // Blocks.
    byte[][] blocks = new byte[blockCount][];
    Inflater inflater = new Inflater();
    try {
      for (int b = 0; b < blockCount; b++) {
        blocks[b] = inflate(inflater, bzz, (int) blockStart[b], (int) blockCompressed[b],
            (int) blockSize[b], b, bzzPath, bzsPath);
      }
    } finally {
      inflater.end();
    }

    // Entries.
    CharsetDecoder decoder = (encoding == SwordConf.TextEncoding.UTF_8
        ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    String[] entries = new String[entryCount];
    for (int e = 0; e < entryCount; e++) {
      if (entrySize[e] == 0) {
        entries[e] = "";
        continue;
      }
      try {
        entries[e] = decoder.decode(
            ByteBuffer.wrap(blocks[entryBlock[e]], entryOffset[e], entrySize[e])).toString();
      } catch (CharacterCodingException ex) {
        throw new SwordFormatException(bzvPath + ": entry " + e + " (" + v.entryLabel(t, e)
            + ") in block " + entryBlock[e] + " is not valid " + decoder.charset().name(), ex);
      }
    }
    return entries;
  }

  private static byte[] inflate(Inflater inflater, byte[] bzz, int start, int length, int size,
      int block, Path bzzPath, Path bzsPath) throws SwordFormatException {
    String where = bzzPath + ": block " + block + " (bytes [" + start + ", " + (start + length)
        + "))";
    inflater.reset();
    inflater.setInput(bzz, start, length);
    byte[] out = new byte[size + 1]; // one spare byte shows a block that is too long
    int produced = 0;
    try {
      while (!inflater.finished() && produced < out.length) {
        int n = inflater.inflate(out, produced, out.length - produced);
        produced += n;
        if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
      }
    } catch (DataFormatException e) {
      throw new SwordFormatException(where + " is not a valid zlib stream: " + e.getMessage(), e);
    }
    if (produced > size) {
      throw new SwordFormatException(
          where + " inflates to more than " + size + " bytes, but " + bzsPath + " says " + size);
    }
    if (!inflater.finished()) {
      throw new SwordFormatException(where + " ends before its zlib stream does after "
          + produced + " of " + size + " bytes; the block is truncated");
    }
    if (produced != size) {
      throw new SwordFormatException(
          where + " inflates to " + produced + " bytes, but " + bzsPath + " says " + size);
    }
    // Bytes after the end of the zlib stream (the Debian modules pad each block with
    // 1024 zeros) are ignored.
    return produced == out.length ? out : java.util.Arrays.copyOf(out, produced);
  }

  private static long u32(byte[] b, int at) {
    return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16
        | (b[at + 3] & 0xFFL) << 24;
  }

  private static int u16(byte[] b, int at) {
    return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
  }
}
