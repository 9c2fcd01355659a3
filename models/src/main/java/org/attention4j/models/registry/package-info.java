/**
 * Translation models by name and on disk: {@link org.attention4j.models.registry.Seq2SeqModels}
 * maps a model type ({@code plain}, {@code bahdanau}, {@code luong-dot}, ..., {@code
 * transformer}) to its family's factory and config, and {@link
 * org.attention4j.models.registry.Seq2SeqCheckpoints} saves and loads any {@link
 * org.attention4j.models.seq2seq.Seq2SeqModel} with its tokenizers (and, for training, the
 * optimizer and trainer state) as a checkpoint directory.
 *
 * <p>This is the one package that knows every family; training, decoding and the CLI go
 * through it and the {@code Seq2SeqModel} contract, never through a family's classes.
 */
package org.attention4j.models.registry;
