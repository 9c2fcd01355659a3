/**
 * Training loops: batches, optimiser steps, clipping, schedules, evaluation, early stopping,
 * progress and checkpoints.
 *
 * <p>Translation, for any {@link org.attention4j.models.seq2seq.Seq2SeqModel}:
 * <ul>
 *   <li>{@link org.attention4j.train.TranslationData}: a corpus's train and dev splits as ids
 *       ({@link org.attention4j.train.EncodedSplit}, {@link org.attention4j.train.EncodedPair})
 *       after a {@link org.attention4j.train.LengthPolicy} (filter, model limit, truncation);</li>
 *   <li>{@link org.attention4j.train.Batcher}: length-bucketed, padded batches ({@link
 *       org.attention4j.train.Batch}) by token budget and sentence count ({@link
 *       org.attention4j.train.BatchingOptions}), deterministic per {@code (seed, epoch)};</li>
 *   <li>{@link org.attention4j.train.Seq2SeqTrainer} with {@link
 *       org.attention4j.train.TrainerConfig}: teacher forcing, label smoothing, clipping, Adam or
 *       AdamW under a schedule, dev loss and greedy dev BLEU per epoch ({@link
 *       org.attention4j.train.Evaluation}), early stopping, {@code last}/{@code best}
 *       checkpoints, and exact resumption (see its class comment and {@link
 *       org.attention4j.train.StepRandom}); it reports to a {@link
 *       org.attention4j.train.TrainingListener} ({@link org.attention4j.train.StepProgress},
 *       {@link org.attention4j.train.EpochResult}) and returns a {@link
 *       org.attention4j.train.TrainingReport}.</li>
 * </ul>
 * The translation code uses the model contract and {@code models.registry} only, never a
 * family's classes. {@link org.attention4j.train.LanguageModelTrainer} is the small loop of the
 * character language model demo.
 */
package org.attention4j.train;
