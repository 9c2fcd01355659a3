package org.attention4j.data.sword;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A SWORD module configuration file ({@code mods.d/<module>.conf}): an INI-like file
 * with one {@code [ModuleName]} section of {@code Key=Value} lines. Lines starting with
 * {@code #} are comments; a value ending in a backslash continues on the next line;
 * keys may repeat ({@code GlobalOptionFilter}, {@code Obsoletes}).
 *
 * <p>{@link #parse} accepts only modules this package can read and rejects anything
 * else with a message naming the file and the field:
 * <ul>
 *   <li>{@code DataPath} required;</li>
 *   <li>{@code ModDrv=zText};</li>
 *   <li>{@code CompressType=ZIP} (SWORD's default for zText is LZSS, so it must be
 *       given);</li>
 *   <li>{@code SourceType=OSIS} (SWORD's default is plain text, so it must be given);</li>
 *   <li>{@code Versification=KJV} (the SWORD default when absent);</li>
 *   <li>{@code Encoding=UTF-8} or {@code Latin-1} (Latin-1 is SWORD's default);</li>
 *   <li>{@code BlockType} one of BOOK, CHAPTER, VERSE (default CHAPTER); the reader does
 *       not depend on it.</li>
 * </ul>
 */
public final class SwordConf {

  /** The encodings this reader decodes. */
  public enum TextEncoding { UTF_8, LATIN_1 }

  private final Path file;
  private final String moduleName;
  private final Map<String, List<String>> fields;
  private TextEncoding encoding;

  private SwordConf(Path file, String moduleName, Map<String, List<String>> fields) {
    this.file = file;
    this.moduleName = moduleName;
    Map<String, List<String>> copy = new LinkedHashMap<>();
    fields.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    this.fields = Collections.unmodifiableMap(copy);
  }

  /** The {@code .conf} file this was read from. */
  public Path file() {
    return file;
  }

  /** The section name, e.g. {@code engKJV2006eb}. */
  public String moduleName() {
    return moduleName;
  }

  /** Every field in file order; a repeated key keeps all its values. */
  public Map<String, List<String>> fields() {
    return fields;
  }

  /**
   * Reads and checks a {@code .conf} file (UTF-8; Latin-1 if it is not valid UTF-8).
   *
   * @throws SwordFormatException if the file is malformed or describes a module this
   *     package cannot read; the message names the file, and the line or field
   * @throws IOException if the file cannot be read
   */
  public static SwordConf parse(Path confFile) throws IOException {
    byte[] bytes = Files.readAllBytes(confFile);
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      text = new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return parse(confFile, text);
  }

  /**
   * Parses and checks the text of a {@code .conf} file.
   *
   * @param confFile the file name used in messages
   * @throws SwordFormatException as {@link #parse(Path)}
   */
  public static SwordConf parse(Path confFile, String text) throws SwordFormatException {
    String[] lines = text.split("\r\n|\n|\r", -1);
    String section = null;
    Map<String, List<String>> fields = new LinkedHashMap<>();
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String line = lines[i].strip();
      if (i == 0 && line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.startsWith("[")) {
        if (!line.endsWith("]") || line.length() < 3) {
          throw new SwordFormatException(
              confFile + ": line " + lineNo + ": expected a [ModuleName] section header, found '"
                  + line + "'");
        }
        if (section != null) {
          throw new SwordFormatException(confFile + ": line " + lineNo + ": second section "
              + line + " after [" + section + "]; a .conf file describes one module");
        }
        section = line.substring(1, line.length() - 1).strip();
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new SwordFormatException(
            confFile + ": line " + lineNo + ": expected Key=Value, found '" + line + "'");
      }
      if (section == null) {
        throw new SwordFormatException(confFile + ": line " + lineNo
            + ": field before the [ModuleName] section header");
      }
      String key = line.substring(0, eq).strip();
      StringBuilder value = new StringBuilder(line.substring(eq + 1).strip());
      // A trailing backslash continues the value on the next line.
      while (value.length() > 0 && value.charAt(value.length() - 1) == '\\') {
        value.setLength(value.length() - 1);
        if (i + 1 >= lines.length) {
          throw new SwordFormatException(confFile + ": line " + lineNo + ": field " + key
              + " ends with a continuation backslash at the end of the file");
        }
        i++;
        value.append('\n').append(lines[i].strip());
      }
      fields.computeIfAbsent(key, k -> new ArrayList<>()).add(value.toString().strip());
    }
    if (section == null) {
      throw new SwordFormatException(confFile + ": no [ModuleName] section header");
    }
    SwordConf conf = new SwordConf(confFile, section, fields);
    conf.check();
    return conf;
  }

  private void check() throws SwordFormatException {
    require("DataPath");
    expect("ModDrv", null, "zText");
    expect("CompressType", "LZSS", "ZIP");
    expect("SourceType", "Plaintext", "OSIS");
    expect("Versification", "KJV", "KJV");
    encoding = parseEncoding();
    String blockType = get("BlockType").orElse("CHAPTER");
    if (!List.of("BOOK", "CHAPTER", "VERSE").contains(blockType.toUpperCase(Locale.ROOT))) {
      throw new SwordFormatException(file + ": BlockType=" + blockType
          + " is not a SWORD block type (expected BOOK, CHAPTER or VERSE)");
    }
  }

  private void require(String key) throws SwordFormatException {
    if (get(key).isEmpty()) {
      throw new SwordFormatException(file + ": missing required field " + key);
    }
  }

  /** Checks that {@code key} (or its SWORD default when absent) equals {@code expected}. */
  private void expect(String key, String swordDefault, String expected)
      throws SwordFormatException {
    Optional<String> value = get(key);
    if (value.isEmpty()) {
      if (swordDefault == null) {
        throw new SwordFormatException(
            file + ": missing required field " + key + " (expected " + key + "=" + expected + ")");
      }
      if (!swordDefault.equalsIgnoreCase(expected)) {
        throw new SwordFormatException(file + ": missing " + key + "; SWORD's default is "
            + swordDefault + ", but only " + key + "=" + expected + " is supported");
      }
      return;
    }
    if (!value.get().equalsIgnoreCase(expected)) {
      throw new SwordFormatException(file + ": " + key + "=" + value.get()
          + " is not supported (expected " + key + "=" + expected + ")");
    }
  }

  /** The first value of a field, if present and not blank. */
  public Optional<String> get(String key) {
    List<String> values = fields.get(key);
    return values == null || values.isEmpty() || values.getFirst().isBlank()
        ? Optional.empty() : Optional.of(values.getFirst());
  }

  /** All values of a repeatable field, in file order (empty if absent). */
  public List<String> getAll(String key) {
    return fields.getOrDefault(key, List.of());
  }

  /** {@code DataPath}, the module's data directory relative to the SWORD root. */
  public String dataPath() {
    return get("DataPath").orElseThrow();
  }

  /**
   * The data directory resolved against a SWORD root ({@code ./modules/texts/...}
   * becomes {@code root/modules/texts/...}).
   */
  public Path dataDirectory(Path swordRoot) {
    String p = dataPath();
    while (p.startsWith("./")) {
      p = p.substring(2);
    }
    return swordRoot.resolve(p).normalize();
  }

  /** {@code Version}, e.g. {@code "14.3"}, or {@code "unknown"}. */
  public String version() {
    return get("Version").orElse("unknown");
  }

  /** {@code Description}, e.g. {@code "King James Version"}, or the module name. */
  public String description() {
    return get("Description").orElse(moduleName);
  }

  /** {@code Abbreviation}, e.g. {@code "KJV"}, or the module name. */
  public String abbreviation() {
    return get("Abbreviation").orElse(moduleName);
  }

  /** {@code Versification}; {@code "KJV"} when absent (SWORD's default). */
  public String versification() {
    return get("Versification").orElse("KJV");
  }

  /** {@code BlockType}; {@code "CHAPTER"} when absent (SWORD's default). */
  public String blockType() {
    return get("BlockType").orElse("CHAPTER");
  }

  /** How the module's text is encoded ({@code Encoding}; Latin-1 when absent). */
  public TextEncoding textEncoding() {
    return encoding;
  }

  private TextEncoding parseEncoding() throws SwordFormatException {
    String enc = get("Encoding").orElse("Latin-1");
    return switch (enc.toUpperCase(Locale.ROOT)) {
      case "UTF-8", "UTF8" -> TextEncoding.UTF_8;
      case "LATIN-1", "LATIN1", "ISO-8859-1" -> TextEncoding.LATIN_1;
      default -> throw new SwordFormatException(
          file + ": Encoding=" + enc + " is not supported (expected UTF-8 or Latin-1)");
    };
  }

  @Override
  public String toString() {
    return "SwordConf[" + moduleName + ", " + file + "]";
  }
}
