/**
 * Evaluation: translation metrics that agree with sacreBLEU, alignment quality, and QA scores.
 * Uses only the JDK (and may use {@code org.attention4j.text}).
 *
 * <ul>
 *   <li>{@link org.attention4j.eval.Bleu} (corpus and sentence BLEU, Papineni et al. 2002, with
 *       sacreBLEU's tokenizers {@link org.attention4j.eval.BleuTokenizer} 13a and zh, Post 2018),
 *       {@link org.attention4j.eval.BucketedBleu} (BLEU by source length);</li>
 *   <li>{@link org.attention4j.eval.Chrf} (chrF and chrF++, Popović 2015, 2017);</li>
 *   <li>{@link org.attention4j.eval.Alignment}, {@link org.attention4j.eval.Pharaoh},
 *       {@link org.attention4j.eval.AttentionAlignment}, {@link org.attention4j.eval.Aer}
 *       (alignment error rate, Och and Ney 2003);</li>
 *   <li>{@link org.attention4j.eval.Squad} (exact match and F1, Rajpurkar et al. 2016).</li>
 * </ul>
 */
package org.attention4j.eval;
