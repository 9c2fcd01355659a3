package org.attention4j.text;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.regex.Matcher;

/**
 * Learns byte-level BPE merges from a corpus (Sennrich et al. 2016, Algorithm 1, on bytes as in
 * GPT-2): start from the 256 bytes, then repeatedly join the most frequent adjacent pair of
 * symbols inside pre-tokenized pieces ({@link BpeTokenizer}), until the vocabulary has {@link
 * Config#vocabSize} ids or no pair occurs {@link Config#minFrequency} times.
 *
 * <p><b>Ties</b> between pairs of equal frequency go to the pair with the smaller left id, then
 * the smaller right id. Ids are the creation order (specials 0–3, byte {@code b} at {@code 4 +
 * b}, then each new symbol), so the same corpus and config always give the same merges.
 *
 * <p><b>Speed</b>: each distinct piece is kept once with its count; pair counts live in a map and
 * are updated incrementally after each merge, only in the pieces that contain the merged pair (an
 * index from pair to pieces); the best pair comes from a priority queue whose stale entries are
 * corrected when they reach the top. A merge whose result spells an existing token reuses its id
 * (and is not listed twice), as in Hugging Face's trainer.
 */
public final class BpeTrainer {
  private BpeTrainer() {}

  /** Bytes, plus the four specials. */
  public static final int MIN_VOCAB_SIZE = 256 + Tokenizer.SPECIALS.size();

  /**
   * Training options.
   *
   * @param vocabSize the most ids, specials and the 256 bytes included (at least {@value
   *     #MIN_VOCAB_SIZE}); every merge adds at most one
   * @param minFrequency the least count a pair needs to be merged (at least 1; 2 is usual)
   */
  public record Config(int vocabSize, int minFrequency) {
    public Config {
      if (vocabSize < MIN_VOCAB_SIZE) {
        throw new IllegalArgumentException("BpeTrainer.Config: vocabSize must be >= "
            + MIN_VOCAB_SIZE + " (4 specials + 256 bytes), got " + vocabSize);
      }
      if (minFrequency < 1) {
        throw new IllegalArgumentException("BpeTrainer.Config: minFrequency must be >= 1, got "
            + minFrequency);
      }
    }
  }

  private record Candidate(long count, int left, int right) {}

