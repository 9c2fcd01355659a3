/**
 * {@link org.attention4j.tensor.Tensor}: float32 n-d arrays with views, broadcasting and
 * autograd; {@link org.attention4j.tensor.IntTensor} for ids and targets; {@link
 * org.attention4j.tensor.Shape}; and {@link org.attention4j.tensor.GradCheck} for checking
 * gradients by central differences.
 *
 * <p>{@code Tensor} is a facade. Each op family has its own package-private class with the
 * backward beside the forward: {@code Movement} (views, copies), {@code UnaryOps},
 * {@code BinaryOps} (broadcasting, comparisons, where), {@code Reduce}, {@code Linalg}
 * (matmul on SGEMM), {@code RowOps} (softmax, log-softmax, layer norm), {@code Indexing}
 * (embedding, index_select, gather), {@code Joining} and {@code Losses}. {@code OpNode} records
 * an op on the tape and sums broadcast gradients back to each input's shape.
 *
 * <p>Conventions: layout is batch-first; dims may be negative; errors name the op, the shapes
 * and the rule ({@code matmul: inner dims differ: [2, 3] @ [4, 5]}); randomness always comes
 * from a caller's seeded {@link java.util.random.RandomGenerator}.
 */
package org.attention4j.tensor;
