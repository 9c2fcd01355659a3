package org.attention4j.data.bible;

import java.util.List;

/**
 * What {@link BibleCorpusBuilder} did.
 *
 * @param sourceModule source module name
 * @param targetModule target module name
 * @param verses verses in the versification (31,102 for KJV)
 * @param emptyInSource references of verses empty in the source (skipped)
 * @param emptyInTarget references of verses empty in the target (skipped)
 * @param misaligned references of pairs skipped as out of step ({@code AlignmentCheck})
 * @param merged references of pairs skipped because the next verse of the chapter is
 *     empty in one translation whose verse holds that next verse's text too
 * @param unjudged pairs kept without an alignment check (no Strong's numbers on a side)
 * @param dropCapsSource chapter-first source verses whose drop-cap casing was fixed
 * @param dropCapsTarget chapter-first target verses whose drop-cap casing was fixed
 * @param train training pairs written
 * @param dev dev pairs written
 * @param test test pairs written
 * @param trainDuplicates training pairs dropped as exact repeats of an earlier
 *     training pair (same source and target)
 * @param trainInDevTest training pairs dropped because a dev or test pair is identical
 */
public record BuildStats(String sourceModule, String targetModule, int verses,
    List<String> emptyInSource, List<String> emptyInTarget, List<String> misaligned,
    List<String> merged, int unjudged, int dropCapsSource, int dropCapsTarget, int train,
    int dev, int test, int trainDuplicates, int trainInDevTest) {

  public BuildStats {
    emptyInSource = List.copyOf(emptyInSource);
    emptyInTarget = List.copyOf(emptyInTarget);
    misaligned = List.copyOf(misaligned);
    merged = List.copyOf(merged);
  }

  /** Pairs written, all splits. */
  public int pairs() {
    return train + dev + test;
  }

  /** A few human-readable lines, as the CLI prints them. */
  public String summary() {
    return sourceModule + " -> " + targetModule + ": " + pairs() + " pairs (train " + train
        + ", dev " + dev + ", test " + test + ") from " + verses + " verses\n"
        + "skipped: " + emptyInSource.size() + " empty in " + sourceModule + ", "
        + emptyInTarget.size() + " empty in " + targetModule + ", " + misaligned.size()
        + " misaligned, " + merged.size() + " merged; train: " + trainDuplicates
        + " duplicates and " + trainInDevTest + " dev/test repeats dropped\n"
        + "drop caps fixed: " + dropCapsSource + " in " + sourceModule + ", " + dropCapsTarget
        + " in " + targetModule + "; pairs without alignment check: " + unjudged;
  }
}
