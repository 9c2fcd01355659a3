package org.attention4j.tensor;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.attention4j.autograd.Backprop;
import org.attention4j.autograd.GradMode;
import org.attention4j.autograd.Node;

/**
 * A tape entry for a tensor operation: the inputs, and a backward function that maps the
 * output gradient to one gradient per input. Gradients that come back in a broadcast shape are
 * summed down to the input's shape here, so op implementations never un-broadcast by hand.
 */
final class OpNode extends Node {
  /** Maps the gradient of the output to gradients of the inputs ({@code null} where unneeded). */
  @FunctionalInterface
  interface Backward {
    Tensor[] apply(Tensor grad, boolean[] needs);
  }

  private final Tensor[] inputs;
  private final boolean[] needs;
  private final List<Node> parents;
  private final Shape outShape;
  private Backward fn;
  private Tensor grad;
  /** Whether {@link #grad} is a buffer of this node's own, safe to add into in place. */
  private boolean gradOwned;
  /** For a slice view ({@code narrow}): the dim and start of the slice in the input, else -1. */
  private int sliceDim = -1;
  private int sliceStart;
  /** Set when the output asked to keep its gradient ({@link Tensor#retainGrad()}). */
  Tensor retainTarget;

  private OpNode(String op, Shape outShape, Backward fn, Tensor[] inputs) {
    super(op);
    this.outShape = outShape;
    this.fn = fn;
    this.inputs = inputs;
    this.needs = new boolean[inputs.length];
    List<Node> ps = new ArrayList<>(inputs.length);
    for (int i = 0; i < inputs.length; i++) {
      needs[i] = inputs[i] != null && inputs[i].requiresGrad();
      if (needs[i] && inputs[i].gradFn != null) ps.add(inputs[i].gradFn);
    }
    this.parents = Collections.unmodifiableList(ps);
  }

  /**
   * Records {@code out = op(inputs)} on the tape when grad mode is on and some input requires
   * a gradient; returns {@code out} either way.
   */
  /**
   * Records {@code out} as the slice {@code [start, start + out.dim(dim))} of {@code x} along
   * {@code dim}. Its gradient is added straight into that region of the input's gradient, so
   * cutting a tensor into T slices costs O(size) in backward, not O(T * size).
   */
  static Tensor recordSlice(Tensor out, Tensor x, int dim, int start) {
    Tensor r = record("narrow", out, (g, needs) -> {
      throw new IllegalStateException("narrow: slice gradients are routed by OpNode");
    }, x);
    if (r.gradFn != null) {
      r.gradFn.sliceDim = dim;
      r.gradFn.sliceStart = start;
    }
    return r;
  }

  static Tensor record(String op, Tensor out, Backward fn, Tensor... inputs) {
    if (!GradMode.isEnabled()) return out;
    boolean any = false;
    for (Tensor t : inputs) any |= t != null && t.requiresGrad();
    if (!any) return out;
    out.gradFn = new OpNode(op, out.shape(), fn, inputs);
    out.requiresGrad = true;
    return out;
  }

  /** Whether any input needs a gradient in the current grad mode (skip saving buffers if not). */
  static boolean recording(Tensor... inputs) {
    if (!GradMode.isEnabled()) return false;
    for (Tensor t : inputs) if (t != null && t.requiresGrad()) return true;
    return false;
  }

  @Override
  public List<Node> parents() {
    return parents;
  }

  @Override
  protected boolean hasGradient() {
    return grad != null;
  }

  @Override
  protected void clearGradient() {
    grad = null;
    gradOwned = false;
  }

  @Override
  protected void releaseBuffers() {
    super.releaseBuffers();
    fn = null;
  }

  /** Adds {@code g} to this node's output gradient. */
  void accumulate(Tensor g) {
    if (grad == null) {
      grad = g; // may be shared with another node: never written to
    } else if (gradOwned) {
      BinaryOps.addInPlace(grad, g, 1f);
    } else {
      grad = grad.add(g);
      gradOwned = true;
    }
  }

  /** Adds {@code g} into the slice {@code [start, start + g.dim(dim))} along {@code dim} of this node's gradient. */
  void accumulateSlice(Tensor g, int dim, int start) {
    if (grad == null) {
      grad = Tensor.zeros(outShape.dimsUnsafe());
      gradOwned = true;
    } else if (!gradOwned) {
      grad = grad.contiguousCopy();
      gradOwned = true;
    }
    BinaryOps.addInPlace(grad.narrow(dim, start, g.dim(dim)), g, 1f);
  }

  /** Starts a backward pass from this node with the given output gradient. */
  void runBackward(Tensor seed, boolean retainGraph) {
    grad = seed;
    Backprop.run(this, retainGraph);
  }

  @Override
  protected void backward() {
    // Accumulates across backward calls like a leaf's gradient (and PyTorch's retain_grad).
    if (retainTarget != null) retainTarget.accumulateGrad(grad);
    if (sliceDim >= 0) {
      Tensor input = inputs[0];
      if (input.gradFn != null) input.gradFn.accumulateSlice(grad, sliceDim, sliceStart);
      else input.accumulateGradSlice(grad, sliceDim, sliceStart);
      return;
    }
    Tensor[] grads = fn.apply(grad, needs);
    if (grads.length != inputs.length) {
      throw new IllegalStateException(
          "backward of '" + op() + "' returned " + grads.length + " gradients for " + inputs.length + " inputs");
    }
    for (int i = 0; i < inputs.length; i++) {
      if (!needs[i] || grads[i] == null) continue;
      Tensor input = inputs[i];
      Tensor g = grads[i];
      if (!g.shape().equals(input.shape())) g = Reduce.sumTo(g, input.shape(), op());
      if (input.gradFn != null) {
        input.gradFn.accumulate(g);
      } else {
        input.accumulateGrad(g);
      }
    }
  }

  Shape outShape() {
    return outShape;
  }
}
