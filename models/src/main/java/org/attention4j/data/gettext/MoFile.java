package org.attention4j.data.gettext;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attention4j.data.CorpusFormatException;

/**
 * Reads GNU gettext {@code .mo} files (the format {@code msgfmt} writes; GNU gettext manual,
 * "The Format of GNU MO Files").
 *
 * <pre>
 *  offset  field (32-bit unsigned, in the byte order that makes the magic read 0x950412de)
 *   0      magic 0x950412de
 *   4      revision: major &lt;&lt; 16 | minor; major 0 or 1, minor 0 or 1
 *   8      N  number of strings
 *  12      O  offset of the originals table: N × (length, offset)
 *  16      T  offset of the translations table: N × (length, offset)
 *  20      S  size of the hash table
 *  24      H  offset of the hash table: S × index+1 (0 = empty slot)
 *  (minor revision 1 only: system-dependent strings)
 *  28      M  number of system-dependent segments;  32  Y  their table: M × (length, offset)
 *  36      P  number of system-dependent strings;   40  J / 44 K  tables of P offsets of
 *             (original / translated) string descriptors: static-part offset, then
 *             (static length, segment index) pairs up to segment index 0xFFFFFFFF
 * </pre>
 *
 * Each string is followed by a NUL that its length does not count. An original is {@code
 * msgctxt \u0004 msgid} or {@code msgid}, with {@code \0 msgid_plural} appended for plural
 * messages; a plural translation is {@code msgstr[0] \0 msgstr[1] ...}. A system-dependent
 * string is rebuilt with each segment written as {@code msgunfmt} writes it: {@code <PRIuMAX>},
 * or {@code I} for the {@code I} flag — so {@code "%" PRIuMAX} reads as {@code %<PRIuMAX>}.
 *
 * <p>Everything is checked, and a {@link CorpusFormatException} names the file, the string
 * index (or table) and the broken rule: file shorter than its header, bad magic, unknown
 * revision, a table or string running past the end, a string not NUL-terminated, a hash slot
 * pointing at no string, an original with more than two NUL-separated parts, plural forms in
 * the translation of a message that has none, strings that are not valid in the charset the
 * header declares. Only UTF-8 (and its subset ASCII) is decoded by default; a catalog in
 * another charset is refused with the way to convert it, or, when asked ({@code
 * otherCharsets}), decoded strictly with the JDK's charset of that name. A catalog without a
 * header, or whose header leaves the charset as the template's {@code CHARSET}, is read as
 * strict UTF-8.
 *
 * <p>Fuzzy translations carry no mark in a {@code .mo} file: {@code msgfmt} leaves them out
 * unless run with {@code --use-fuzzy}, and if it was, they cannot be told apart. Likewise
 * untranslated messages are normally absent; {@link MoEntry#isUntranslated} finds any that are
 * there.
 */
public final class MoFile {

  /** The magic number, as read in the file's own byte order. */
  public static final int MAGIC = 0x950412de;

  private static final int HEADER = 28;
  private static final int SYSDEP_HEADER = 48;
  private static final long END_OF_SEGMENTS = 0xFFFFFFFFL;
  private static final Pattern NPLURALS = Pattern.compile("nplurals\\s*=\\s*(\\d+)");
  private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*([^\\s;]+)");

  private final byte[] data;
  private final String name;
  private final ByteBuffer buf;
  private final boolean otherCharsets;

  private MoFile(byte[] data, String name, ByteOrder order, boolean otherCharsets) {
    this.data = data;
    this.name = name;
    this.buf = ByteBuffer.wrap(data).order(order);
    this.otherCharsets = otherCharsets;
  }

  /** Reads and parses a file; messages name it by its path. Only UTF-8 (and ASCII). */
  public static MoCatalog read(Path file) throws IOException {
    return read(file, false);
  }

  /**
   * Reads and parses a file; messages name it by its path.
   *
   * @param otherCharsets also decode catalogs whose header declares another charset that the
   *     JDK knows (EUC-JP, ISO-8859-1, GB2312, ...), strictly
   */
  public static MoCatalog read(Path file, boolean otherCharsets) throws IOException {
    return parse(Files.readAllBytes(file), file.toString(), otherCharsets);
  }