  /** Learns merges from {@code corpus} (one text per element). */
  public static BpeTokenizer train(Iterable<String> corpus, Config config) {
    // ---- distinct pieces with counts (in order of first appearance), as byte-symbol ids
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (String text : corpus) {
      TextPatterns.forEachSegment(text, segment -> {
        Matcher m = TextPatterns.BYTE_LEVEL_PATTERN.matcher(segment);
        while (m.find()) counts.computeIfAbsent(m.group(), k -> new long[1])[0]++;
      }, special -> { });
    }
    List<int[]> words = new ArrayList<>(counts.size());
    long[] freq = new long[counts.size()];
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      byte[] b = e.getKey().getBytes(StandardCharsets.UTF_8);
      int[] syms = new int[b.length];
      for (int i = 0; i < b.length; i++) syms[i] = Tokenizer.SPECIALS.size() + (b[i] & 0xFF);
      freq[words.size()] = e.getValue()[0];
      words.add(syms);
    }
    return new Run(words, freq, config).learn();
  }

  /** The mutable state of one training run. */
  private static final class Run {
    final List<int[]> words;
    final int[] lengths;
    final long[] freq;
    final Config config;
    final Map<Long, Long> pairCounts = new HashMap<>();
    final Map<Long, List<Integer>> where = new HashMap<>();
    final PriorityQueue<Candidate> queue = new PriorityQueue<>((a, b) -> a.count != b.count
        ? Long.compare(b.count, a.count)
        : a.left != b.left ? Integer.compare(a.left, b.left) : Integer.compare(a.right, b.right));
    final List<String> tokens = new ArrayList<>(Tokenizer.SPECIALS);
    final Map<String, Integer> ids = new HashMap<>();
    final List<BpeTokenizer.Merge> merges = new ArrayList<>();
    final Set<Long> merged = new HashSet<>();
    final int[] stamp;

    Run(List<int[]> words, long[] freq, Config config) {
      this.words = words;
      this.freq = freq;
      this.config = config;
      this.lengths = new int[words.size()];
      this.stamp = new int[words.size()];
      for (int b = 0; b < 256; b++) tokens.add(String.valueOf(ByteLevel.charOf(b)));
      for (int i = 0; i < tokens.size(); i++) ids.put(tokens.get(i), i);
      for (int w = 0; w < words.size(); w++) {
        lengths[w] = words.get(w).length;
        addPairs(w, -1, null);
      }
      pairCounts.forEach((key, count) ->
          queue.add(new Candidate(count, (int) (key >>> 32), (int) (long) key)));
    }

    BpeTokenizer learn() {
      int step = 0;
      while (tokens.size() < config.vocabSize() && !queue.isEmpty()) {
        Candidate top = queue.poll();
        long key = BpeTokenizer.pair(top.left, top.right);
        long actual = pairCounts.getOrDefault(key, 0L);
        if (actual != top.count) {
          if (actual > 0) queue.add(new Candidate(actual, top.left, top.right));
          continue;
        }
        if (actual < config.minFrequency()) break;
        String text = tokens.get(top.left) + tokens.get(top.right);
        Integer id = ids.get(text);
        if (id == null) {
          id = tokens.size();
          tokens.add(text);
          ids.put(text, id);
        }
        if (merged.add(key)) {
          merges.add(new BpeTokenizer.Merge(tokens.get(top.left), tokens.get(top.right)));
        }
        apply(key, top.left, top.right, id, ++step);
      }
      return BpeTokenizer.of(Vocabulary.of(tokens), merges);
    }

    /** Joins {@code (left, right)} into {@code id} in every piece that holds the pair. */
    void apply(long key, int left, int right, int id, int step) {
      Set<Long> grown = new HashSet<>();
      List<Integer> holders = where.remove(key);
      for (int w : holders == null ? List.<Integer>of() : holders) {
        if (stamp[w] == step) continue; // listed twice
        stamp[w] = step;
        int[] s = words.get(w);
        int n = lengths[w];
        boolean present = false;
        for (int i = 0; i + 1 < n && !present; i++) present = s[i] == left && s[i + 1] == right;
        if (!present) continue; // stale entry: an earlier merge took the pair apart
        removePairs(w);
        int out = 0;
        for (int i = 0; i < n; i++) {
          if (i + 1 < n && s[i] == left && s[i + 1] == right) {
            s[out++] = id;
            i++;
          } else {
            s[out++] = s[i];
          }
        }
        lengths[w] = out;
        addPairs(w, id, grown);
      }
      pairCounts.remove(key);
      for (long p : grown) {
        Long count = pairCounts.get(p); // gone if a reused id's pair dropped to zero meanwhile
        if (count != null) queue.add(new Candidate(count, (int) (p >>> 32), (int) p));
      }
    }

    /**
     * Adds the pairs of piece {@code w} to the counts. With {@code grown} (after a merge into
     * {@code newId}), only pairs that hold {@code newId} are new to this piece: they are indexed
     * and noted in {@code grown}; the piece is already indexed under its other pairs.
     */
    void addPairs(int w, int newId, Set<Long> grown) {
      int[] s = words.get(w);
      for (int i = 0; i + 1 < lengths[w]; i++) {
        long p = BpeTokenizer.pair(s[i], s[i + 1]);
        pairCounts.merge(p, freq[w], Long::sum);
        if (grown == null || s[i] == newId || s[i + 1] == newId) {
          where.computeIfAbsent(p, k -> new ArrayList<>()).add(w);
          if (grown != null) grown.add(p);
        }
      }
    }

    void removePairs(int w) {
      int[] s = words.get(w);
      for (int i = 0; i + 1 < lengths[w]; i++) {
        long p = BpeTokenizer.pair(s[i], s[i + 1]);
        long left = pairCounts.get(p) - freq[w];
        if (left == 0) pairCounts.remove(p);
        else pairCounts.put(p, left);
      }
    }
  }
}
