package org.attention4j.autograd;

import java.util.List;

/**
 * One recorded operation on the tape: it knows the nodes it was computed from and how to
 * send its output gradient back to them.
 *
 * <p>The engine ({@link Backprop}) only orders nodes and calls {@link #backward()}; where
 * gradients are stored and how they are combined is the business of the node type (see
 * {@code org.attention4j.tensor}). This keeps the engine free of any tensor type.
 */
public abstract class Node {
  private final String op;
  private boolean released;

  protected Node(String op) {
    this.op = op;
  }

  /** The name of the operation that produced this node, as used in error messages. */
  public final String op() {
    return op;
  }

  /** The nodes whose outputs fed this operation and that need gradients (may be empty). */
  public abstract List<Node> parents();

  /**
   * Propagates the gradient accumulated so far for this node's output into its parents.
   * Called exactly once per {@link Backprop#run} after every consumer has contributed.
   */
  protected abstract void backward();

  /** Whether an output gradient reached this node in the current pass. */
  protected abstract boolean hasGradient();

  /** Drops the output gradient after it has been propagated. */
  protected abstract void clearGradient();

  /** Frees the buffers saved for backward; a later backward through this node fails. */
  protected void releaseBuffers() {
    released = true;
  }

  /** Whether {@link #releaseBuffers()} ran. */
  public final boolean isReleased() {
    return released;
  }
}
