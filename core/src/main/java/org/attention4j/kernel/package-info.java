/**
 * Compute kernels over {@code float[]} arrays and offsets, with no tensor type in sight: the
 * packed multithreaded SGEMM, elementwise loops, row kernels (sums, softmax, layer norm) and the
 * shared worker pool.
 *
 * <p>Every kernel has a Vector-API body, a scalar tail and a scalar twin; {@link
 * org.attention4j.kernel.Vectors#ENABLED} switches the whole library to the twins
 * ({@code -Dattention4j.vector=false} or {@code ATTN_VECTOR=0}). Work is split across the
 * {@link org.attention4j.kernel.Parallel} pool only over independent outputs, never inside a
 * reduction, so results are the same bits for any thread count.
 */
package org.attention4j.kernel;
