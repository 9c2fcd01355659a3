package org.attention4j.data.corpus;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@link CorpusAssembler} did, pair by pair. Every input pair is counted exactly once:
 * {@code input = emptyText + controlChars + tooLong + lengthRatio + identical + duplicates +
 * alternatives + train + dev + test}.
 *
 * @param input candidate pairs given
 * @param emptyText dropped: a side is empty after normalisation
 * @param controlChars dropped: a side still holds a control character (e.g. U+0004, NUL)
 * @param tooLong dropped: a side exceeds {@code maxTokens} or {@code maxChars}
 * @param lengthRatio dropped: the sides' UTF-8 byte lengths differ by more than {@code
 *     maxLengthRatio}
 * @param identical dropped: target equals source ({@code dropIdentical})
 * @param duplicates dropped: the same (source, target) pair was kept elsewhere
 * @param alternatives dropped: another translation of the same source was kept
 *     ({@link CleaningOptions.Dedup#MAJORITY_PER_SOURCE})
 * @param train training pairs kept
 * @param dev dev pairs kept
 * @param test test pairs kept
 */
public record CleaningStats(int input, int emptyText, int controlChars, int tooLong,
    int lengthRatio, int identical, int duplicates, int alternatives, int train, int dev,
    int test) {

  /** Pairs kept, all splits. */
  public int kept() {
    return train + dev + test;
  }

  /** The counters by name, in declaration order, for {@code corpus.json} stats. */
  public Map<String, Long> toMap(String prefix) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put(prefix + "input", (long) input);
    m.put(prefix + "emptyText", (long) emptyText);
    m.put(prefix + "controlChars", (long) controlChars);
    m.put(prefix + "tooLong", (long) tooLong);
    m.put(prefix + "lengthRatio", (long) lengthRatio);
    m.put(prefix + "identical", (long) identical);
    m.put(prefix + "duplicates", (long) duplicates);
    m.put(prefix + "alternatives", (long) alternatives);
    m.put(prefix + "train", (long) train);
    m.put(prefix + "dev", (long) dev);
    m.put(prefix + "test", (long) test);
    return m;
  }

  /** One line, as the CLI prints it. */
  public String summary() {
    return "cleaning: " + input + " candidate pairs -> " + kept() + " kept (train " + train
        + ", dev " + dev + ", test " + test + "); dropped " + emptyText + " empty, "
        + controlChars + " with control characters, " + tooLong + " too long, " + lengthRatio
        + " by length ratio, " + identical + " identical, " + duplicates + " duplicates, "
        + alternatives + " alternative translations";
  }
}
