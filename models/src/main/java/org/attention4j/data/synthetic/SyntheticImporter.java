package org.attention4j.data.synthetic;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.attention4j.data.CorpusFormatException;
import org.attention4j.data.corpus.CleaningOptions;
import org.attention4j.data.corpus.CorpusAssembler;
import org.attention4j.data.corpus.CorpusInfo;
import org.attention4j.data.corpus.HashSplit;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.data.corpus.ParallelCorpusFiles;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.data.corpus.Split;

/**
 * Writes a {@link ReorderingGrammar} task as a corpus directory with gold alignments; this is
 * what {@code attn data import synthetic} runs.
 *
 * <p>The directory is a {@link ParallelCorpus} ({@link ParallelCorpusFiles}) plus, for each
 * split, two Pharaoh files ({@link PharaohFile}) whose line {@code k} belongs to line {@code k}
 * of {@code <split>.tsv.gz}:
 * <ul>
 *   <li>{@code <split>.sure.txt}: the sure links S;</li>
 *   <li>{@code <split>.possible.txt}: all possible links P, <em>the sure ones included</em>
 *       (S ⊆ P), as alignment error rate expects: {@code AER = 1 - (|A∩S| + |A∩P|) / (|A| +
 *       |S|)}.</li>
 * </ul>
 * Word positions count the space-separated tokens of the source and target texts from 0.
 *
 * <p>Sentences are drawn with {@code new java.util.Random(seed)} (whose algorithm the JDK
 * specification fixes): first the target vocabulary, then sentences until {@code pairs}
 * distinct ones are found (the target is a function of the source, so distinct sources).
 * Ids are {@code syn:<draw number>}. The split is by the hash of the source ({@link
 * HashSplit}); the same seed and options give the same files, byte for byte.
 */
public final class SyntheticImporter {

  /** Source language code: the English-like SVO language. */
  public static final String SOURCE_LANG = "x-svo";

  /** Target language code: the made-up SOV language. */
  public static final String TARGET_LANG = "x-sov";

  /**
   * What to generate.
   *
   * @param grammar the grammar's sizes; default {@link ReorderingGrammar.Config#DEFAULTS}
   * @param seed the seed of everything random
   * @param pairs distinct pairs wanted (all splits)
   * @param split the hash split; default 5% dev, 5% test
   * @param command the command line to record in {@code corpus.json}
   */
  public record Options(ReorderingGrammar.Config grammar, long seed, int pairs, HashSplit split,
      String command) {

    /** 5% dev, 5% test. */
    public static final HashSplit DEFAULT_SPLIT = new HashSplit(50, 50);

    public Options {
      if (grammar == null) {
        grammar = ReorderingGrammar.Config.DEFAULTS;
      }
      if (pairs < 1) {
        throw new IllegalArgumentException("SyntheticImporter: pairs must be >= 1, got " + pairs);
      }
      if (split == null) {
        split = DEFAULT_SPLIT;
      }
      if (command == null) {
        command = "attn data import synthetic --seed " + seed + " --pairs " + pairs
            + " --out DIR";
      }
    }

    /** The default grammar and split. */
    public static Options of(long seed, int pairs) {
      return new Options(null, seed, pairs, null, null);
    }
  }

  /**
   * What was generated.
   *
   * @param drawn sentences drawn
   * @param repeats drawn sentences dropped as repeats of earlier ones
   * @param minSourceLength shortest source, in words
   * @param maxSourceLength longest source, in words
   * @param meanSourceLength mean source length, in words
   * @param meanTargetLength mean target length, in words
   */
  public record Stats(int drawn, int repeats, int train, int dev, int test, int minSourceLength,
      int maxSourceLength, double meanSourceLength, double meanTargetLength) {

    /** One line, as the CLI prints it. */
    public String summary() {
      return String.format("synthetic: %d pairs (train %d, dev %d, test %d) from %d drawn (%d"
          + " repeats); source length %d..%d words, mean %.1f; target mean %.1f",
          train + dev + test, train, dev, test, drawn, repeats, minSourceLength,
          maxSourceLength, meanSourceLength, meanTargetLength);
    }
  }

  /** The corpus, the aligned pairs of each split in corpus order, and the stats. */
  public record Result(ParallelCorpus corpus, Map<Split, List<AlignedPair>> aligned,
      Stats stats) {}

  private SyntheticImporter() {}

  /** Generates the task and writes it to {@code outDir} (see the class comment). */
  public static Stats build(Options options, Path outDir) throws IOException {
    Result r = generate(options);
    Files.createDirectories(outDir);
    Files.deleteIfExists(outDir.resolve(ParallelCorpusFiles.INFO_FILE)); // no stale corpus.json
    for (Split s : Split.values()) {
      List<AlignedPair> pairs = r.aligned().get(s);
      PharaohFile.write(outDir.resolve(s.label() + ".sure.txt"),
          pairs.stream().map(AlignedPair::sure).toList());
      PharaohFile.write(outDir.resolve(s.label() + ".possible.txt"),
          pairs.stream().map(AlignedPair::possible).toList());
    }
    ParallelCorpusFiles.write(outDir, r.corpus());
    return r.stats();
  }

