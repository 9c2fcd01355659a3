package org.attention4j.data.corpus;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.attention4j.data.bible.BibleCorpus;
import org.attention4j.data.bible.BibleCorpusBuilder;
import org.attention4j.data.bible.BibleSplit;
import org.attention4j.data.bible.BundledBible;
import org.attention4j.data.bible.VersePair;
import org.attention4j.data.sword.SwordModule;

/**
 * The Bible corpora of {@code org.attention4j.data.bible} as {@link ParallelCorpus}: the
 * adapter the trainer uses to read the bundled KJV → Reina-Valera 1909 corpus like any other,
 * and the entry point of {@code attn data import bible}.
 *
 * <p>Conversion keeps everything: ids are the verse references ({@code Gen.1.1}), splits are
 * the fixed split by book ({@link BibleSplit}), texts are as built (already NFC and
 * deduplicated by {@link BibleCorpusBuilder}). The language codes come from the corpus header's
 * {@code columns:} line ({@code source (en, engKJV2006eb)}). Cleaning ({@link
 * CorpusAssembler}, e.g. a length limit) is optional and keeps each verse's split.
 */
public final class BibleImporter {

  /**
   * What to import.
   *
   * @param swordDir a SWORD directory ({@code /usr/share/sword}) to build from installed
   *     modules, or {@code null} for the bundled corpus
   * @param sourceModule source module name ({@code engKJV2006eb}); with {@code swordDir} only
   * @param targetModule target module name ({@code spaRV1909eb}); with {@code swordDir} only
   * @param cleaning filters to apply, or {@code null} to convert the verses as they are
   * @param command the command line to record in {@code corpus.json}
   */
  public record Options(Path swordDir, String sourceModule, String targetModule,
      CleaningOptions cleaning, String command) {

    public Options {
      if (swordDir != null && (sourceModule == null || targetModule == null)) {
        throw new IllegalArgumentException("BibleImporter: with a SWORD directory, name both"
            + " the source and the target module");
      }
      if (swordDir == null && (sourceModule != null || targetModule != null)) {
        throw new IllegalArgumentException("BibleImporter: modules are named only together"
            + " with a SWORD directory (without one the bundled corpus is used)");
      }
      if (command == null) {
        command = "attn data import bible --out DIR";
      }
    }

    /** The bundled corpus, converted as it is. */
    public static Options bundled() {
      return new Options(null, null, null, null, null);
    }
  }

  /**
   * What was written.
   *
   * @param cleaning the cleaning counts, or {@code null} when no cleaning was asked for
   */
  public record Stats(int train, int dev, int test, CleaningStats cleaning) {

    /** One or two lines, as the CLI prints them. */
    public String summary() {
      return "bible: " + (train + dev + test) + " pairs (train " + train + ", dev " + dev
          + ", test " + test + ")" + (cleaning == null ? "" : "\n" + cleaning.summary());
    }
  }

  private static final Pattern COLUMNS =
      Pattern.compile("source \\(([^,)]+),[^)]*\\).*target \\(([^,)]+),");

  private BibleImporter() {}

  /** The bundled KJV → RV1909 corpus as a parallel corpus (converted as it is). */
  public static ParallelCorpus bundled() {
    return toParallel(BundledBible.load(), "bundled " + BundledBible.RESOURCE,
        Options.bundled().command());
  }

  /**
   * Converts a Bible corpus without changing any pair.
   *
   * @param where where the corpus came from, for {@code origin}
   */
  public static ParallelCorpus toParallel(BibleCorpus bible, String where, String command) {
    List<SentencePair> train = new ArrayList<>();
    List<SentencePair> dev = new ArrayList<>();
    List<SentencePair> test = new ArrayList<>();
    for (VersePair v : bible.pairs()) {
      SentencePair p = new SentencePair(v.ref(), v.source(), v.target());
      switch (v.split()) {
        case TRAIN -> train.add(p);
        case DEV -> dev.add(p);
        case TEST -> test.add(p);
      }
    }
    return new ParallelCorpus(info(bible, where, command), train, dev, test);
  }

  /**
   * Builds the corpus that {@code options} names and writes it to {@code outDir}.
   *
   * @throws java.nio.file.NoSuchFileException if a SWORD module is not installed
   */
  public static Stats build(Options options, Path outDir) throws IOException {
    BibleCorpus bible;
    String where;
    if (options.swordDir() == null) {
      bible = BundledBible.load();
      where = "bundled " + BundledBible.RESOURCE;
    } else {
      bible = BibleCorpusBuilder.assemble(
          SwordModule.open(options.swordDir(), options.sourceModule()),
          SwordModule.open(options.swordDir(), options.targetModule())).corpus();
      where = "SWORD modules " + options.sourceModule() + " and " + options.targetModule()
          + " in " + options.swordDir();
    }
    ParallelCorpus corpus = toParallel(bible, where, options.command());
    CleaningStats cleaning = null;
    if (options.cleaning() != null) {
      Map<String, Split> splitOf = new HashMap<>();
      List<CorpusAssembler.Candidate> candidates = new ArrayList<>();
      for (Split s : Split.values()) {
        for (SentencePair p : corpus.split(s)) {
          splitOf.put(p.id(), s);
          candidates.add(new CorpusAssembler.Candidate(p.id(), p.source(), p.target()));
        }
      }
      CorpusAssembler.Result r = CorpusAssembler.assemble(candidates,
          p -> splitOf.get(p.id()), options.cleaning());
      cleaning = r.stats();
      corpus = r.toCorpus(corpus.info().with(List.of(cleaning.summary()),
          cleaning.toMap("cleaning.")));
    }
    ParallelCorpusFiles.write(outDir, corpus);
    return new Stats(corpus.train().size(), corpus.dev().size(), corpus.test().size(),
        cleaning);
  }

  private static CorpusInfo info(BibleCorpus bible, String where, String command) {
    String sourceLang = "und";
    String targetLang = "und";
    String license = "see the SWORD modules' .conf files";
    List<String> notes = new ArrayList<>();
    for (String line : bible.header()) {
      Matcher m = COLUMNS.matcher(line);
      if (line.startsWith("columns:") && m.find()) {
        sourceLang = m.group(1).strip();
        targetLang = m.group(2).strip();
      } else if (line.startsWith("license: ")) {
        license = line.substring("license: ".length());
      }
      notes.add("bible header: " + line);
    }
    String title = bible.header().isEmpty() ? "verse-aligned Bible corpus" : bible.header().get(0);
    return new CorpusInfo(sourceLang, targetLang, title + " (from " + where + ")", license,
        command, notes, Map.of("verses", (long) bible.pairs().size()));
  }
}