  /** {@link #parse(byte[], String, boolean)} for UTF-8 (and ASCII) catalogs only. */
  public static MoCatalog parse(byte[] data, String name) throws CorpusFormatException {
    return parse(data, name, false);
  }

  /**
   * Parses the bytes of a {@code .mo} file.
   *
   * @param name the file name used in messages
   * @param otherCharsets whether charsets other than UTF-8 and ASCII are decoded (when the
   *     JDK knows them) rather than refused
   * @throws CorpusFormatException naming {@code name}, the string or table and the rule
   */
  public static MoCatalog parse(byte[] data, String name, boolean otherCharsets)
      throws CorpusFormatException {
    if (data.length < HEADER) {
      throw new CorpusFormatException(name + ": " + (data.length == 0 ? "file is empty"
          : "file is " + data.length + " bytes, shorter than the 28-byte .mo header")
          + "; the file is truncated or not a .mo file");
    }
    ByteOrder order;
    if (ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).getInt(0) == MAGIC) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN).getInt(0) == MAGIC) {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      throw new CorpusFormatException(name + String.format(
          ": bad magic number 0x%08x (expected 0x950412de in either byte order); not a GNU .mo"
              + " file", ByteBuffer.wrap(data).order(ByteOrder.BIG_ENDIAN).getInt(0)));
    }
    return new MoFile(data, name, order, otherCharsets).parse();
  }

  private long u32(long offset) {
    return Integer.toUnsignedLong(buf.getInt((int) offset));
  }

  private CorpusFormatException error(String message) {
    return new CorpusFormatException(name + ": " + message);
  }

  private void checkTable(String what, long offset, long count, int entryBytes)
      throws CorpusFormatException {
    if (offset + count * entryBytes > data.length) {
      throw error(what + " (offset " + offset + ", " + count + " entries of " + entryBytes
          + " bytes) runs past the end of the file (" + data.length
          + " bytes); the file is truncated");
    }
  }

  private MoCatalog parse() throws CorpusFormatException {
    int revision = buf.getInt(4);
    int major = revision >>> 16;
    int minor = revision & 0xFFFF;
    if (major > 1 || minor > 1) {
      throw error("unsupported format revision " + major + "." + minor
          + " (major and minor revision 0 or 1 expected)");
    }
    long n = u32(8);
    long originals = u32(12);
    long translations = u32(16);
    long hashSize = u32(20);
    long hashOffset = u32(24);
    checkTable("originals table", originals, n, 8);
    checkTable("translations table", translations, n, 8);
    checkTable("hash table", hashOffset, hashSize, 4);

    long segments = 0;
    long segmentTable = 0;
    long sysdep = 0;
    long sysdepOriginals = 0;
    long sysdepTranslations = 0;
    if (minor >= 1) {
      if (data.length < SYSDEP_HEADER) {
        throw error("file is " + data.length + " bytes, shorter than the 48-byte header of"
            + " revision " + major + "." + minor + "; the file is truncated");
      }
      segments = u32(28);
      segmentTable = u32(32);
      sysdep = u32(36);
      sysdepOriginals = u32(40);
      sysdepTranslations = u32(44);
      checkTable("system-dependent segment table", segmentTable, segments, 8);
      checkTable("system-dependent originals table", sysdepOriginals, sysdep, 4);
      checkTable("system-dependent translations table", sysdepTranslations, sysdep, 4);
    }
    long strings = n + sysdep;
    for (long slot = 0; slot < hashSize; slot++) {
      long v = u32(hashOffset + 4 * slot);
      if (v != 0 && v - 1 >= strings) {
        throw error("hash table slot " + slot + " points to string " + (v - 1)
            + ", but the catalog has only " + strings + " strings");
      }
    }

    // Raw bytes of every string, static then system-dependent.
    List<byte[]> rawOriginals = new ArrayList<>();
    List<byte[]> rawTranslations = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rawOriginals.add(staticString(i, "original", originals + 8L * i));
      rawTranslations.add(staticString(i, "translation", translations + 8L * i));
    }
    String[] segmentNames = new String[(int) segments];
    for (int s = 0; s < segments; s++) {
      segmentNames[s] = segmentName(s, segmentTable + 8L * s);
    }
    for (int j = 0; j < sysdep; j++) {
      int index = (int) n + j;
      rawOriginals.add(sysdepString(index, "original", u32(sysdepOriginals + 4L * j),
          segmentNames));
      rawTranslations.add(sysdepString(index, "translation",
          u32(sysdepTranslations + 4L * j), segmentNames));
    }

    // The header: the translation of the empty original.
    Map<String, String> header = new LinkedHashMap<>();
    int headerIndex = -1;
    for (int i = 0; i < n; i++) {
      if (rawOriginals.get(i).length == 0) {
        headerIndex = i;
        break;
      }
    }
    if (headerIndex >= 0) {
      String text = new String(rawTranslations.get(headerIndex), StandardCharsets.ISO_8859_1);
      for (String line : text.split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          header.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
      }
    }
    String declared = null;
    Matcher cm = CHARSET.matcher(header.getOrDefault("Content-Type", ""));
    if (cm.find()) {
      declared = cm.group(1);
    }
    Charset charset = charset(declared);
    String charsetNote = declared == null || declared.equals("CHARSET")
        ? "no charset declared; read as UTF-8" : "the header declares charset=" + declared;

    List<MoEntry> entries = new ArrayList<>();
    for (int i = 0; i < rawOriginals.size(); i++) {
      entries.add(entry(i, rawOriginals.get(i), rawTranslations.get(i), i >= n, charset,
          charsetNote));
    }
    if (headerIndex >= 0) { // decode the header fields properly now
      header.clear();
      for (String line : entries.get(headerIndex).msgstr().getFirst().split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          header.putIfAbsent(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
        }
      }
    }
    int nplurals = 0;
    Matcher pm = NPLURALS.matcher(header.getOrDefault("Plural-Forms", ""));
    if (pm.find()) {
      try {
        nplurals = Integer.parseInt(pm.group(1));
      } catch (NumberFormatException e) {
        throw error("header: Plural-Forms nplurals=" + pm.group(1) + " is not a small number");
      }
    }
    return new MoCatalog(name, buf.order(), revision, entries, header, charset.name(), nplurals);
  }

  private Charset charset(String declared) throws CorpusFormatException {
    if (declared == null) {
      return StandardCharsets.UTF_8;
    }
    String c = declared.toUpperCase(Locale.ROOT);
    return switch (c) {
      case "UTF-8", "UTF8", "CHARSET" -> StandardCharsets.UTF_8;
      case "ASCII", "US-ASCII", "ANSI_X3.4-1968" -> StandardCharsets.US_ASCII;
      default -> {
        if (otherCharsets) {
          try {
            yield Charset.forName(declared);
          } catch (IllegalArgumentException unknown) {
            throw error("header declares charset=" + declared + ", which this JDK cannot"
                + " decode");
          }
        }
        throw error("header declares charset=" + declared + "; only UTF-8 (or ASCII)"
            + " catalogs are read: convert it first, e.g. msgunfmt FILE.mo | msgconv"
            + " --to-code=UTF-8 | msgfmt -o FILE-utf8.mo -");
      }
    };
  }

  private byte[] staticString(int index, String what, long descriptor)
      throws CorpusFormatException {
    long length = u32(descriptor);
    long offset = u32(descriptor + 4);
    if (offset + length + 1 > data.length) {
      throw error("string " + index + " (" + what + "): bytes " + offset + ".." + (offset
          + length) + " and the NUL after them run past the end of the file (" + data.length
          + " bytes)");
    }
    int end = (int) (offset + length);
    if (data[end] != 0) {
      throw error("string " + index + " (" + what + ") is not NUL-terminated (byte at offset "
          + end + " is " + String.format("0x%02x", data[end] & 0xFF) + ")");
    }
    byte[] out = new byte[(int) length];
    System.arraycopy(data, (int) offset, out, 0, out.length);
    return out;
  }

  private String segmentName(int s, long descriptor) throws CorpusFormatException {
    long length = u32(descriptor);
    long offset = u32(descriptor + 4);
    if (length == 0 || offset + length > data.length) {
      throw error("system-dependent segment " + s + ": name at offset " + offset + ", length "
          + length + (length == 0 ? " is empty" : " runs past the end of the file ("
          + data.length + " bytes)"));
    }
    int end = (int) (offset + length - 1);
    if (data[end] != 0) {
      throw error("system-dependent segment " + s + ": name is not NUL-terminated");
    }
    String segment = new String(data, (int) offset, end - (int) offset,
        StandardCharsets.ISO_8859_1);
    return segment.equals("I") ? "I" : "<" + segment + ">";
  }

  private byte[] sysdepString(int index, String what, long descriptor, String[] segmentNames)
      throws CorpusFormatException {
    String where = "string " + index + " (system-dependent " + what + ")";
    if (descriptor + 4 > data.length) {
      throw error(where + ": descriptor at offset " + descriptor
          + " runs past the end of the file (" + data.length + " bytes)");
    }
    long pos = u32(descriptor);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (long d = descriptor + 4; ; d += 8) {
      if (d + 8 > data.length) {
        throw error(where + ": segment list at offset " + d + " runs past the end of the file ("
            + data.length + " bytes) before its end mark");
      }
      long size = u32(d);
      long ref = u32(d + 4);
      if (pos + size > data.length) {
        throw error(where + ": static part at offset " + pos + ", length " + size
            + " runs past the end of the file (" + data.length + " bytes)");
      }
      out.write(data, (int) pos, (int) size);
      pos += size;
      if (ref == END_OF_SEGMENTS) {
        break;
      }
      if (ref >= segmentNames.length) {
        throw error(where + ": refers to segment " + ref + ", but there are only "
            + segmentNames.length);
      }
      out.writeBytes(segmentNames[(int) ref].getBytes(StandardCharsets.US_ASCII));
    }
    byte[] bytes = out.toByteArray();
    if (bytes.length == 0 || bytes[bytes.length - 1] != 0) {
      throw error(where + " is not NUL-terminated");
    }
    return Arrays.copyOf(bytes, bytes.length - 1);
  }

  private MoEntry entry(int index, byte[] original, byte[] translation, boolean sysdep,
      Charset charset, String charsetNote) throws CorpusFormatException {
    String context = null;
    int idStart = 0;
    for (int k = 0; k < original.length; k++) {
      if (original[k] == 4) {
        context = decode(index, "original", original, 0, k, charset, charsetNote);
        idStart = k + 1;
        break;
      }
    }
    List<String> idParts = split(index, "original", original, idStart, charset, charsetNote);
    if (idParts.size() > 2) {
      throw error("string " + index + " (original) has " + idParts.size()
          + " NUL-separated parts; at most 2 expected (msgid and msgid_plural)");
    }
    List<String> forms = split(index, "translation", translation, 0, charset, charsetNote);
    if (idParts.size() == 1 && forms.size() > 1) {
      throw error("string " + index + ": the translation has " + forms.size()
          + " NUL-separated plural forms, but the original has no msgid_plural");
    }
    return new MoEntry(index, context, idParts.get(0), idParts.size() == 2 ? idParts.get(1)
        : null, forms, sysdep);
  }

  private List<String> split(int index, String what, byte[] bytes, int from, Charset charset,
      String charsetNote) throws CorpusFormatException {
    List<String> parts = new ArrayList<>();
    int start = from;
    for (int k = from; k <= bytes.length; k++) {
      if (k == bytes.length || bytes[k] == 0) {
        parts.add(decode(index, what, bytes, start, k, charset, charsetNote));
        start = k + 1;
      }
    }
    return parts;
  }

  private String decode(int index, String what, byte[] bytes, int from, int to, Charset charset,
      String charsetNote) throws CorpusFormatException {
    try {
      return charset.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
    } catch (CharacterCodingException e) {
      throw error("string " + index + " (" + what + ") is not valid "
          + (charset == StandardCharsets.US_ASCII ? "ASCII" : charset.name()) + " ("
          + charsetNote + ")");
    }
  }
}
