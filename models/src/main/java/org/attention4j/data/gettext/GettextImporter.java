package org.attention4j.data.gettext;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.attention4j.data.CorpusFormatException;
import org.attention4j.data.corpus.CleaningOptions;
import org.attention4j.data.corpus.CleaningStats;
import org.attention4j.data.corpus.CorpusAssembler;
import org.attention4j.data.corpus.CorpusInfo;
import org.attention4j.data.corpus.HashSplit;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.data.corpus.SentencePair;

/**
 * Builds an English → target-language {@link ParallelCorpus} from the gettext catalogs
 * installed on the machine ({@code <root>/<lang>/LC_MESSAGES/*.mo}), read in place; this is
 * what {@code attn data import gettext} runs.
 *
 * <p>From catalog to pairs, in order:
 * <ol>
 *   <li>catalogs: every {@code *.mo} in {@code <root>/<targetLang>/LC_MESSAGES} of each root,
 *       roots in the given order, files by name; the directory name must match exactly
 *       ({@code zh_CN}, not {@code zh}). A catalog that does not parse ({@link MoFile}; in
 *       practice: a legacy charset such as EUC-JP) is skipped and listed in the stats.</li>
 *   <li>entries: the header entry and untranslated entries are skipped; a {@code msgctxt} is
 *       dropped (it is counted, and stays on {@link MoEntry#context}); a plural message gives
 *       {@code msgid ↔ msgstr[0]}, and also {@code msgid_plural ↔ msgstr[1]} when the catalog
 *       has two or more plural forms ({@code nplurals} of the header, or the number of forms
 *       when the header has none). For zh_CN and ja ({@code nplurals=1}) the one form is
 *       paired with the singular msgid. Ids are {@code <domain>:<index>}, with {@code :pl} for
 *       the plural pair. GnuPG's older context convention, a {@code |pinentry-label|} prefix
 *       in the msgid (and often in the msgstr), is dropped too.</li>
 *   <li>optionally (on by default), {@link Accelerators#strip} on the pair ({@code _File},
 *       {@code 文件(_F)}).</li>
 *   <li>optionally (on by default), a multi-line message whose source and translation have
 *       the same number of non-blank lines is split into one pair per line, ids suffixed
 *       {@code #1}, {@code #2}, ...: {@code --help} texts become one pair per option. Messages
 *       whose line counts differ stay whole (and are usually dropped as too long).</li>
 *   <li>{@link CorpusAssembler}: NFC and whitespace, length filters, pairs with target equal to
 *       source dropped, split by {@link HashSplit} of the cleaned source, and one translation
 *       per source ({@link CleaningOptions.Dedup#MAJORITY_PER_SOURCE}): when packages
 *       translate a message differently the most frequent translation wins, ties going to the
 *       lexicographically smallest.</li>
 * </ol>
 * Nothing is unescaped or rewritten: {@code .mo} strings are raw, and printf placeholders
 * ({@code %s}, {@code %d}, {@code %1$s}, {@code %.*s}, {@code %lu}, {@code %%},
 * {@code %<PRIuMAX>}) pass through unchanged.
 */
public final class GettextImporter {

  /** The language of every msgid. */
  public static final String SOURCE_LANG = "en";

  /** The cleaning used unless the options say otherwise. */
  public static final CleaningOptions DEFAULT_CLEANING = CleaningOptions.DEFAULTS
      .withDropIdentical(true).withDedup(CleaningOptions.Dedup.MAJORITY_PER_SOURCE);

