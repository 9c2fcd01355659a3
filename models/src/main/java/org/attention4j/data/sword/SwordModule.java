package org.attention4j.data.sword;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SWORD Bible module in the zText format, read whole into memory and validated.
 *
 * <pre>{@code
 * SwordModule kjv = SwordModule.open(Path.of("/usr/share/sword"), "engKJV2006eb");
 * kjv.osis(VerseRef.parse("Gen.1.1")); // "In the <w lemma=\"strong:H7225\">beginning</w> ..."
 * kjv.text(VerseRef.parse("Gen.1.1")); // "In the beginning God created the heaven and the earth."
 * }</pre>
 *
 * <p>A module may lack a testament (all three of its files absent); its verses then read
 * as empty. Instances are immutable and safe to share between threads.
 */
public final class SwordModule {

  private final SwordConf conf;
  private final Versification versification;
  private final Map<Testament, String[]> entries;

  private SwordModule(SwordConf conf, Versification versification,
      Map<Testament, String[]> entries) {
    this.conf = conf;
    this.versification = versification;
    this.entries = entries;
  }

  /**
   * Opens a module installed under a SWORD root: finds its {@code .conf} in
   * {@code root/mods.d} (by file name, else by section name), checks it, and reads and
   * validates the zText files under its {@code DataPath}.
   *
   * @param swordRoot e.g. {@code /usr/share/sword}
   * @param moduleName e.g. {@code engKJV2006eb} (case-insensitive)
   * @throws NoSuchFileException if no such module is installed (the message lists the
   *     installed ones)
   * @throws SwordFormatException if the conf or a data file is malformed or unsupported
   * @throws IOException if a file cannot be read
   */
  public static SwordModule open(Path swordRoot, String moduleName) throws IOException {
    Path confFile = findConf(swordRoot, moduleName);
    SwordConf conf = SwordConf.parse(confFile);
    return open(conf, conf.dataDirectory(swordRoot), Versification.kjv());
  }

  /**
   * Reads a module's data files given its parsed conf and a versification (tests use a
   * small one).
   */
  static SwordModule open(SwordConf conf, Path dataDir, Versification versification)
      throws IOException {
    if (!Files.isDirectory(dataDir)) {
      throw new NoSuchFileException(dataDir.toString(), null,
          "data directory of module " + conf.moduleName() + " (DataPath=" + conf.dataPath()
              + " in " + conf.file() + ") does not exist");
    }
    Map<Testament, String[]> entries = new EnumMap<>(Testament.class);
    for (Testament t : Testament.values()) {
      if (versification.entryCount(t) > 0 && ZTextFiles.present(dataDir, t)) {
        entries.put(t, ZTextFiles.read(dataDir, t, versification, conf.textEncoding()));
      }
    }
    if (entries.isEmpty()) {
      throw new SwordFormatException(dataDir + ": no zText files (ot.bzs/.bzv/.bzz or "
          + "nt.bzs/.bzv/.bzz) for module " + conf.moduleName());
    }
    return new SwordModule(conf, versification, entries);
  }

  /** Module names of every {@code .conf} in {@code root/mods.d}, sorted. */
  public static List<String> installedModules(Path swordRoot) throws IOException {
    List<String> names = new ArrayList<>();
    for (Path conf : confFiles(swordRoot.resolve("mods.d"))) {
      String section = sectionName(conf);
      if (section != null) {
        names.add(section);
      }
    }
    names.sort(String.CASE_INSENSITIVE_ORDER);
    return names;
  }

  private static Path findConf(Path swordRoot, String moduleName) throws IOException {
    Path modsDir = swordRoot.resolve("mods.d");
    if (!Files.isDirectory(modsDir)) {
      throw new NoSuchFileException(modsDir.toString(), null,
          "not a SWORD library (no mods.d directory); install modules with "
              + "scripts/data/install-sword.sh");
    }
    for (String candidate : new String[] {moduleName, moduleName.toLowerCase(Locale.ROOT)}) {
      Path p = modsDir.resolve(candidate + ".conf");
      if (Files.isRegularFile(p) && moduleName.equalsIgnoreCase(sectionName(p))) {
        return p;
      }
    }
    for (Path p : confFiles(modsDir)) {
      if (moduleName.equalsIgnoreCase(sectionName(p))) {
        return p;
      }
    }
    throw new NoSuchFileException(modsDir.toString(), null, "no module '" + moduleName
        + "' (installed: " + String.join(", ", installedModules(swordRoot))
        + "); install it with scripts/data/install-sword.sh");
  }

  private static List<Path> confFiles(Path modsDir) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(modsDir)) {
      return out;
    }
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(modsDir, "*.conf")) {
      ds.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  /** The {@code [Name]} of a conf file, or null if it has none. */
  private static String sectionName(Path conf) throws IOException {
    for (String line : Files.readAllLines(conf, StandardCharsets.ISO_8859_1)) {
      String s = line.strip();
      if (s.startsWith("\u00EF\u00BB\u00BF")) { // a UTF-8 byte order mark read as Latin-1
        s = s.substring(3);
      }
      if (s.startsWith("[") && s.endsWith("]")) {
        return s.substring(1, s.length() - 1).strip();
      }
    }
    return null;
  }

  /** The module's parsed {@code .conf}. */
  public SwordConf conf() {
    return conf;
  }

  /** The module name, e.g. {@code engKJV2006eb}. */
  public String name() {
    return conf.moduleName();
  }

  /** The versification the verse index follows. */
  public Versification versification() {
    return versification;
  }

  /** Whether the module has the testament's files. */
  public boolean hasTestament(Testament t) {
    return entries.containsKey(t);
  }

  /** Number of {@code .bzv} entries of a testament (0 if the module lacks it). */
  public int entryCount(Testament t) {
    String[] e = entries.get(t);
    return e == null ? 0 : e.length;
  }

  /**
   * The markup of any verse-index entry, headings included ({@code ""} if empty).
   *
   * @throws IllegalArgumentException if the index is out of range
   */
  public String entry(Testament t, int index) {
    int n = entryCount(t);
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException("SwordModule.entry: " + t + " entry " + index
          + " out of range [0, " + n + ") in module " + name());
    }
    return entries.get(t)[index];
  }

  /**
   * The OSIS markup of a verse, {@code ""} if the verse is empty or the module lacks its
   * testament.
   *
   * @throws IllegalArgumentException if the verse is not in the versification
   */
  public String osis(VerseRef ref) {
    int index = versification.entryIndex(ref);
    Testament t = versification.testament(versification.bookIndex(ref.book()));
    String[] e = entries.get(t);
    return e == null ? "" : e[index];
  }

  /**
   * A verse as plain text ({@link OsisText#toPlainText}), {@code ""} if empty.
   *
   * @throws IllegalArgumentException if the verse is not in the versification
   */
  public String text(VerseRef ref) {
    return OsisText.toPlainText(osis(ref));
  }

  @Override
  public String toString() {
    return "SwordModule[" + name() + " " + conf.version() + ", " + versification.name() + "]";
  }
}
