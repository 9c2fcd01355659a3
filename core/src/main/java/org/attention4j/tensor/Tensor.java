package org.attention4j.tensor;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.attention4j.autograd.GradMode;
import org.attention4j.kernel.Binary;
import org.attention4j.kernel.Unary;

/**
 * An n-dimensional array of float32 values that records the operations applied to it, so that
 * gradients can flow back with {@link #backward()}.
 *
 * <p>A tensor is a view: a shared storage array, an offset, a shape and strides. Movement ops
 * ({@link #reshape}, {@link #transpose}, {@link #narrow}, {@link #expand}...) return views that
 * share storage where they can. Every other op returns a fresh contiguous tensor. Tensors are
 * immutable through the public API except for the explicit in-place methods used by optimisers
 * and loaders ({@link #copyFrom}, {@link #fill}, {@link #addInPlace}, {@link #scaleInPlace}),
 * which refuse to run on a tensor that is part of a graph being recorded.
 *
 * <p>This class is a facade: each family of operations lives in its own package-private class
 * ({@code Movement}, {@code UnaryOps}, {@code BinaryOps}, {@code Reduce}, {@code Linalg},
 * {@code RowOps}, {@code Indexing}, {@code Joining}, {@code Losses}), with its backward beside
 * its forward. Broadcasting follows NumPy; dimension arguments may be negative.
 *
 * <p>Boolean results (comparisons, masks for {@link #where} and {@link #maskedFill}) are float
 * tensors of 0 and 1; any non-zero value counts as true.
 */
public final class Tensor {
  final float[] data;
  final int offset;
  final Shape shape;
  final int[] strides;

  boolean requiresGrad;
  Tensor grad;
  OpNode gradFn;

  Tensor(float[] data, int offset, Shape shape, int[] strides) {
    this.data = data;
    this.offset = offset;
    this.shape = shape;
    this.strides = strides;
  }

  /** A fresh contiguous tensor over {@code data} (not copied). */
  static Tensor wrap(float[] data, Shape shape) {
    return new Tensor(data, 0, shape, shape.contiguousStrides());
  }

  /**
   * A contiguous tensor that takes ownership of {@code data} without copying it (for kernels
   * that fill an output array); the caller must not write to the array afterwards.
   *
   * @throws IllegalArgumentException if the length does not match the shape
   */
  public static Tensor wrap(float[] data, int... shape) {
    Shape s = Shape.of(shape);
    if (s.numel() != data.length) {
      throw new IllegalArgumentException(
          "Tensor.wrap: " + data.length + " values do not fill shape " + s + " (" + s.numel() + " elements)");
    }
    return wrap(data, s);
  }

  // ---------------------------------------------------------------- creation

  /** A tensor of zeros. */
  public static Tensor zeros(int... shape) {
    Shape s = Shape.of(shape);
    return wrap(new float[s.numel()], s);
  }

  /** A tensor of ones. */
  public static Tensor ones(int... shape) {
    return full(1f, shape);
  }

  /** A tensor filled with {@code value}. */
  public static Tensor full(float value, int... shape) {
    Shape s = Shape.of(shape);
    float[] d = new float[s.numel()];
    Arrays.fill(d, value);
    return wrap(d, s);
  }

  /** A rank-0 tensor holding {@code value}. */
  public static Tensor scalar(float value) {
    return wrap(new float[] {value}, Shape.scalar());
  }

  /** Zeros with the shape of {@code t}. */
  public static Tensor zerosLike(Tensor t) {
    return zeros(t.shape.dimsUnsafe());
  }

  /** Ones with the shape of {@code t}. */
  public static Tensor onesLike(Tensor t) {
    return ones(t.shape.dimsUnsafe());
  }

  /** {@code [0, 1, ..., n-1]}. */
  public static Tensor arange(int n) {
    return arange(0, n, 1);
  }

