package org.attention4j.tensor;

/**
 * The extension point for differentiable ops written outside this package (like PyTorch's
 * {@code torch.autograd.Function}): compute the output with any kernel, then record how its
 * gradient maps back to the inputs.
 *
 * <pre>{@code
 * Tensor out = Tensor.wrap(result, B, T, C);           // computed by a custom kernel
 * return Functions.record("fused_attention", out, (g, needs) -> new Tensor[] {
 *     needs[0] ? dq : null, needs[1] ? dk : null, needs[2] ? dv : null}, q, k, v);
 * }</pre>
 *
 * Gradients returned in a broadcast shape are summed down to each input's shape. The backward
 * function runs with grad mode off and may use any tensor op.
 */
public final class Functions {
  private Functions() {}

  /** Maps the gradient of the output to one gradient per input ({@code null} where not needed). */
  @FunctionalInterface
  public interface Backward {
    /**
     * @param grad gradient of the recorded output, same shape as it (any strides)
     * @param needs {@code needs[i]} is true when input {@code i} requires a gradient
     */
    Tensor[] apply(Tensor grad, boolean[] needs);
  }

  /**
   * Records {@code out = op(inputs)} on the tape when grad mode is on and some input requires a
   * gradient; returns {@code out} either way. {@code out} must be a fresh tensor that no other
   * op produced.
   *
   * @throws IllegalArgumentException if {@code out} was already recorded by another op
   */
  public static Tensor record(String op, Tensor out, Backward backward, Tensor... inputs) {
    if (out.gradFn != null) {
      throw new IllegalArgumentException(op + ": output was already recorded by '" + out.gradFn.op() + "'");
    }
    return OpNode.record(op, out, backward::apply, inputs);
  }

  /** Whether recording {@code op(inputs)} would happen now (skip saving buffers when it won't). */
  public static boolean willRecord(Tensor... inputs) {
    return OpNode.recording(inputs);
  }
}