  /** Generates the task in memory. */
  public static Result generate(Options options) {
    Random rng = new Random(options.seed());
    ReorderingGrammar grammar = new ReorderingGrammar(options.grammar(), rng);
    Map<String, AlignedPair> byId = new HashMap<>();
    List<CorpusAssembler.Candidate> candidates = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    int drawn = 0;
    int limit = Math.max(1000, options.pairs() * 50);
    while (candidates.size() < options.pairs() && drawn < limit) {
      AlignedPair p = grammar.sample(rng);
      drawn++;
      if (!seen.add(p.sourceText())) {
        continue;
      }
      String id = String.format("syn:%07d", drawn);
      byId.put(id, p);
      candidates.add(new CorpusAssembler.Candidate(id, p.sourceText(), p.targetText()));
    }
    // Nothing to clean (single-spaced ASCII), so the filters are wide open; the assembler
    // still splits by hash and checks ids.
    CleaningOptions none = new CleaningOptions(Integer.MAX_VALUE, Integer.MAX_VALUE,
        Double.MAX_VALUE, 1, false, CleaningOptions.Dedup.EXACT);
    CorpusAssembler.Result assembled = CorpusAssembler.assemble(candidates, options.split(),
        none);
    Map<Split, List<AlignedPair>> aligned = new EnumMap<>(Split.class);
    for (Split s : Split.values()) {
      List<SentencePair> split = switch (s) {
        case TRAIN -> assembled.train();
        case DEV -> assembled.dev();
        case TEST -> assembled.test();
      };
      aligned.put(s, split.stream().map(p -> byId.get(p.id())).toList());
    }
    int min = Integer.MAX_VALUE;
    int max = 0;
    long srcWords = 0;
    long tgtWords = 0;
    for (String id : byId.keySet()) {
      AlignedPair p = byId.get(id);
      min = Math.min(min, p.source().size());
      max = Math.max(max, p.source().size());
      srcWords += p.source().size();
      tgtWords += p.target().size();
    }
    int n = byId.size();
    Stats stats = new Stats(drawn, drawn - n, assembled.train().size(), assembled.dev().size(),
        assembled.test().size(), min, max, (double) srcWords / n, (double) tgtWords / n);
    ReorderingGrammar.Config g = options.grammar();
    Map<String, Long> s = new LinkedHashMap<>();
    s.put("seed", options.seed());
    s.put("drawn", (long) drawn);
    s.put("repeats", (long) (drawn - n));
    s.put("minSourceLength", (long) min);
    s.put("maxSourceLength", (long) max);
    s.put("sourceVocabulary", (long) grammar.sourceVocabularySize());
    s.put("targetVocabulary", (long) grammar.targetVocabularySize());
    CorpusInfo info = new CorpusInfo(SOURCE_LANG, TARGET_LANG,
        "generated by org.attention4j.data.synthetic.ReorderingGrammar with seed "
            + options.seed() + " and " + g,
        "generated data; no license restrictions",
        options.command(),
        List.of(stats.summary(),
            "rules: SVO -> SOV (verb stem + tense particle last), adjectives after the noun,"
                + " prepositions -> postpositions, determiner + noun fused into one word",
            "alignments: <split>.sure.txt (sure links S) and <split>.possible.txt (possible"
                + " links P, sure included); Pharaoh i-j, 0-based source-target word"
                + " positions, line k = line k of <split>.tsv.gz"),
        s);
    return new Result(assembled.toCorpus(info), aligned, stats);
  }

  /**
   * Reads the alignments of one split and checks them against the corpus: one line per pair,
   * every link inside the pair's token counts, S ⊆ P.
   *
   * @param sure whether to read the sure or the possible links
   * @throws CorpusFormatException naming the file, the line and the rule
   */
  public static List<List<Link>> readAlignments(Path dir, ParallelCorpus corpus, Split split,
      boolean sure) throws IOException {
    Path file = dir.resolve(split.label() + (sure ? ".sure.txt" : ".possible.txt"));
    List<List<Link>> links = PharaohFile.read(file);
    List<SentencePair> pairs = corpus.split(split);
    if (links.size() != pairs.size()) {
      throw new CorpusFormatException(file + ": has " + links.size() + " lines, but "
          + split.fileName() + " has " + pairs.size() + " pairs");
    }
    for (int k = 0; k < pairs.size(); k++) {
      int ns = pairs.get(k).source().split(" ").length;
      int nt = pairs.get(k).target().split(" ").length;
      for (Link l : links.get(k)) {
        if (l.source() >= ns || l.target() >= nt) {
          throw new CorpusFormatException(file + ": line " + (k + 1) + ": link " + l
              + " is out of range for pair " + pairs.get(k).id() + " (" + ns + " source and "
              + nt + " target words)");
        }
      }
    }
    return links;
  }
}
