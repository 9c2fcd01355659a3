package org.attention4j.data.bible;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SortedSet;
import org.attention4j.data.sword.OsisText;
import org.attention4j.data.sword.SwordConf;
import org.attention4j.data.sword.SwordModule;
import org.attention4j.data.sword.VerseRef;
import org.attention4j.data.sword.Versification;

/**
 * Builds a verse-aligned parallel corpus from two installed SWORD modules with the same
 * versification; this is what {@code attn data import bible} runs, and what made the
 * bundled {@code kjv-rv1909.tsv.gz}:
 *
 * <pre>
 * java -cp models/target/classes org.attention4j.data.bible.BibleCorpusBuilder \
 *     /usr/share/sword engKJV2006eb spaRV1909eb \
 *     models/src/main/resources/org/attention4j/data/bible/kjv-rv1909.tsv.gz
 * </pre>
 *
 * Steps, in order:
 * <ol>
 *   <li>every verse of the versification, in canonical order, as plain text
 *       ({@link OsisText#toPlainText}) and Strong's numbers from both modules;</li>
 *   <li>drop-capital casing of chapter-first verses undone in a module that has it
 *       ({@code DropCaps});</li>
 *   <li>skip verses empty in either module; skip pairs that the Strong's numbers show to
 *       be out of step ({@code AlignmentCheck}); skip pairs whose next verse in the
 *       chapter is empty in exactly one module when that module's verse holds the next
 *       verse's text too (merged verses, {@code AlignmentCheck.absorbs});</li>
 *   <li>label each pair with its book's split ({@link BibleSplit});</li>
 *   <li>in train only, drop exact repeats of an earlier (source, target) pair and pairs
 *       identical to a dev or test pair;</li>
 *   <li>write the file ({@link BibleCorpusFile}) with a header naming the modules, their
 *       versions and licenses, the steps' counts and the build command.</li>
 * </ol>
 * The result depends only on the two modules: re-running reproduces the file byte for
 * byte.
 */
public final class BibleCorpusBuilder {

  /** A built corpus and what was done to build it. */
  public record Result(BibleCorpus corpus, BuildStats stats) {}

  private BibleCorpusBuilder() {}

  /**
   * Builds the corpus from modules installed under {@code swordDir} and writes it to
   * {@code outFile} (atomically).
   *
   * @throws java.nio.file.NoSuchFileException if a module is not installed
   * @throws org.attention4j.data.sword.SwordFormatException if a module is malformed or
   *     unsupported
   * @throws IllegalArgumentException if the modules' versifications differ
   */
  public static BuildStats build(Path swordDir, String sourceModule, String targetModule,
      Path outFile) throws IOException {
    SwordModule source = SwordModule.open(swordDir, sourceModule);
    SwordModule target = SwordModule.open(swordDir, targetModule);
    Result result = assemble(source, target);
    BibleCorpusFile.write(outFile, result.corpus());
    return result.stats();
  }

  /**
   * The file name the CLI uses for a module pair, from the modules' abbreviations:
   * {@code kjv-rv1909.tsv.gz} for engKJV2006eb → spaRV1909eb.
   */
  public static String defaultFileName(SwordConf source, SwordConf target) {
    return (fileSafe(source.abbreviation()) + "-" + fileSafe(target.abbreviation()))
        .toLowerCase(Locale.ROOT) + ".tsv.gz";
  }

  private static String fileSafe(String s) {
    return s.replaceAll("[^A-Za-z0-9._-]+", "_");
  }

  /**
   * Aligns two open modules into a corpus in memory.
   *
   * @throws IllegalArgumentException if the modules' versifications differ, or a verse's
   *     markup is malformed (the message names module and verse)
   */
  public static Result assemble(SwordModule source, SwordModule target) {
    Versification v = source.versification();
    if (!v.name().equals(target.versification().name())) {
      throw new IllegalArgumentException("BibleCorpusBuilder: versifications differ: "
          + source.name() + " uses " + v.name() + ", " + target.name() + " uses "
          + target.versification().name());
    }
    List<VerseRef> refs = v.verses();
    int n = refs.size();
    String[] src = new String[n];
    String[] tgt = new String[n];
    List<SortedSet<String>> srcLemmas = new ArrayList<>(n);
    List<SortedSet<String>> tgtLemmas = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      VerseRef ref = refs.get(i);
      src[i] = plain(source, ref);
      tgt[i] = plain(target, ref);
      srcLemmas.add(OsisText.strongsNumbers(source.osis(ref)));
      tgtLemmas.add(OsisText.strongsNumbers(target.osis(ref)));
    }
    int dropCapsSource = DropCaps.apply(refs, src);
    int dropCapsTarget = DropCaps.apply(refs, tgt);

    List<String> emptySource = new ArrayList<>();
    List<String> emptyTarget = new ArrayList<>();
    boolean[] usable = new boolean[n];
    for (int i = 0; i < n; i++) {
      if (src[i].isEmpty()) {
        emptySource.add(refs.get(i).toString());
      }
      if (tgt[i].isEmpty()) {
        emptyTarget.add(refs.get(i).toString());
      }
      usable[i] = !src[i].isEmpty() && !tgt[i].isEmpty();
    }
    AlignmentCheck check = new AlignmentCheck(refs, srcLemmas, tgtLemmas);
    boolean[] misaligned = check.misaligned(usable);