  /**
   * What to import.
   *
   * @param localeRoots directories holding {@code <lang>/LC_MESSAGES} ({@code
   *     /usr/share/locale}, {@code /usr/share/locale-langpack})
   * @param targetLang the locale directory name of the target language: {@code zh_CN},
   *     {@code fr}, {@code de}, {@code es}, {@code ja}
   * @param onlyDomains read only these catalogs (file names without {@code .mo}); empty = all
   * @param excludeDomains skip these catalogs
   * @param stripAccelerators remove {@code _File}-style markers ({@link Accelerators}); default
   *     true
   * @param splitLines split multi-line messages into line pairs when the line counts agree;
   *     default true
   * @param otherCharsets also read catalogs in charsets other than UTF-8 (EUC-JP, ISO-8859-1,
   *     ...) that the JDK can decode; default false (they are skipped, see {@link MoFile})
   * @param cleaning the filters; default {@link #DEFAULT_CLEANING}
   * @param split the hash split; default {@link HashSplit#DEFAULT} (1% dev, 1% test)
   * @param command the command line to record in {@code corpus.json}
   */
  public record Options(List<Path> localeRoots, String targetLang, Set<String> onlyDomains,
      Set<String> excludeDomains, boolean stripAccelerators, boolean splitLines,
      boolean otherCharsets, CleaningOptions cleaning, HashSplit split, String command) {

    public Options {
      localeRoots = List.copyOf(localeRoots);
      onlyDomains = Set.copyOf(onlyDomains);
      excludeDomains = Set.copyOf(excludeDomains);
      if (localeRoots.isEmpty()) {
        throw new IllegalArgumentException("GettextImporter: no locale root given");
      }
      if (targetLang == null || !targetLang.matches("[A-Za-z]{2,3}([_@.][A-Za-z0-9]+)*")) {
        throw new IllegalArgumentException("GettextImporter: target language '" + targetLang
            + "' is not a locale directory name such as zh_CN, fr, de, es, ja");
      }
      if (cleaning == null) {
        cleaning = DEFAULT_CLEANING;
      }
      if (split == null) {
        split = HashSplit.DEFAULT;
      }
      if (command == null) {
        command = "attn data import gettext --lang " + targetLang + " --out DIR";
      }
    }

    /** The defaults for one language and one root. */
    public static Options of(Path localeRoot, String targetLang) {
      return new Options(List.of(localeRoot), targetLang, Set.of(), Set.of(), true, true,
          false, null, null, null);
    }

    /**
     * The defaults for one language, reading {@code /usr/share/locale} and, where it exists,
     * {@code /usr/share/locale-langpack} (Ubuntu's language packs).
     */
    public static Options system(String targetLang) {
      List<Path> roots = new ArrayList<>(List.of(Path.of("/usr/share/locale")));
      if (Files.isDirectory(Path.of("/usr/share/locale-langpack"))) {
        roots.add(Path.of("/usr/share/locale-langpack"));
      }
      return new Options(roots, targetLang, Set.of(), Set.of(), true, true, false, null, null,
          null);
    }

    /** These options with accelerator stripping on or off. */
    public Options withStripAccelerators(boolean strip) {
      return new Options(localeRoots, targetLang, onlyDomains, excludeDomains, strip,
          splitLines, otherCharsets, cleaning, split, command);
    }

    /** These options with line splitting on or off. */
    public Options withSplitLines(boolean split) {
      return new Options(localeRoots, targetLang, onlyDomains, excludeDomains,
          stripAccelerators, split, otherCharsets, cleaning, this.split, command);
    }

    /** These options with other cleaning. */
    public Options withCleaning(CleaningOptions c) {
      return new Options(localeRoots, targetLang, onlyDomains, excludeDomains,
          stripAccelerators, splitLines, otherCharsets, c, split, command);
    }

    /** These options with the given domain filters. */
    public Options withDomains(Set<String> only, Set<String> exclude) {
      return new Options(localeRoots, targetLang, only, exclude, stripAccelerators, splitLines,
          otherCharsets, cleaning, split, command);
    }

    /** These options with legacy charsets read or skipped. */
    public Options withOtherCharsets(boolean other) {
      return new Options(localeRoots, targetLang, onlyDomains, excludeDomains,
          stripAccelerators, splitLines, other, cleaning, split, command);
    }
  }

  /**
   * One catalog that was read.
   *
   * @param domain the file name without {@code .mo}
   * @param file the file
   * @param version the header's {@code Project-Id-Version}, or "" when absent
   * @param entries messages in the file, header included
   * @param candidates pairs taken from it before cleaning
   * @param kept pairs of the corpus whose id comes from this catalog
   */
  public record CatalogStats(String domain, Path file, String version, int entries,
      int candidates, int kept) {}

