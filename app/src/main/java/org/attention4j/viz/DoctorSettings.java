package org.attention4j.viz;

import java.util.Set;

/**
 * Thresholds and assumptions of the {@link AttentionDoctor}. All shares and masses are fractions
 * in [0, 1]; "rows" are query rows of real (non-padding) tokens.
 *
 * @param uniformEntropy a head is <b>nearly uniform</b> when its mean normalised entropy (row
 *     entropy / log of the number of real keys) is at least this (default 0.95)
 * @param collapseShare a head has <b>collapsed</b> onto one key position when at least this share
 *     of its rows put their largest weight on the same position (default 0.6; at least 3 rows)
 * @param paddingMass attention <b>leaks onto padding</b> when the mean mass per row on padding
 *     keys is at least this (default 0.01)
 * @param specialMass a head <b>parks on special tokens</b> (BOS/EOS/[SEP]...) when their mean mass
 *     per row is at least this (default 0.5; an observation, common in trained BERT heads)
 * @param futureMass decoder self-attention <b>sees the future</b> when the mean mass above the
 *     diagonal is at least this (default 0.001)
 * @param rowSumTolerance rows of real queries should sum to 1 within this (default 0.01); others
 *     point at weights taken after dropout, or scores instead of weights
 * @param bandFraction the diagonal band for cross-attention: keys within {@code max(1,
 *     round(bandFraction * S))} positions of the length-normalised diagonal {@code i* = j (S-1)/(T-1)}
 *     (default 0.15)
 * @param minDiagonalMass cross-attention is <b>not monotone</b> when less than this mass lies in
 *     the band (default 0.4) and the Spearman correlation of argmax source positions with target
 *     positions is below {@code minSpearman} (default 0.5)
 * @param minSpearman see {@code minDiagonalMass}
 * @param neverAttended a source token counts as <b>never attended</b> when all queries together give
 *     it less than this (default 0.1, a tenth of one query's attention)
 * @param uncoveredShare cross-attention <b>leaves the source uncovered</b> when at least this share
 *     of real source tokens are never attended (default 0.3)
 * @param constantDistance a head is <b>constant across inputs</b> when two examples of equal size
 *     but different tokens have weights whose mean total-variation distance per row is below this
 *     (default 0.01)
 * @param duplicateSimilarity two heads are <b>duplicates</b> when the cosine similarity of their
 *     weights over all examples is at least this (default 0.98)
 * @param expectMonotone whether cross-attention is expected to follow the diagonal (true for
 *     translation between languages of similar word order; a miss is then a warning)
 * @param specialTokens token strings counted as special (BOS, EOS, separators)
 */
public record DoctorSettings(double uniformEntropy, double collapseShare, double paddingMass, double specialMass,
    double futureMass, double rowSumTolerance, double bandFraction, double minDiagonalMass, double minSpearman,
    double neverAttended, double uncoveredShare, double constantDistance, double duplicateSimilarity,
    boolean expectMonotone, Set<String> specialTokens) {
  /** The default special tokens: {@code <s> </s> <bos> <eos> [CLS] [SEP] <|endoftext|> <start> <end>}. */
  public static final Set<String> SPECIAL = Set.of("<s>", "</s>", "<bos>", "<eos>", "[CLS]", "[SEP]",
      "<|endoftext|>", "<start>", "<end>", "<BOS>", "<EOS>");

  public DoctorSettings {
    check("uniformEntropy", uniformEntropy);
    check("collapseShare", collapseShare);
    check("paddingMass", paddingMass);
    check("specialMass", specialMass);
    check("futureMass", futureMass);
    check("rowSumTolerance", rowSumTolerance);
    check("bandFraction", bandFraction);
    check("minDiagonalMass", minDiagonalMass);
    if (!(minSpearman >= -1 && minSpearman <= 1)) {
      throw new IllegalArgumentException("DoctorSettings: minSpearman must be in [-1, 1], got " + minSpearman);
    }
    if (!(neverAttended >= 0)) throw new IllegalArgumentException("DoctorSettings: neverAttended must be >= 0, got " + neverAttended);
    check("uncoveredShare", uncoveredShare);
    check("constantDistance", constantDistance);
    check("duplicateSimilarity", duplicateSimilarity);
    specialTokens = Set.copyOf(specialTokens);
  }

  private static void check(String name, double v) {
    if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException("DoctorSettings: " + name + " must be in [0, 1], got " + v);
  }

  /** The documented defaults. */
  public static DoctorSettings defaults() {
    return new DoctorSettings(0.95, 0.6, 0.01, 0.5, 0.001, 0.01, 0.15, 0.4, 0.5, 0.1, 0.3, 0.01, 0.98, true, SPECIAL);
  }

  /** The same settings with {@code expectMonotone} changed (false for strongly reordering language pairs). */
  public DoctorSettings withExpectMonotone(boolean expect) {
    return new DoctorSettings(uniformEntropy, collapseShare, paddingMass, specialMass, futureMass, rowSumTolerance,
        bandFraction, minDiagonalMass, minSpearman, neverAttended, uncoveredShare, constantDistance,
        duplicateSimilarity, expect, specialTokens);
  }
}
