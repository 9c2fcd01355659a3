package org.attention4j.tensor;

import static org.attention4j.tensor.TestTensors.awayFromZero;
import static org.attention4j.tensor.TestTensors.bits;
import static org.attention4j.tensor.TestTensors.leaf;
import static org.attention4j.tensor.TestTensors.randn;
import static org.attention4j.tensor.TestTensors.uniform;
import static org.attention4j.testing.TensorAsserts.gradcheck;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Central-difference gradient checks of the elementwise ops. Every unary op runs on a (4, 7)
 * input (scalar tail only) and a (2, 3, 37) input (two 16-lane vector bodies and a tail).
 */
class GradCheckElementwiseTest {
  private static final int[][] SHAPES = {{4, 7}, {2, 3, 37}};

  /** (name, op, input domain). */
  static Stream<Arguments> unaryOps() {
    Stream.Builder<Arguments> b = Stream.builder();
    add(b, "neg", Tensor::neg, Domain.ANY);
    add(b, "abs", Tensor::abs, Domain.AWAY_FROM_ZERO);
    add(b, "exp", Tensor::exp, Domain.ANY);
    add(b, "log", Tensor::log, Domain.POSITIVE);
    add(b, "sqrt", Tensor::sqrt, Domain.POSITIVE);
    add(b, "rsqrt", Tensor::rsqrt, Domain.POSITIVE);
    add(b, "tanh", Tensor::tanh, Domain.ANY);
    add(b, "sigmoid", Tensor::sigmoid, Domain.WIDE);
    add(b, "relu", Tensor::relu, Domain.AWAY_FROM_ZERO);
    add(b, "gelu", Tensor::gelu, Domain.WIDE);
    add(b, "geluTanh", Tensor::geluTanh, Domain.WIDE);
    add(b, "pow2", x -> x.pow(2f), Domain.ANY);
    add(b, "pow0.5", x -> x.pow(0.5f), Domain.POSITIVE);
    add(b, "pow3", x -> x.pow(3f), Domain.ANY);
    add(b, "pow-1", x -> x.pow(-1f), Domain.AWAY_FROM_ZERO_WIDE);
    add(b, "square", Tensor::square, Domain.ANY);
    add(b, "reciprocal", Tensor::reciprocal, Domain.AWAY_FROM_ZERO_WIDE);
    add(b, "clamp", x -> x.clamp(-0.5f, 0.8f), Domain.CLAMP);
    add(b, "addScalar", x -> x.add(1.5f), Domain.ANY);
    add(b, "subScalar", x -> x.sub(0.25f), Domain.ANY);
    add(b, "mulScalar", x -> x.mul(-3f), Domain.ANY);
    add(b, "divScalar", x -> x.div(0.7f), Domain.ANY);
    return b.build();
  }

  private static void add(Stream.Builder<Arguments> b, String name, UnaryOperator<Tensor> op, Domain d) {
    for (int[] s : SHAPES) b.add(Arguments.of(name, op, d, s));
  }

  enum Domain { ANY, WIDE, POSITIVE, AWAY_FROM_ZERO, AWAY_FROM_ZERO_WIDE, CLAMP }

  static Tensor input(Domain d, long seed, int... shape) {
    return switch (d) {
      case ANY -> randn(seed, shape);
      case WIDE -> randn(seed, shape).mul(2.5f);
      case POSITIVE -> uniform(seed, 0.3f, 2f, shape);
      case AWAY_FROM_ZERO -> awayFromZero(seed, 0.1f, shape);
      case AWAY_FROM_ZERO_WIDE -> awayFromZero(seed, 0.5f, shape);
      case CLAMP -> {
        // keep every value at least 0.05 from the clamp bounds -0.5 and 0.8
        float[] v = randn(seed, shape).toArray();
        for (int i = 0; i < v.length; i++) {
          if (Math.abs(v[i] + 0.5f) < 0.05f) v[i] -= 0.1f;
          if (Math.abs(v[i] - 0.8f) < 0.05f) v[i] += 0.1f;
        }
        yield Tensor.of(v, shape);
      }
    };
  }

  @ParameterizedTest(name = "{0} {3}")
  @MethodSource("unaryOps")
  void unary_matchesFiniteDifferences(String name, UnaryOperator<Tensor> op, Domain d, int[] shape) {
    gradcheck(name, in -> op.apply(in[0]), leaf(input(d, name.hashCode(), shape)));
  }

  @Test
  void unary_nonContiguousInput_matchesFiniteDifferences() {
    gradcheck("tanh of transpose", in -> in[0].transpose(0, 1).tanh(), leaf(randn(3, 5, 37)));
    gradcheck("exp of narrow", in -> in[0].narrow(1, 3, 20).exp(), leaf(randn(4, 3, 37)));
  }

  // ---------------------------------------------------------------- binary

  enum BinOp { ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM }

