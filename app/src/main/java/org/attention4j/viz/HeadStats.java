package org.attention4j.viz;

/**
 * What the {@link AttentionDoctor} measured for one head over all examples. Means are over query
 * rows of real tokens, pooled across examples; NaN where a measure does not apply (e.g. the
 * diagonal for self-attention).
 *
 * @param head which head
 * @param examples examples that had this head
 * @param rows query rows measured
 * @param entropy mean row entropy divided by log(number of real keys): 0 = one-hot, 1 = uniform
 * @param maxWeight mean of the largest weight per row
 * @param diagonalMass cross only: mean mass within the band around the length-normalised diagonal
 * @param spearman cross only: Spearman correlation of each row's argmax key with its query position
 *     (mean over examples, weighted by rows)
 * @param alignmentError cross only, with gold links: alignment error rate (Och and Ney) of the
 *     argmax alignment against the gold one
 * @param collapseShare share of rows whose argmax is the head's most common key position (rows
 *     whose largest weight is tied have no argmax and count against it)
 * @param collapseTarget that position, described ({@code "the final source token \"</s>\""})
 * @param paddingMass mean mass per row on padding keys
 * @param specialMass mean mass per row on special tokens (BOS, EOS, separators)
 * @param futureMass decoder self only: mean mass per row above the diagonal (future tokens)
 * @param rowSumError the largest |row sum - 1| over rows of real queries that have real keys
 * @param emptyRows rows of real queries whose weights are all zero
 * @param keys real key tokens, summed over examples
 * @param neverAttended of those, keys that all queries together give less than the threshold
 * @param constantAcrossInputs true when two different examples of equal size got (nearly) the
 *     same weights
 */
public record HeadStats(HeadKey head, int examples, int rows, double entropy, double maxWeight, double diagonalMass,
    double spearman, double alignmentError, double collapseShare, String collapseTarget, double paddingMass,
    double specialMass, double futureMass, double rowSumError, int emptyRows, int keys, int neverAttended,
    boolean constantAcrossInputs) {}