  /**
   * What the import did.
   *
   * @param catalogs the catalogs read, in reading order
   * @param skipped one line per catalog that could not be read: its error message
   * @param entries messages in all catalogs read
   * @param headers header entries skipped
   * @param untranslated untranslated entries skipped
   * @param withContext entries whose msgctxt was dropped
   * @param pseudoContexts texts whose {@code |context|} prefix was dropped
   * @param plural plural entries
   * @param pluralPairs {@code msgid_plural ↔ msgstr[1]} pairs added
   * @param acceleratorsStripped texts changed by accelerator stripping
   * @param linesSplit multi-line messages split into line pairs
   * @param cleaning what cleaning and splitting did
   */
  public record Stats(String targetLang, List<CatalogStats> catalogs, List<String> skipped,
      int entries, int headers, int untranslated, int withContext, int pseudoContexts,
      int plural, int pluralPairs,
      int acceleratorsStripped, int linesSplit, CleaningStats cleaning) {

    public Stats {
      catalogs = List.copyOf(catalogs);
      skipped = List.copyOf(skipped);
    }

    /** A few lines, as the CLI prints them. */
    public String summary() {
      return "gettext en -> " + targetLang + ": " + catalogs.size() + " catalogs read ("
          + skipped.size() + " skipped), " + entries + " entries (" + headers + " headers, "
          + untranslated + " untranslated, " + withContext + " with context, " + pseudoContexts
          + " with a |context| prefix, " + plural
          + " plural -> " + pluralPairs + " extra plural pairs); " + linesSplit
          + " multi-line messages split into lines; " + acceleratorsStripped
          + " accelerators stripped\n" + cleaning.summary();
    }
  }

  /** A built corpus and its stats. */
  public record Result(ParallelCorpus corpus, Stats stats) {}

  private record ReadCatalog(String domainId, Path file, MoCatalog catalog) {}

  private GettextImporter() {}

  /** {@link #build(Options, Path)} with the defaults for one root and language. */
  public static Stats build(Path localeRoot, String targetLang, Path outDir) throws IOException {
    return build(Options.of(localeRoot, targetLang), outDir);
  }

  /**
   * Imports the catalogs and writes the corpus to {@code outDir} ({@link ParallelCorpusFiles}).
   *
   * @throws NoSuchFileException if no root has catalogs for the language
   * @throws CorpusFormatException if no pair survives cleaning ("empty corpus")
   */
  public static Stats build(Options options, Path outDir) throws IOException {
    Result r = collect(options);
    ParallelCorpusFiles.write(outDir, r.corpus());
    return r.stats();
  }

  /** Imports the catalogs into memory; see the class comment. */
  public static Result collect(Options options) throws IOException {
    List<Path> files = catalogFiles(options);
    CatalogPairs pairs = new CatalogPairs(options.stripAccelerators(), options.splitLines());
    List<String> skipped = new ArrayList<>();
    Map<String, Integer> candidatesBy = new LinkedHashMap<>();
    List<ReadCatalog> read = new ArrayList<>();
    Set<String> domainIds = new HashSet<>();
    for (Path file : files) {
      MoCatalog catalog;
      try {
        catalog = MoFile.read(file, options.otherCharsets());
      } catch (CorpusFormatException e) {
        skipped.add(e.getMessage());
        continue;
      }
      String domain = domainOf(file);
      String domainId = domain;
      for (int k = 2; !domainIds.add(domainId); k++) {
        domainId = domain + "@" + k; // the same domain under a second root
      }
      candidatesBy.put(domainId, pairs.add(domainId, catalog));
      read.add(new ReadCatalog(domainId, file, catalog));
    }
    if (read.isEmpty()) {
      throw new CorpusFormatException("gettext: no readable catalog for " + options.targetLang()
          + " (" + skipped.size() + " skipped): " + String.join("; ", skipped));
    }

    List<CorpusAssembler.Candidate> candidates = pairs.candidates;
    CorpusAssembler.Result assembled =
        CorpusAssembler.assemble(candidates, options.split(), options.cleaning());
    CleaningStats cleaning = assembled.stats();
    if (cleaning.kept() == 0) {
      throw new CorpusFormatException("gettext: empty corpus: none of the " + candidates.size()
          + " pairs from " + read.size() + " catalogs for " + options.targetLang()
          + " survived cleaning (" + cleaning.summary() + ")");
    }
    Map<String, Integer> keptBy = new HashMap<>();
    for (List<SentencePair> split : List.of(assembled.train(), assembled.dev(),
        assembled.test())) {
      for (SentencePair p : split) {
        keptBy.merge(p.id().substring(0, p.id().indexOf(':')), 1, Integer::sum);
      }
    }
    List<CatalogStats> catalogs = new ArrayList<>();
    for (ReadCatalog r : read) {
      catalogs.add(new CatalogStats(r.domainId(), r.file(),
          r.catalog().headerField("Project-Id-Version").orElse(""), r.catalog().entries().size(),
          candidatesBy.get(r.domainId()), keptBy.getOrDefault(r.domainId(), 0)));
    }
    Stats stats = new Stats(options.targetLang(), catalogs, skipped, pairs.entries,
        pairs.headers, pairs.untranslated, pairs.withContext, pairs.pseudoContexts, pairs.plural,
        pairs.pluralPairs, pairs.accelerators, pairs.linesSplit, cleaning);
    return new Result(assembled.toCorpus(info(options, stats)), stats);
  }

