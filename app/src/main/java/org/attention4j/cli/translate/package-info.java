/**
 * The translation commands: {@code attn train translate} (tokenizers, model, trainer, progress,
 * resumable checkpoints), {@code attn translate} (greedy or beam decoding of text, n-best lists,
 * attention display), {@code attn eval translate} (sacreBLEU-compatible BLEU, chrF and BLEU per
 * source length on a corpus split) and {@code attn align} (word alignments read off the
 * cross-attention of a teacher-forced pass, with AER against gold links).
 *
 * <p>The commands check arguments, read and write files and print; the work is done by {@code
 * org.attention4j.train}, {@code decode}, {@code eval} and {@code models.registry}. The helpers
 * here are package-private: {@link org.attention4j.cli.translate.ModelDir} (finding and loading
 * a checkpoint), {@link org.attention4j.cli.translate.Decoding} (batched greedy or beam decoding
 * of many sentences), {@link org.attention4j.cli.translate.WordPositions} (which whitespace word
 * each token belongs to, for alignments over words) and {@link
 * org.attention4j.cli.translate.AttentionText} (the text heatmap).
 */
package org.attention4j.cli.translate;
