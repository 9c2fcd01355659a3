/**
 * Reading and writing models and training state: the formats other tools share, written so that
 * a crash never leaves a half-written file behind.
 *
 * <ul>
 *   <li>{@link org.attention4j.io.Json}: a strict RFC 8259 parser and writer for configs and
 *       metadata, with typed getters whose errors name the file and the field.
 *   <li>{@link org.attention4j.io.Safetensors} and {@link org.attention4j.io.SafetensorsFile}:
 *       the Hugging Face safetensors format; files are written byte for byte as the official
 *       library writes them, and read memory-mapped after the whole header has been validated.
 *   <li>{@link org.attention4j.io.AtomicFiles}: temp file, fsync, atomic rename, directory fsync.
 *   <li>{@link org.attention4j.io.Checkpoint}: a checkpoint directory (model, config, optimizer
 *       and trainer state, tokenizer) replaced as a whole, atomically, and recovered after a
 *       crash between the two renames of a save.
 * </ul>
 *
 * <p>Malformed input is reported as an {@link java.lang.IllegalArgumentException} whose message
 * starts with the file name and says which rule broke, for example
 * {@code model.safetensors: tensor "encoder.wq.weight": data_offsets [0, 96] hold 96 bytes but
 * shape [5, 7] of F32 needs 140}; failures of the file system are {@link java.io.IOException}s.
 */
package org.attention4j.io;