  /** (op, shape of a, shape of b): same, broadcast both ways, scalar operand, first operand broadcast. */
  static Stream<Arguments> binaryCases() {
    int[][][] shapes = {
        {{3, 37}, {3, 37}},
        {{4, 1, 7}, {3, 7}},
        {{2, 19}, {1}},
        {{2, 19}, {}},
        {{1}, {3, 7}},
        {{7}, {2, 3, 7}},
        {{2, 1, 37}, {2, 5, 1}},
    };
    Stream.Builder<Arguments> b = Stream.builder();
    for (BinOp op : BinOp.values()) for (int[][] s : shapes) b.add(Arguments.of(op, s[0], s[1]));
    return b.build();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("binaryCases")
  void binary_broadcasting_matchesFiniteDifferences(BinOp op, int[] sa, int[] sb) {
    Tensor a;
    Tensor b;
    switch (op) {
      case DIV -> {
        a = randn(11, sa);
        b = awayFromZero(12, 0.5f, sb);
      }
      case MAXIMUM, MINIMUM -> {
        // Two lattices offset by 0.1 (jitter 0.02): every pair differs by >= 0.06, no ties.
        a = lattice(13, 0f, sa);
        b = lattice(14, 0.1f, sb);
      }
      default -> {
        a = randn(15, sa);
        b = randn(16, sb);
      }
    }
    gradcheck(op + " " + a.shape() + " " + b.shape(), in -> switch (op) {
      case ADD -> in[0].add(in[1]);
      case SUB -> in[0].sub(in[1]);
      case MUL -> in[0].mul(in[1]);
      case DIV -> in[0].div(in[1]);
      case MAXIMUM -> in[0].maximum(in[1]);
      case MINIMUM -> in[0].minimum(in[1]);
    }, leaf(a), leaf(b));
  }

  private static Tensor lattice(long seed, float offset, int... shape) {
    SplittableRandom rng = new SplittableRandom(seed);
    float[] v = new float[Shape.of(shape).numel()];
    for (int i = 0; i < v.length; i++) v[i] = 0.2f * rng.nextInt(-10, 11) + offset + (float) (rng.nextDouble() - 0.5) * 0.04f;
    return TestTensors.of(v, shape);
  }

  @Test
  void binary_onlyOneInputRequiresGrad_matchesFiniteDifferences() {
    Tensor b = awayFromZero(2, 0.5f, 3, 7);
    gradcheck("div, a only", in -> in[0].div(in[1]), leaf(randn(1, 3, 7)), b);
    gradcheck("div, b only", in -> in[0].div(in[1]), randn(1, 3, 7), leaf(b));
    gradcheck("sub, b only", in -> in[0].sub(in[1]), randn(3, 4, 3, 7), leaf(randn(4, 7)));
  }

  @Test
  void binary_sameTensorBothOperands_matchesFiniteDifferences() {
    gradcheck("x * x", in -> in[0].mul(in[0]), leaf(randn(5, 2, 19)));
    gradcheck("x / (x + 3)", in -> in[0].div(in[0].add(3f)), leaf(uniform(6, 0f, 1f, 2, 19)));
  }

  @Test
  void binary_transposedOperands_matchesFiniteDifferences() {
    gradcheck("a^T + b", in -> in[0].transpose(0, 1).mul(in[1]), leaf(randn(7, 37, 5)), leaf(randn(8, 5, 37)));
  }

  // ---------------------------------------------------------------- where / maskedFill

  @Test
  void where_broadcasting_matchesFiniteDifferences() {
    gradcheck("where same", in -> Tensor.where(in[0], in[1], in[2]), bits(1, 0.5, 3, 19), leaf(randn(2, 3, 19)),
        leaf(randn(3, 3, 19)));
    gradcheck("where bcast", in -> Tensor.where(in[0], in[1], in[2]), bits(4, 0.5, 4, 1, 7), leaf(randn(5, 3, 7)),
        leaf(randn(6, 1)));
    gradcheck("where bcast wide", in -> Tensor.where(in[0], in[1], in[2]), bits(7, 0.5, 2, 1, 37), leaf(randn(8, 3, 1)),
        leaf(randn(9, 3, 37)));
  }

  @Test
  void maskedFill_broadcastMask_matchesFiniteDifferences() {
    gradcheck("maskedFill same", in -> in[0].maskedFill(in[1], -1.5f), leaf(randn(1, 3, 19)), bits(2, 0.5, 3, 19));
    gradcheck("maskedFill bcast", in -> in[0].maskedFill(in[1], -1e9f), leaf(randn(3, 2, 3, 37)), bits(4, 0.5, 3, 37));
    gradcheck("maskedFill rows", in -> in[0].maskedFill(in[1], 0f), leaf(randn(5, 2, 4, 7)), bits(6, 0.5, 2, 4, 1));
  }

  // ---------------------------------------------------------------- dropout

  @Test
  void dropout_trainingWithReseededRng_matchesFiniteDifferences() {
    // A fresh generator with the same seed on every call: every evaluation drops the same elements.
    gradcheck("dropout", in -> in[0].dropout(0.3f, true, new SplittableRandom(7)), leaf(randn(1, 4, 37)));
    gradcheck("dropout eval", in -> in[0].dropout(0.3f, false, new SplittableRandom(7)).mul(1f), leaf(randn(2, 3, 7)));
  }
}