  private static CorpusInfo info(Options options, Stats stats) {
    List<String> notes = new ArrayList<>();
    notes.add(stats.summary().replace('\n', ' '));
    for (CatalogStats c : stats.catalogs()) {
      notes.add("catalog " + c.file() + " (" + (c.version().isEmpty() ? "no version"
          : c.version()) + "): " + c.entries() + " entries, " + c.candidates()
          + " candidate pairs, " + c.kept() + " kept");
    }
    for (String s : stats.skipped()) {
      notes.add("skipped: " + s);
    }
    notes.add("options: stripAccelerators=" + options.stripAccelerators() + ", splitLines="
        + options.splitLines() + ", otherCharsets=" + options.otherCharsets() + ", " + options
        .cleaning() + ", split dev " + options.split().devPerMille() + "/1000, test "
        + options.split().testPerMille() + "/1000 by SHA-256 of the source");
    Map<String, Long> s = new LinkedHashMap<>();
    s.put("catalogs", (long) stats.catalogs().size());
    s.put("catalogsSkipped", (long) stats.skipped().size());
    s.put("entries", (long) stats.entries());
    s.put("headers", (long) stats.headers());
    s.put("untranslated", (long) stats.untranslated());
    s.put("withContext", (long) stats.withContext());
    s.put("pseudoContexts", (long) stats.pseudoContexts());
    s.put("plural", (long) stats.plural());
    s.put("pluralPairs", (long) stats.pluralPairs());
    s.put("acceleratorsStripped", (long) stats.acceleratorsStripped());
    s.put("linesSplit", (long) stats.linesSplit());
    s.putAll(stats.cleaning().toMap("cleaning."));
    List<String> roots = options.localeRoots().stream().map(Path::toString).toList();
    return new CorpusInfo(SOURCE_LANG, options.targetLang(),
        "gettext .mo message catalogs for " + options.targetLang() + " under "
            + String.join(", ", roots) + " (" + stats.catalogs().size() + " catalogs), read"
            + " in place",
        "each catalog is part of its Debian package and under that package's license (mostly"
            + " GPL-2.0+/GPL-3.0+/LGPL; see /usr/share/doc/PACKAGE/copyright); for local"
            + " training and evaluation, not for redistribution without checking them",
        options.command(), notes, s);
  }

  /** The catalogs to read, in order. */
  static List<Path> catalogFiles(Options options) throws IOException {
    List<Path> files = new ArrayList<>();
    List<String> looked = new ArrayList<>();
    for (Path root : options.localeRoots()) {
      Path dir = root.resolve(options.targetLang()).resolve("LC_MESSAGES");
      looked.add(dir.toString());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      TreeMap<String, Path> sorted = new TreeMap<>();
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.mo")) {
        for (Path p : ds) {
          String domain = domainOf(p);
          if (Files.isRegularFile(p) && (options.onlyDomains().isEmpty()
              || options.onlyDomains().contains(domain))
              && !options.excludeDomains().contains(domain)) {
            sorted.put(p.getFileName().toString(), p);
          }
        }
      }
      files.addAll(sorted.values());
    }
    if (files.isEmpty()) {
      throw new NoSuchFileException(String.join(", ", looked), null, "no .mo catalogs for "
          + options.targetLang() + (options.onlyDomains().isEmpty() ? ""
          : " among " + new TreeSet<>(options.onlyDomains()))
          + "; install some with scripts/data/install-gettext.sh");
    }
    return files;
  }

  private static String domainOf(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".mo".length());
  }
}
