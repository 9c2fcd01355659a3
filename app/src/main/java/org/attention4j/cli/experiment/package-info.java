/**
 * Experiments that reproduce the classic claims about attention, and the translation demo.
 *
 * <ul>
 *   <li>{@code attn experiment length-curve} ({@link org.attention4j.cli.experiment.LengthCurveCommand}):
 *       Bahdanau et al. (2015), Fig. 2 — BLEU by source length, with and without attention, under
 *       an equal budget ({@code Budget}: equal training tokens by default).
 *   <li>{@code attn experiment alignment} ({@link org.attention4j.cli.experiment.AlignmentCommand}):
 *       does attention learn word alignment? AER against the gold alignments of the synthetic
 *       reordering task.
 *   <li>{@code attn demo translate} ({@link org.attention4j.cli.experiment.DemoTranslateCommand}):
 *       the project's main demo — a few minutes of training on the bundled Bible, sample
 *       translations, the attention-vs-no-attention table, and the attention explorer page.
 * </ul>
 *
 * <p>Commands check their options and report; the work is in package-private helpers: {@code
 * TranslationSetup} (corpus and tokenizers), {@code ModelTraining} (the trainer under a budget),
 * {@code TestScores} (greedy test translations, BLEU, chrF, buckets), {@code LengthCurve} (the
 * comparison), {@code CurvePlot} (SVG/PNG), {@code AlignmentScores} (attention to AER). Results
 * and the commands that made them are in {@code docs/experiments.md}.
 */
package org.attention4j.cli.experiment;
