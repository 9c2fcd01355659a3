/**
 * Seeing what translation models attend to, from the command line: {@code attn viz} (the
 * explorer page or heatmaps), {@code attn doctor} (the attention doctor's report) and {@code attn
 * serve-viz} (the live page). Here the two sides meet that the package rules keep apart: the
 * models ({@code models}, {@code train}, {@code decode}) and the pictures ({@code viz},
 * {@code serve}). {@link org.attention4j.cli.viz.AttentionOverTraining} turns the trainer's
 * {@link org.attention4j.train.AttentionSnapshots} into {@code attention-over-training.html}.
 */
package org.attention4j.cli.viz;