  /**
   * Values {@code start, start+step, ...} below {@code end} (above, for a negative step).
   *
   * @throws IllegalArgumentException if {@code step} is zero or not finite
   */
  public static Tensor arange(float start, float end, float step) {
    if (step == 0 || !Float.isFinite(step)) {
      throw new IllegalArgumentException("arange: step must be finite and non-zero, got " + step);
    }
    int n = (int) Math.max(0, Math.ceil((end - start) / (double) step));
    float[] d = new float[n];
    for (int i = 0; i < n; i++) d[i] = (float) (start + (double) i * step);
    return wrap(d, Shape.of(n));
  }

  /** Uniform values in [0, 1) drawn from {@code rng}. */
  public static Tensor rand(RandomGenerator rng, int... shape) {
    Shape s = Shape.of(shape);
    float[] d = new float[s.numel()];
    for (int i = 0; i < d.length; i++) d[i] = rng.nextFloat();
    return wrap(d, s);
  }

  /** Uniform values in [lo, hi) drawn from {@code rng}. */
  public static Tensor uniform(RandomGenerator rng, float lo, float hi, int... shape) {
    Shape s = Shape.of(shape);
    float[] d = new float[s.numel()];
    for (int i = 0; i < d.length; i++) d[i] = lo + (hi - lo) * rng.nextFloat();
    return wrap(d, s);
  }

  /** Standard normal values drawn from {@code rng}. */
  public static Tensor randn(RandomGenerator rng, int... shape) {
    Shape s = Shape.of(shape);
    float[] d = new float[s.numel()];
    for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextGaussian();
    return wrap(d, s);
  }

  /**
   * A tensor holding a copy of {@code values} in row-major order; with no shape given, 1-D.
   *
   * @throws IllegalArgumentException if the value count does not match the shape
   */
  public static Tensor of(float[] values, int... shape) {
    Shape s = shape.length == 0 ? Shape.of(values.length) : Shape.of(shape);
    if (s.numel() != values.length) {
      throw new IllegalArgumentException(
          "Tensor.of: " + values.length + " values do not fill shape " + s + " (" + s.numel() + " elements)");
    }
    return wrap(values.clone(), s);
  }