    List<String> misalignedRefs = new ArrayList<>();
    List<String> mergedRefs = new ArrayList<>();
    List<VersePair> kept = new ArrayList<>();
    int unjudged = 0;
    for (int i = 0; i < n; i++) {
      if (!usable[i]) {
        continue;
      }
      VerseRef ref = refs.get(i);
      if (misaligned[i]) {
        misalignedRefs.add(ref.toString());
        continue;
      }
      boolean nextInChapter = i + 1 < n && refs.get(i + 1).book().equals(ref.book())
          && refs.get(i + 1).chapter() == ref.chapter();
      if (nextInChapter && src[i + 1].isEmpty() != tgt[i + 1].isEmpty()
          && check.absorbs(i, tgt[i + 1].isEmpty())) {
        mergedRefs.add(ref.toString());
        continue;
      }
      if (!check.judgeable(i)) {
        unjudged++;
      }
      kept.add(VersePair.of(ref, BibleSplit.of(ref.book()), src[i], tgt[i]));
    }

    // Deduplicate train; keep dev and test as they are.
    Set<String> heldOut = new HashSet<>();
    for (VersePair p : kept) {
      if (p.split() != BibleSplit.TRAIN) {
        heldOut.add(p.source() + '\t' + p.target());
      }
    }
    Set<String> seen = new HashSet<>();
    List<VersePair> pairs = new ArrayList<>(kept.size());
    int duplicates = 0;
    int inDevTest = 0;
    int[] perSplit = new int[BibleSplit.values().length];
    for (VersePair p : kept) {
      if (p.split() == BibleSplit.TRAIN) {
        String key = p.source() + '\t' + p.target();
        if (heldOut.contains(key)) {
          inDevTest++;
          continue;
        }
        if (!seen.add(key)) {
          duplicates++;
          continue;
        }
      }
      pairs.add(p);
      perSplit[p.split().ordinal()]++;
    }

    BuildStats stats = new BuildStats(source.name(), target.name(), n, emptySource, emptyTarget,
        misalignedRefs, mergedRefs, unjudged, dropCapsSource, dropCapsTarget,
        perSplit[BibleSplit.TRAIN.ordinal()], perSplit[BibleSplit.DEV.ordinal()],
        perSplit[BibleSplit.TEST.ordinal()], duplicates, inDevTest);
    return new Result(new BibleCorpus(header(source, target, stats), pairs), stats);
  }

  private static String plain(SwordModule module, VerseRef ref) {
    try {
      return OsisText.toPlainText(module.osis(ref));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(module.name() + " " + ref + ": " + e.getMessage(), e);
    }
  }

  private static List<String> header(SwordModule source, SwordModule target, BuildStats s) {
    SwordConf sc = source.conf();
    SwordConf tc = target.conf();
    Set<String> empty = new HashSet<>(s.emptyInSource());
    empty.addAll(s.emptyInTarget());
    int skippedEmpty = empty.size();
    return List.of(
        "attention4j verse-aligned parallel Bible corpus: " + sc.moduleName() + " -> "
            + tc.moduleName(),
        "source: " + describe(sc),
        "target: " + describe(tc),
        "license: " + license(sc) + " / " + license(tc)
            + " (Copyright and DistributionLicense fields of the modules' .conf files)",
        "text: OSIS markup to plain text (org.attention4j.data.sword.OsisText), Unicode NFC;"
            + " drop-capital casing fixed in " + s.dropCapsSource() + " " + sc.moduleName()
            + " and " + s.dropCapsTarget() + " " + tc.moduleName() + " chapter-first verses",
        "alignment: by " + source.versification().name() + " verse reference; skipped "
            + skippedEmpty + " verses empty on a side, " + s.misaligned().size()
            + " pairs out of step by their Strong's numbers, " + s.merged().size()
            + " pairs that also hold the next, empty verse (merged verses)",
        "split by book: test = " + String.join(" ", BibleSplit.TEST_BOOKS) + "; dev = "
            + String.join(" ", BibleSplit.DEV_BOOKS) + "; train = all other books",
        "pairs: train " + s.train() + " (after dropping " + s.trainDuplicates()
            + " repeated pairs and " + s.trainInDevTest() + " pairs also in dev/test), dev "
            + s.dev() + ", test " + s.test(),
        "build: attn data import bible --source " + sc.moduleName() + " --target "
            + tc.moduleName() + " --sword-dir SWORD_DIR --out DIR",
        "   or: java -cp models/target/classes org.attention4j.data.bible.BibleCorpusBuilder"
            + " SWORD_DIR " + sc.moduleName() + " " + tc.moduleName() + " OUT.tsv.gz",
        "columns: ref <TAB> split <TAB> source (" + sc.get("Lang").orElse("?") + ", "
            + sc.moduleName() + ") <TAB> target (" + tc.get("Lang").orElse("?") + ", "
            + tc.moduleName() + ")");
  }

  private static String describe(SwordConf c) {
    return c.moduleName() + " \"" + c.description() + "\", SWORD module Version="
        + c.version() + ", SwordVersionDate=" + c.get("SwordVersionDate").orElse("unknown");
  }

  private static String license(SwordConf c) {
    return c.moduleName() + " " + c.get("DistributionLicense").orElse("license unknown")
        + " (" + c.get("Copyright").orElse("no Copyright field") + ")";
  }

  /**
   * {@code BibleCorpusBuilder SWORD_DIR SOURCE TARGET OUT_FILE}: builds and writes a
   * corpus, prints the summary. Exit 0 ok, 1 failure, 2 usage error.
   */
  public static void main(String[] args) {
    if (args.length != 4) {
      System.err.println("usage: BibleCorpusBuilder SWORD_DIR SOURCE_MODULE TARGET_MODULE"
          + " OUT_FILE   (e.g. /usr/share/sword engKJV2006eb spaRV1909eb kjv-rv1909.tsv.gz)");
      System.exit(2);
    }
    try {
      BuildStats stats = build(Path.of(args[0]), args[1], args[2], Path.of(args[3]));
      System.out.println(stats.summary());
      System.out.println("wrote " + args[3]);
    } catch (IOException | RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(1);
    }
  }
}
