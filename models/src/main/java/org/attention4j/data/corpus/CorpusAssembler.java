package org.attention4j.data.corpus;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The cleaning and splitting that all importers share: candidate pairs in, a {@link
 * ParallelCorpus}'s three splits and {@link CleaningStats} out.
 *
 * <p>Steps, in order:
 * <ol>
 *   <li>{@link TextCleaning#normalize} both sides (NFC, whitespace);</li>
 *   <li>drop, counting the first rule that applies: an empty side; a control character left
 *       on a side; a side longer than {@code maxTokens} tokens or {@code maxChars} code points;
 *       an extreme length ratio (of UTF-8 byte lengths, see {@link CleaningOptions}); target
 *       equal to source (when {@code dropIdentical});</li>
 *   <li>give each remaining pair its split ({@link SplitPolicy}, e.g. {@link HashSplit} on the
 *       cleaned source);</li>
 *   <li>remove repeats over <em>all</em> splits together ({@link CleaningOptions.Dedup}); of
 *       several copies the one in test is kept, else the one in dev, else the first — so a
 *       held-out set is never thinned to feed train, and no pair is left in two splits (in
 *       particular no training pair equals a dev or test pair).</li>
 * </ol>
 * Kept pairs stay in input order and keep their ids.
 */
public final class CorpusAssembler {

  /**
   * A pair as an importer found it, before cleaning (texts may hold tabs and line breaks).
   *
   * @param id unique among the candidates
   */
  public record Candidate(String id, String source, String target) {
    public Candidate {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(target, "target");
    }
  }

  /** The kept pairs by split, and the counts. */
  public record Result(List<SentencePair> train, List<SentencePair> dev,
      List<SentencePair> test, CleaningStats stats) {

    public Result {
      train = List.copyOf(train);
      dev = List.copyOf(dev);
      test = List.copyOf(test);
    }

    /** A corpus of these splits. */
    public ParallelCorpus toCorpus(CorpusInfo info) {
      return new ParallelCorpus(info, train, dev, test);
    }
  }

  private record Kept(int order, SentencePair pair, Split split) {}

  private CorpusAssembler() {}

  /**
   * Cleans, splits and deduplicates {@code candidates} (see the class comment).
   *
   * @throws IllegalArgumentException if two candidates share an id
   */
  public static Result assemble(List<Candidate> candidates, SplitPolicy splits,
      CleaningOptions options) {
    Map<String, Boolean> ids = new HashMap<>();
    int empty = 0;
    int control = 0;
    int tooLong = 0;
    int ratio = 0;
    int identical = 0;
    List<Kept> clean = new ArrayList<>();
    for (Candidate c : candidates) {
      if (ids.put(c.id(), Boolean.TRUE) != null) {
        throw new IllegalArgumentException("CorpusAssembler: id '" + c.id()
            + "' is used by two candidate pairs");
      }
      String s = TextCleaning.normalize(c.source());
      String t = TextCleaning.normalize(c.target());
      if (s.isEmpty() || t.isEmpty()) {
        empty++;
        continue;
      }
      if (TextCleaning.firstControl(s) != null || TextCleaning.firstControl(t) != null) {
        control++;
        continue;
      }
      int ts = TextCleaning.tokens(s);
      int tt = TextCleaning.tokens(t);
      if (ts > options.maxTokens() || tt > options.maxTokens()
          || TextCleaning.chars(s) > options.maxChars()
          || TextCleaning.chars(t) > options.maxChars()) {
        tooLong++;
        continue;
      }
      int bs = s.getBytes(StandardCharsets.UTF_8).length;
      int bt = t.getBytes(StandardCharsets.UTF_8).length;
      if (Math.max(ts, tt) >= options.ratioMinTokens()
          && Math.max(bs, bt) > options.maxLengthRatio() * Math.min(bs, bt)) {
        ratio++;
        continue;
      }
      if (options.dropIdentical() && s.equals(t)) {
        identical++;
        continue;
      }
      SentencePair p = new SentencePair(c.id(), s, t);
      clean.add(new Kept(clean.size(), p, splits.of(p)));
    }

    int duplicates = 0;
    int alternatives = 0;
    boolean[] keep = new boolean[clean.size()];
    if (options.dedup() == CleaningOptions.Dedup.EXACT) {
      Map<String, Kept> best = new HashMap<>();
      for (Kept k : clean) {
        best.merge(ParallelCorpus.key(k.pair()), k, CorpusAssembler::better);
      }
      for (Kept k : best.values()) {
        keep[k.order()] = true;
      }
      duplicates = clean.size() - best.size();
    } else {
      // source -> target -> occurrences (in input order)
      Map<String, Map<String, List<Kept>>> bySource = new LinkedHashMap<>();
      for (Kept k : clean) {
        bySource.computeIfAbsent(k.pair().source(), x -> new LinkedHashMap<>())
            .computeIfAbsent(k.pair().target(), x -> new ArrayList<>()).add(k);
      }
      for (Map<String, List<Kept>> targets : bySource.values()) {
        String winner = null;
        for (Map.Entry<String, List<Kept>> e : targets.entrySet()) {
          if (winner == null) {
            winner = e.getKey();
            continue;
          }
          int n = e.getValue().size();
          int w = targets.get(winner).size();
          if (n > w || n == w && e.getKey().compareTo(winner) < 0) {
            winner = e.getKey();
          }
        }
        Kept chosen = null;
        for (Kept k : targets.get(winner)) {
          chosen = chosen == null ? k : better(chosen, k);
        }
        keep[chosen.order()] = true;
        duplicates += targets.get(winner).size() - 1;
        for (Map.Entry<String, List<Kept>> e : targets.entrySet()) {
          if (!e.getKey().equals(winner)) {
            alternatives += e.getValue().size();
          }
        }
      }
    }

    List<SentencePair> train = new ArrayList<>();
    List<SentencePair> dev = new ArrayList<>();
    List<SentencePair> test = new ArrayList<>();
    for (Kept k : clean) {
      if (keep[k.order()]) {
        switch (k.split()) {
          case TRAIN -> train.add(k.pair());
          case DEV -> dev.add(k.pair());
          case TEST -> test.add(k.pair());
        }
      }
    }
    CleaningStats stats = new CleaningStats(candidates.size(), empty, control, tooLong, ratio,
        identical, duplicates, alternatives, train.size(), dev.size(), test.size());
    return new Result(train, dev, test, stats);
  }

  /** Of two copies: the one in the more held-out split (test, dev, train), else the first. */
  private static Kept better(Kept a, Kept b) {
    int ra = rank(a.split());
    int rb = rank(b.split());
    if (ra != rb) {
      return ra < rb ? a : b;
    }
    return a.order() <= b.order() ? a : b;
  }

  private static int rank(Split s) {
    return switch (s) {
      case TEST -> 0;
      case DEV -> 1;
      case TRAIN -> 2;
    };
  }
}