  /**
   * A 2-D tensor from equal-length rows.
   *
   * @throws IllegalArgumentException if the rows differ in length
   */
  public static Tensor of(float[][] rows) {
    int cols = rows.length == 0 ? 0 : rows[0].length;
    float[] flat = new float[rows.length * cols];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r].length != cols) {
        throw new IllegalArgumentException(
            "Tensor.of: row " + r + " has " + rows[r].length + " values, row 0 has " + cols);
      }
      System.arraycopy(rows[r], 0, flat, r * cols, cols);
    }
    return wrap(flat, Shape.of(rows.length, cols));
  }

  // ---------------------------------------------------------------- shape and data

  public Shape shape() {
    return shape;
  }

  /** Size of dimension {@code d} (negative counts from the end). */
  public int dim(int d) {
    return shape.dim(d);
  }

  public int rank() {
    return shape.rank();
  }

  public int numel() {
    return shape.numel();
  }

  /**
   * Whether the elements are laid out row-major without gaps (a copy would change nothing). A
   * tensor without elements always is.
   */
  public boolean isContiguous() {
    if (numel() == 0) return true;
    int expected = 1;
    int[] dims = shape.dimsUnsafe();
    for (int i = dims.length - 1; i >= 0; i--) {
      if (dims[i] == 1) continue;
      if (strides[i] != expected) return false;
      expected *= dims[i];
    }
    return true;
  }

  /**
   * The value of a one-element tensor.
   *
   * @throws IllegalArgumentException if the tensor holds more than one element
   */
  public float item() {
    if (numel() != 1) {
      throw new IllegalArgumentException("item: tensor of shape " + shape + " has " + numel() + " elements, not 1");
    }
    return data[offset];
  }

  /** The element at the given indices, one per dimension. */
  public float get(int... index) {
    return data[storageIndex("get", index)];
  }

  /** A copy of the values in row-major order. */
  public float[] toArray() {
    Tensor c = contiguous();
    return Arrays.copyOfRange(c.data, c.offset, c.offset + c.numel());
  }

  /**
   * The storage array, for kernels outside this package (optimisers, I/O). Elements are at
   * {@link #storageOffset()} + sum(index[i] * stride(i)). Writing through it bypasses autograd.
   */
  public float[] storage() {
    return data;
  }

  /** Offset of element {@code [0, ..., 0]} in {@link #storage()}. */
  public int storageOffset() {
    return offset;
  }

  /** Stride of dimension {@code d} in elements. */
  public int stride(int d) {
    return strides[shape.axis(d)];
  }

  int storageIndex(String op, int[] index) {
    if (index.length != rank()) {
      throw new IllegalArgumentException(op + ": " + index.length + " indices for shape " + shape);
    }
    int p = offset;
    for (int i = 0; i < index.length; i++) {
      int size = shape.dim(i);
      if (index[i] < 0 || index[i] >= size) {
        throw new IllegalArgumentException(
            op + ": index " + index[i] + " out of range for dim " + i + " of size " + size + " in " + shape);
      }
      p += index[i] * strides[i];
    }
    return p;
  }

  // ---------------------------------------------------------------- autograd

  /** Whether gradients flow to this tensor. */
  public boolean requiresGrad() {
    return requiresGrad;
  }

  /**
   * Marks a leaf tensor as one whose gradient is wanted (a parameter); returns this tensor.
   *
   * @throws IllegalStateException if this tensor was computed by a recorded op (not a leaf)
   */
  public Tensor requiresGrad(boolean requires) {
    if (gradFn != null) {
      throw new IllegalStateException(
          "requiresGrad: only leaf tensors can change it; this one was computed by '" + gradFn.op()
              + "' (use detach() for a leaf copy)");
    }
    this.requiresGrad = requires;
    return this;
  }

  /** Whether this tensor was not computed by a recorded op. */
  public boolean isLeaf() {
    return gradFn == null;
  }

  /** The name of the op that computed this tensor, or {@code null} for a leaf. */
  public String gradFnName() {
    return gradFn == null ? null : gradFn.op();
  }

  /** The accumulated gradient, or {@code null} if none has arrived. */
  public Tensor grad() {
    return grad;
  }

  /** Forgets the accumulated gradient. */
  public void zeroGrad() {
    grad = null;
  }

  /**
   * Keeps this non-leaf tensor's gradient in {@link #grad()} after backward; like a leaf's, it
   * accumulates over backward calls until {@link #zeroGrad()}.
   */
  public Tensor retainGrad() {
    if (gradFn != null) gradFn.retainTarget = this;
    return this;
  }

  /** Gradient seeding for a scalar output: {@code backward(ones)}. */
  public void backward() {
    if (numel() != 1) {
      throw new IllegalArgumentException(
          "backward: output of shape " + shape + " is not a scalar; pass a gradient of that shape");
    }
    backward(onesLike(this), false);
  }

  /** Back-propagates {@code gradient} (same shape as this tensor) and frees the graph. */
  public void backward(Tensor gradient) {
    backward(gradient, false);
  }

  /**
   * Back-propagates {@code gradient} into every leaf that requires a gradient, adding into their
   * {@link #grad()}.
   *
   * @param retainGraph keep the saved buffers so that the graph can be back-propagated again
   * @throws IllegalArgumentException if the gradient's shape differs from this tensor's
   * @throws IllegalStateException if this tensor does not require a gradient, or the graph's
   *     buffers were released by an earlier backward
   */
  public void backward(Tensor gradient, boolean retainGraph) {
    if (!requiresGrad) {
      throw new IllegalStateException(
          "backward: tensor of shape " + shape + " does not require grad (no input had requiresGrad(true), "
              + "or it was computed in a no-grad scope)");
    }
    if (!gradient.shape.equals(shape)) {
      throw new IllegalArgumentException(
          "backward: gradient shape " + gradient.shape + " differs from output shape " + shape);
    }
    if (gradFn == null) {
      accumulateGrad(gradient);
      return;
    }
    gradFn.runBackward(gradient.detach(), retainGraph);
  }

  void accumulateGrad(Tensor g) {
    try (var _ = GradMode.noGrad()) {
      if (grad == null) {
        grad = g.contiguousCopy();
      } else {
        BinaryOps.addInPlace(grad, g, 1f);
      }
    }
  }

  /** Adds {@code g} into the slice {@code [start, start + g.dim(dim))} along {@code dim} of {@link #grad}. */
  void accumulateGradSlice(Tensor g, int dim, int start) {
    try (var _ = GradMode.noGrad()) {
      if (grad == null) grad = zeros(shape.dimsUnsafe());
      BinaryOps.addInPlace(grad.narrow(dim, start, g.dim(dim)), g, 1f);
    }
  }

  /** A tensor sharing this one's storage but cut off from the graph. */
  public Tensor detach() {
    return new Tensor(data, offset, shape, strides);
  }

  // ---------------------------------------------------------------- in-place (no autograd)

  private void checkInPlace(String op) {
    if (GradMode.isEnabled() && (requiresGrad || gradFn != null)) {
      throw new IllegalStateException(
          op + ": in-place change of a tensor that requires grad while grad mode is on; "
              + "wrap it in GradMode.noGrad() (as optimisers do) or detach() first");
    }
  }

  /**
   * Copies {@code src} (broadcast to this shape) into this tensor's elements; returns this.
   *
   * @throws IllegalArgumentException if {@code src} does not broadcast to this shape
   */
  public Tensor copyFrom(Tensor src) {
    checkInPlace("copyFrom");
    // A source that shares this storage (x.copyFrom(x.transpose(0, 1))) would be overwritten
    // while it is read: copy it first.
    Movement.copyInto("copyFrom", src.data == data ? src.contiguousCopy() : src, this);
    return this;
  }

  /** Sets every element to {@code value}; returns this. */
  public Tensor fill(float value) {
    checkInPlace("fill");
    Movement.copyInto(scalar(value), this);
    return this;
  }

  /** {@code this += alpha * other} (other broadcast to this shape); returns this. */
  public Tensor addInPlace(Tensor other, float alpha) {
    checkInPlace("addInPlace");
    BinaryOps.addInPlace(this, other.data == data && other != this ? other.contiguousCopy() : other, alpha);
    return this;
  }

  /** {@code this *= factor}; returns this. */
  public Tensor scaleInPlace(float factor) {
    checkInPlace("scaleInPlace");
    BinaryOps.scaleInPlace(this, factor);
    return this;
  }

  // ---------------------------------------------------------------- movement (views)

  /**
   * The same elements with a new shape; one size may be -1 and is inferred. A view when the
   * strides allow it, otherwise a copy.
   */
  public Tensor reshape(int... newShape) {
    return Movement.reshape(this, newShape);
  }

  /** Like {@link #reshape} but fails instead of copying. */
  public Tensor view(int... newShape) {
    return Movement.view(this, newShape);
  }

  /** All dimensions merged into one. */
  public Tensor flatten() {
    return reshape(-1);
  }

  /** Dimensions {@code start..end} (inclusive) merged into one. */
  public Tensor flatten(int start, int end) {
    return Movement.flatten(this, start, end);
  }

  /** Swaps two dimensions (a view). */
  public Tensor transpose(int d0, int d1) {
    return Movement.transpose(this, d0, d1);
  }

  /** Reorders the dimensions: result dim i is this dim {@code order[i]} (a view). */
  public Tensor permute(int... order) {
    return Movement.permute(this, order);
  }

  /** {@code length} elements of dimension {@code dim} from {@code start} (a view). */
  public Tensor narrow(int dim, int start, int length) {
    return Movement.narrow(this, dim, start, length);
  }

  /** Elements {@code start..end-1} of dimension {@code dim} (a view; negatives count from the end). */
  public Tensor slice(int dim, int start, int end) {
    return Movement.slice(this, dim, start, end);
  }

  /** Index {@code index} of dimension {@code dim}, which is removed (a view). */
  public Tensor select(int dim, int index) {
    return Movement.select(this, dim, index);
  }

  /** Broadcasts size-1 dimensions to the given sizes without copying; -1 keeps a size. */
  public Tensor expand(int... sizes) {
    return Movement.expand(this, sizes);
  }

  /** {@link #expand} to the shape of {@code other}. */
  public Tensor expandAs(Tensor other) {
    return Movement.expand(this, other.shape.dimsUnsafe());
  }

  /** Inserts a dimension of size 1 at {@code dim}. */
  public Tensor unsqueeze(int dim) {
    return Movement.unsqueeze(this, dim);
  }

  /** Removes dimension {@code dim}, which must have size 1. */
  public Tensor squeeze(int dim) {
    return Movement.squeeze(this, dim);
  }

  /** This tensor if contiguous, else a contiguous copy (recorded for autograd). */
  public Tensor contiguous() {
    return isContiguous() ? this : Movement.copy(this);
  }

  /** A contiguous copy that shares nothing with this tensor (recorded for autograd). */
  public Tensor copy() {
    return Movement.copy(this);
  }

  /** A contiguous copy that is not recorded (for gradients and snapshots). */
  Tensor contiguousCopy() {
    try (var _ = GradMode.noGrad()) {
      return Movement.copy(this);
    }
  }

  // ---------------------------------------------------------------- elementwise

  public Tensor neg() { return UnaryOps.apply(this, Unary.Op.NEG, 0f); }
  public Tensor abs() { return UnaryOps.apply(this, Unary.Op.ABS, 0f); }
  public Tensor exp() { return UnaryOps.apply(this, Unary.Op.EXP, 0f); }
  /** Natural logarithm. */
  public Tensor log() { return UnaryOps.apply(this, Unary.Op.LOG, 0f); }
  public Tensor sqrt() { return UnaryOps.apply(this, Unary.Op.SQRT, 0f); }
  /** {@code 1 / sqrt(x)}. */
  public Tensor rsqrt() { return UnaryOps.apply(this, Unary.Op.RSQRT, 0f); }
  public Tensor tanh() { return UnaryOps.apply(this, Unary.Op.TANH, 0f); }
  public Tensor sigmoid() { return UnaryOps.apply(this, Unary.Op.SIGMOID, 0f); }
  public Tensor relu() { return UnaryOps.apply(this, Unary.Op.RELU, 0f); }
  /** GELU with the exact erf form: {@code x * Phi(x)} (PyTorch {@code approximate='none'}). */
  public Tensor gelu() { return UnaryOps.apply(this, Unary.Op.GELU, 0f); }
  /** GELU with the tanh approximation (PyTorch {@code approximate='tanh'}). */
  public Tensor geluTanh() { return UnaryOps.apply(this, Unary.Op.GELU_TANH, 0f); }
  /** {@code x^p} for a constant exponent. */
  public Tensor pow(float p) { return UnaryOps.apply(this, Unary.Op.POW, p); }
  public Tensor square() { return UnaryOps.apply(this, Unary.Op.SQUARE, 0f); }
  /** {@code 1 / x}. */
  public Tensor reciprocal() { return UnaryOps.apply(this, Unary.Op.RECIPROCAL, 0f); }

  /** Values limited to {@code [min, max]}; the gradient passes only where not clamped. */
  public Tensor clamp(float min, float max) {
    return UnaryOps.clamp(this, min, max);
  }

  public Tensor add(Tensor other) { return BinaryOps.apply(this, other, Binary.Op.ADD); }
  public Tensor sub(Tensor other) { return BinaryOps.apply(this, other, Binary.Op.SUB); }
  public Tensor mul(Tensor other) { return BinaryOps.apply(this, other, Binary.Op.MUL); }
  public Tensor div(Tensor other) { return BinaryOps.apply(this, other, Binary.Op.DIV); }
  /** Elementwise maximum; at ties the gradient is split evenly, as in PyTorch. */
  public Tensor maximum(Tensor other) { return BinaryOps.apply(this, other, Binary.Op.MAX); }
  /** Elementwise minimum; at ties the gradient is split evenly, as in PyTorch. */
  public Tensor minimum(Tensor other) { return BinaryOps.apply(this, other, Binary.Op.MIN); }

  public Tensor add(float s) { return UnaryOps.apply(this, Unary.Op.ADD_SCALAR, s); }
  public Tensor sub(float s) { return UnaryOps.apply(this, Unary.Op.ADD_SCALAR, -s); }
  public Tensor mul(float s) { return UnaryOps.apply(this, Unary.Op.MUL_SCALAR, s); }
  public Tensor div(float s) { return UnaryOps.apply(this, Unary.Op.DIV_SCALAR, s); }

  /** 1 where equal, else 0 (no gradient). */
  public Tensor eq(Tensor other) { return BinaryOps.compare(this, other, BinaryOps.Cmp.EQ); }
  public Tensor ne(Tensor other) { return BinaryOps.compare(this, other, BinaryOps.Cmp.NE); }
  public Tensor lt(Tensor other) { return BinaryOps.compare(this, other, BinaryOps.Cmp.LT); }
  public Tensor le(Tensor other) { return BinaryOps.compare(this, other, BinaryOps.Cmp.LE); }
  public Tensor gt(Tensor other) { return BinaryOps.compare(this, other, BinaryOps.Cmp.GT); }
  public Tensor ge(Tensor other) { return BinaryOps.compare(this, other, BinaryOps.Cmp.GE); }
  public Tensor eq(float s) { return eq(scalar(s)); }
  public Tensor ne(float s) { return ne(scalar(s)); }
  public Tensor lt(float s) { return lt(scalar(s)); }
  public Tensor le(float s) { return le(scalar(s)); }
  public Tensor gt(float s) { return gt(scalar(s)); }
  public Tensor ge(float s) { return ge(scalar(s)); }

  /** Elementwise {@code cond ? a : b} with broadcasting; {@code cond} is non-zero for true. */
  public static Tensor where(Tensor cond, Tensor a, Tensor b) {
    return BinaryOps.where(cond, a, b);
  }

  /** This tensor with {@code value} wherever {@code mask} (broadcast) is non-zero. */
  public Tensor maskedFill(Tensor mask, float value) {
    return BinaryOps.where(mask, scalar(value), this);
  }

  // ---------------------------------------------------------------- reductions

  /** Sum of all elements (a scalar). */
  public Tensor sum() { return Reduce.sum(this, allDims(), false); }
  public Tensor sum(int dim) { return Reduce.sum(this, new int[] {dim}, false); }
  public Tensor sum(int dim, boolean keepdim) { return Reduce.sum(this, new int[] {dim}, keepdim); }
  public Tensor sum(int[] dims, boolean keepdim) { return Reduce.sum(this, dims, keepdim); }

  /** Mean of all elements (a scalar). */
  public Tensor mean() { return Reduce.mean(this, allDims(), false); }
  public Tensor mean(int dim) { return Reduce.mean(this, new int[] {dim}, false); }
  public Tensor mean(int dim, boolean keepdim) { return Reduce.mean(this, new int[] {dim}, keepdim); }
  public Tensor mean(int[] dims, boolean keepdim) { return Reduce.mean(this, dims, keepdim); }

  /** Largest element (a scalar); at ties the gradient is split evenly, as PyTorch's {@code max()}. */
  public Tensor max() { return Reduce.extremeAll(this, true); }
  /** Largest values along {@code dim}; the gradient goes to the first maximum of each slice. */
  public Tensor max(int dim, boolean keepdim) { return Reduce.max(this, dim, keepdim); }
  /** Smallest element (a scalar); at ties the gradient is split evenly, as PyTorch's {@code min()}. */
  public Tensor min() { return Reduce.extremeAll(this, false); }
  public Tensor min(int dim, boolean keepdim) { return Reduce.min(this, dim, keepdim); }

  /** Index of the first largest value along {@code dim}. */
  public IntTensor argmax(int dim) { return Reduce.argmax(this, dim, false); }
  public IntTensor argmax(int dim, boolean keepdim) { return Reduce.argmax(this, dim, keepdim); }
  public IntTensor argmin(int dim) { return Reduce.argmin(this, dim, false); }
  public IntTensor argmin(int dim, boolean keepdim) { return Reduce.argmin(this, dim, keepdim); }

  /** {@code log(sum(exp(x)))} along {@code dim}, computed stably. */
  public Tensor logsumexp(int dim, boolean keepdim) { return Reduce.logsumexp(this, new int[] {dim}, keepdim); }
  public Tensor logsumexp(int[] dims, boolean keepdim) { return Reduce.logsumexp(this, dims, keepdim); }

  /**
   * Variance over {@code dims} with Bessel's correction {@code correction} (1 = unbiased, as
   * PyTorch's default; 0 = population).
   */
  public Tensor var(int[] dims, int correction, boolean keepdim) { return Reduce.var(this, dims, correction, keepdim); }
  public Tensor var(int dim, boolean keepdim) { return Reduce.var(this, new int[] {dim}, 1, keepdim); }

  int[] allDims() {
    int[] d = new int[rank()];
    for (int i = 0; i < d.length; i++) d[i] = i;
    return d;
  }

  // ---------------------------------------------------------------- linear algebra

  /**
   * Matrix product with NumPy/PyTorch semantics: 1-D operands are promoted to a row or column
   * and the promoted dim removed; leading (batch) dims broadcast. {@code (..., n, k) @ (..., k, m)
   * -> (..., n, m)}. Transposed views are multiplied without copying.
   *
   * @throws IllegalArgumentException if the inner dims differ or the batch dims don't broadcast
   */
  public Tensor matmul(Tensor other) {
    return Linalg.matmul(this, other);
  }

  /**
   * {@code this @ weight^T + bias}, PyTorch's {@code F.linear}, as one op: {@code (..., in)} with
   * a {@code (out, in)} weight and an optional {@code (out)} bias gives {@code (..., out)}. The
   * bias is added inside the GEMM and the weight gradient comes out in the weight's own layout.
   *
   * @param bias the bias, or null
   * @throws IllegalArgumentException if the shapes do not fit
   */
  public Tensor linear(Tensor weight, Tensor bias) {
    return Linalg.linear(this, weight, bias);
  }

  // ---------------------------------------------------------------- neural-network ops

  /** Softmax along {@code dim}: {@code exp(x - max) / sum(exp(x - max))}. */
  public Tensor softmax(int dim) {
    return RowOps.softmax(this, dim);
  }

  /** Log-softmax along {@code dim}: {@code x - logsumexp(x)}. */
  public Tensor logSoftmax(int dim) {
    return RowOps.logSoftmax(this, dim);
  }

  /**
   * Layer normalisation over the last dimension (Ba et al. 2016):
   * {@code (x - mean) / sqrt(var + eps) * weight + bias}, biased variance as in PyTorch.
   *
   * @param weight shape {@code (C)} or {@code null}
   * @param bias shape {@code (C)} or {@code null}
   */
  public Tensor layerNorm(Tensor weight, Tensor bias, float eps) {
    return RowOps.layerNorm(this, weight, bias, eps);
  }

  /**
   * Rows of {@code weight} {@code (V, C)} picked by {@code ids} of any shape: result
   * {@code ids.shape + (C)}.
   *
   * @param paddingIdx an id whose row gets no gradient, or -1 for none
   * @throws IllegalArgumentException if an id is outside {@code [0, V)}
   */
  public static Tensor embedding(Tensor weight, IntTensor ids, int paddingIdx) {
    return Indexing.embedding(weight, ids, paddingIdx);
  }

  /** Slices of {@code dim} picked by the 1-D {@code index} (PyTorch {@code index_select}). */
  public Tensor indexSelect(int dim, IntTensor index) {
    return Indexing.indexSelect(this, dim, index);
  }

  /**
   * {@code out[i][j][k] = this[i][index[i][j][k]][k]} for {@code dim = 1} and so on
   * (PyTorch {@code gather}); {@code index} has this tensor's rank.
   */
  public Tensor gather(int dim, IntTensor index) {
    return Indexing.gather(this, dim, index);
  }

  /** Tensors joined along an existing dimension. */
  public static Tensor concat(int dim, Tensor... parts) {
    return Joining.concat(dim, List.of(parts));
  }

  public static Tensor concat(int dim, List<Tensor> parts) {
    return Joining.concat(dim, parts);
  }

  /** Equal-shaped tensors joined along a new dimension. */
  public static Tensor stack(int dim, Tensor... parts) {
    return Joining.stack(dim, List.of(parts));
  }

  public static Tensor stack(int dim, List<Tensor> parts) {
    return Joining.stack(dim, parts);
  }

  /** Views of {@code size} elements along {@code dim}; the last may be shorter. */
  public List<Tensor> split(int size, int dim) {
    return Joining.split(this, size, dim);
  }

  /** {@code chunks} views along {@code dim} of size {@code ceil(n / chunks)}; the last may be shorter. */
  public List<Tensor> chunk(int chunks, int dim) {
    return Joining.chunk(this, chunks, dim);
  }

  /**
   * Inverted dropout: in training, zeroes each element with probability {@code p} and scales
   * the rest by {@code 1 / (1 - p)} ({@code p = 1} zeroes everything, as in PyTorch); otherwise
   * returns this tensor.
   *
   * @throws IllegalArgumentException if {@code p} is outside {@code [0, 1]}
   */
  public Tensor dropout(float p, boolean training, RandomGenerator rng) {
    return Losses.dropout(this, p, training, rng);
  }

  /** How a loss combines per-element values. */
  public enum Reduction {
    /** Mean over the counted elements (targets not equal to the ignore index). */
    MEAN,
    SUM,
    /** One value per element. */
    NONE
  }

  /** Mean cross-entropy of logits {@code (N, C)} or {@code (N, C, d...)} against class ids. */
  public Tensor crossEntropy(IntTensor target) {
    return Losses.crossEntropy(this, target, -100, 0f, Reduction.MEAN);
  }

  /**
   * Cross-entropy of logits against class ids (PyTorch {@code cross_entropy}): class dim 1.
   *
   * @param ignoreIndex targets with this value contribute nothing (PyTorch's default is -100)
   * @param labelSmoothing in {@code [0, 1]}: the target mixes {@code 1 - s} one-hot with uniform {@code s}
   */
  public Tensor crossEntropy(IntTensor target, int ignoreIndex, float labelSmoothing, Reduction reduction) {
    return Losses.crossEntropy(this, target, ignoreIndex, labelSmoothing, reduction);
  }

  /** Negative log-likelihood of log-probabilities {@code (N, C)} or {@code (N, C, d...)}. */
  public Tensor nllLoss(IntTensor target, int ignoreIndex, Reduction reduction) {
    return Losses.nll(this, target, ignoreIndex, reduction);
  }

  /** Mean squared error against a target of the same shape. */
  public Tensor mseLoss(Tensor target, Reduction reduction) {
    return Losses.mse(this, target, reduction);
  }

  // ---------------------------------------------------------------- printing

  @Override
  public String toString() {
    return Printer.format(this);
  }
}
