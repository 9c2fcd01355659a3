package org.attention4j.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.attention4j.io.Safetensors;
import org.attention4j.io.SafetensorsFile;
import org.attention4j.tensor.Tensor.Reduction;
import org.attention4j.testing.Fixtures;
import org.attention4j.testing.TensorAsserts;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * PyTorch golden fixtures: one dynamic test per file under {@code fixtures/ops/}
 * (written by {@code scripts/reference/fixtures.py}). Each file holds the inputs
 * ({@code in.<name>}), PyTorch's outputs ({@code out} or {@code out.<k>}), the upstream
 * gradients fed to backward ({@code grad_out[.<k>]}) and the resulting input gradients
 * ({@code grad.<name>}); its metadata names the {@code op} and its parameters as strings.
 *
 * <p>The test repeats the call through the {@link Tensor} facade, runs backward with the same
 * upstream gradients and compares every output and input gradient within 1e-5 absolute plus
 * 1e-4 relative (bitwise for the forward of ops that are exact in IEEE arithmetic). An {@code op}
 * this test does not know fails, so that a new fixture cannot be skipped silently.
 *
 * <p>Two metadata keys apply to any op: {@code pre_transpose} ({@code d0,d1}) runs the op on
 * {@code x.transpose(d0, d1)} (a non-contiguous view; {@code grad.x} is still the gradient of
 * {@code x}); {@code shares_storage} says whether PyTorch's result is a view of {@code x}, and
 * ours must be one exactly then.
 *
 * <p>Where the files are: {@link Fixtures#dir}.
 */
class OpFixtureTest {
  private static final double ATOL = 1e-5;
  private static final double RTOL = 1e-4;

  /**
   * Ops whose forward is a single correctly rounded IEEE operation (or a copy) per element. Not
   * sqrt: ours is correctly rounded, PyTorch's float32 CPU sqrt is sometimes an ulp off.
   */
  private static final Set<String> EXACT_FORWARD = Set.of(
      "neg", "abs", "relu", "square", "reciprocal", "clamp", "add", "sub", "mul", "div", "maximum",
      "minimum", "eq", "ne", "lt", "le", "gt", "ge", "where", "masked_fill", "max", "min", "argmax", "argmin",
      "embedding", "index_select", "gather", "concat", "stack", "split", "chunk", "add_float", "sub_float",
      "mul_float", "div_float", "max_all", "min_all", "reshape", "view", "flatten", "transpose", "permute", "narrow", "slice",
      "select", "expand", "expand_as", "unsqueeze", "squeeze", "contiguous", "copy");

  @TestFactory
  Stream<DynamicTest> pytorchFixtures_forwardAndBackward_match() {
    return Fixtures.eachPath("ops", OpFixtureTest::runFixture);
  }

  @Test
  void runFixture_unknownOp_failsNamingIt(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("frobnicate_4x7.safetensors");
    Safetensors.write(file, Map.of("in.x", Tensor.ones(4, 7), "out", Tensor.ones(4, 7)), Map.of("op", "frobnicate"));
    AssertionError e = assertThrows(AssertionError.class, () -> runFixture(file));
    assertEquals("frobnicate_4x7.safetensors: unknown op 'frobnicate': teach OpFixtureTest.call to run it "
        + "(a fixture must never be skipped silently)", e.getMessage());
  }

  @Test
  void runFixture_wrongOutput_fails(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("neg_bad.safetensors");
    Safetensors.write(file, Map.of("in.x", Tensor.ones(2), "out", Tensor.ones(2)), Map.of("op", "neg"));
    AssertionError e = assertThrows(AssertionError.class, () -> runFixture(file));
    assertTrue(e.getMessage().startsWith("neg_bad.safetensors out [2]: element 0: expected 1.0000000, got -1.0000000"),
        e.getMessage());
  }

  @Test
  void runFixture_viewWherePyTorchCopies_fails(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("contiguous_bad.safetensors");
    Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
    Safetensors.write(file, Map.of("in.x", x, "out", x), Map.of("op", "contiguous", "shares_storage", "false"));
    AssertionError e = assertThrows(AssertionError.class, () -> runFixture(file));
    assertTrue(e.getMessage().startsWith("contiguous_bad.safetensors: PyTorch's result is a copy of x, ours is not"),
        e.getMessage());
  }

  // ---------------------------------------------------------------- one fixture

  /** The file's tensors by role. */
  private static final class Fixture {
    final Path path;
    final Map<String, String> meta;
    final String op;
    final Map<String, Tensor> floats = new LinkedHashMap<>(); // in.<name> of a float dtype
    final Map<String, IntTensor> ints = new LinkedHashMap<>(); // in.<name> of an integer dtype
    final Map<String, Tensor> outs = new TreeMap<>(); // "" or k -> out[.k] (float)
    final Map<String, IntTensor> intOuts = new TreeMap<>();
    final Map<String, Tensor> gradOuts = new TreeMap<>();
    final Map<String, Tensor> grads = new TreeMap<>();

    Fixture(Path path) throws IOException {
      this.path = path;
      try (SafetensorsFile f = Safetensors.read(path)) {
        meta = Map.copyOf(f.metadata());
        for (String name : f.names()) {
          boolean isFloat = f.dtype(name).isFloatingPoint();
          if (name.startsWith("in.")) {
            if (isFloat) floats.put(name.substring(3), f.tensor(name));
            else ints.put(name.substring(3), f.intTensor(name));
          } else if (name.equals("out") || name.startsWith("out.")) {
            String k = name.equals("out") ? "" : name.substring(4);
            if (isFloat) outs.put(k, f.tensor(name));
            else intOuts.put(k, f.intTensor(name));
          } else if (name.equals("grad_out") || name.startsWith("grad_out.")) {
            gradOuts.put(name.equals("grad_out") ? "" : name.substring(9), f.tensor(name));
          } else if (name.startsWith("grad.")) {
            grads.put(name.substring(5), f.tensor(name));
          } else {
            fail(path.getFileName() + ": unexpected tensor name '" + name + "'");
          }
        }
      }
      op = meta.get("op");
      assertNotNull(op, path.getFileName() + ": metadata has no 'op'");
    }

    String str(String key) {
      String v = meta.get(key);
      if (v == null) fail(path.getFileName() + ": metadata has no '" + key + "' (op " + op + ")");
      return v;
    }

    int integer(String key) {
      return Integer.parseInt(str(key));
    }

    float real(String key) {
      return Float.parseFloat(str(key));
    }

    boolean bool(String key) {
      return Boolean.parseBoolean(str(key));
    }

    /** A comma-separated list of ints; an empty string is an empty list. */
    int[] dims(String key) {
      String v = str(key);
      if (v.isEmpty()) return new int[0];
      String[] parts = v.split(",");
      int[] d = new int[parts.length];
      for (int i = 0; i < parts.length; i++) d[i] = Integer.parseInt(parts[i].trim());
      return d;
    }

    Reduction reduction() {
      return Reduction.valueOf(str("reduction").toUpperCase(Locale.ROOT));
    }

    IntTensor intInput(String name) {
      IntTensor t = ints.get(name);
      if (t == null) fail(path.getFileName() + ": no integer input 'in." + name + "'");
      return t;
    }
  }

  /** What the facade call returned: float outputs and integer outputs by key. */
  private record Result(Map<String, Tensor> outs, Map<String, IntTensor> intOuts) {
    static Result of(Tensor out) {
      return new Result(Map.of("", out), Map.of());
    }

    static Result of(List<Tensor> pieces) {
      Map<String, Tensor> m = new LinkedHashMap<>();
      for (int i = 0; i < pieces.size(); i++) m.put(Integer.toString(i), pieces.get(i));
      return new Result(m, Map.of());
    }
  }

  private static void runFixture(Path path) throws IOException {
    Fixture fx = new Fixture(path);
    String file = path.getFileName().toString();
    // Leaves: a float input wants a gradient when PyTorch computed one for it.
    Map<String, Tensor> in = new LinkedHashMap<>();
    for (var e : fx.floats.entrySet()) in.put(e.getKey(), e.getValue().requiresGrad(fx.grads.containsKey(e.getKey())));
    for (String g : fx.grads.keySet()) {
      if (!in.containsKey(g)) fail(file + ": grad." + g + " has no float input in." + g);
    }

    // The op's arguments: the leaves, but x transposed first where the file asks for it.
    Map<String, Tensor> args = new LinkedHashMap<>(in);
    Tensor x0 = in.get("x");
    if (fx.meta.containsKey("pre_transpose")) {
      int[] d = fx.dims("pre_transpose");
      assertEquals(2, d.length, file + ": pre_transpose names two dims");
      args.put("x", x0.transpose(d[0], d[1]));
    }
    Result r = call(fx, args);
    if (fx.meta.containsKey("shares_storage")) {
      Tensor out = output(r, "", file);
      boolean view = fx.bool("shares_storage");
      assertEquals(view, out.storage() == x0.storage(),
          file + ": PyTorch's result is a " + (view ? "view" : "copy") + " of x, ours is not");
    }

    // Forward.
    boolean exact = EXACT_FORWARD.contains(fx.op);
    assertEquals(fx.outs.keySet(), r.outs.keySet(), file + ": float outputs");
    assertEquals(fx.intOuts.keySet(), r.intOuts.keySet(), file + ": integer outputs");
    for (var e : fx.outs.entrySet()) {
      Tensor got = r.outs.get(e.getKey());
      compare(file + " out" + suffix(e.getKey()), e.getValue(), got, exact ? 0 : ATOL, exact ? 0 : RTOL);
    }
    for (var e : fx.intOuts.entrySet()) {
      IntTensor got = r.intOuts.get(e.getKey());
      assertEquals(e.getValue().shape(), got.shape(), file + " out" + suffix(e.getKey()) + ": shape");
      assertArrayEquals(e.getValue().toArray(), got.toArray(), file + " out" + suffix(e.getKey()));
    }

    // Backward with PyTorch's upstream gradients.
    if (fx.gradOuts.isEmpty()) {
      assertTrue(fx.grads.isEmpty(), file + ": input gradients without an upstream gradient");
      return;
    }
    if (fx.gradOuts.size() == 1) {
      var e = fx.gradOuts.entrySet().iterator().next();
      output(r, e.getKey(), file).backward(e.getValue());
    } else {
      // Several outputs: L = sum_k <out_k, grad_out_k> sends exactly grad_out_k into out_k.
      Tensor loss = null;
      for (var e : fx.gradOuts.entrySet()) {
        Tensor term = output(r, e.getKey(), file).mul(e.getValue()).sum();
        loss = loss == null ? term : loss.add(term);
      }
      loss.backward();
    }
    for (var e : fx.grads.entrySet()) {
      Tensor x = in.get(e.getKey());
      Tensor got = x.grad() == null ? Tensor.zerosLike(x) : x.grad();
      compare(file + " grad." + e.getKey(), e.getValue(), got, ATOL, RTOL);
    }
  }

  private static Tensor output(Result r, String key, String file) {
    Tensor t = r.outs.get(key);
    if (t == null) fail(file + ": grad_out" + suffix(key) + " names no float output");
    return t;
  }

  private static String suffix(String key) {
    return key.isEmpty() ? "" : "." + key;
  }

  private static void compare(String what, Tensor expected, Tensor actual, double atol, double rtol) {
    TensorAsserts.assertClose(expected, actual, atol, rtol, what);
  }

  // ---------------------------------------------------------------- dispatch

  private static Result call(Fixture fx, Map<String, Tensor> in) {
    Tensor x = in.get("x");
    Tensor a = in.get("a");
    Tensor b = in.get("b");
    return switch (fx.op) {
      case "neg" -> Result.of(x.neg());
      case "abs" -> Result.of(x.abs());
      case "exp" -> Result.of(x.exp());
      case "log" -> Result.of(x.log());
      case "sqrt" -> Result.of(x.sqrt());
      case "rsqrt" -> Result.of(x.rsqrt());
      case "tanh" -> Result.of(x.tanh());
      case "sigmoid" -> Result.of(x.sigmoid());
      case "relu" -> Result.of(x.relu());
      case "gelu" -> Result.of(x.gelu());
      case "gelu_tanh" -> Result.of(x.geluTanh());
      case "pow" -> Result.of(x.pow(fx.real("exponent")));
      case "add_float" -> Result.of(x.add(fx.real("scalar")));
      case "sub_float" -> Result.of(x.sub(fx.real("scalar")));
      case "mul_float" -> Result.of(x.mul(fx.real("scalar")));
      case "div_float" -> Result.of(x.div(fx.real("scalar")));
      case "square" -> Result.of(x.square());
      case "reciprocal" -> Result.of(x.reciprocal());
      case "clamp" -> Result.of(x.clamp(fx.real("min"), fx.real("max")));
      case "add" -> Result.of(a.add(b));
      case "sub" -> Result.of(a.sub(b));
      case "mul" -> Result.of(a.mul(b));
      case "div" -> Result.of(a.div(b));
      case "maximum" -> Result.of(a.maximum(b));
      case "minimum" -> Result.of(a.minimum(b));
      case "eq" -> Result.of(a.eq(b));
      case "ne" -> Result.of(a.ne(b));
      case "lt" -> Result.of(a.lt(b));
      case "le" -> Result.of(a.le(b));
      case "gt" -> Result.of(a.gt(b));
      case "ge" -> Result.of(a.ge(b));
      case "where" -> Result.of(Tensor.where(in.get("cond"), a, b));
      case "masked_fill" -> Result.of(x.maskedFill(in.get("mask"), fx.real("value")));
      case "sum" -> Result.of(x.sum(fx.dims("dims"), fx.bool("keepdim")));
      case "mean" -> Result.of(x.mean(fx.dims("dims"), fx.bool("keepdim")));
      case "max", "min" -> {
        int dim = single(fx);
        boolean keep = fx.bool("keepdim");
        boolean isMax = fx.op.equals("max");
        Tensor values = isMax ? x.max(dim, keep) : x.min(dim, keep);
        IntTensor indices = isMax ? x.argmax(dim, keep) : x.argmin(dim, keep);
        yield new Result(Map.of("values", values), Map.of("indices", indices));
      }
      case "max_all" -> Result.of(x.max());
      case "min_all" -> Result.of(x.min());
      case "argmax" -> new Result(Map.of(), Map.of("", x.argmax(single(fx), fx.bool("keepdim"))));
      case "argmin" -> new Result(Map.of(), Map.of("", x.argmin(single(fx), fx.bool("keepdim"))));
      case "logsumexp" -> Result.of(x.logsumexp(fx.dims("dims"), fx.bool("keepdim")));
      case "var" -> Result.of(x.var(fx.dims("dims"), fx.integer("correction"), fx.bool("keepdim")));
      case "softmax" -> Result.of(x.softmax(fx.integer("dim")));
      case "log_softmax" -> Result.of(x.logSoftmax(fx.integer("dim")));
      case "layer_norm" -> {
        int[] normalized = fx.dims("normalized_shape");
        assertEquals(1, normalized.length, "layer_norm over the last dim only");
        assertEquals(x.dim(-1), normalized[0], "layer_norm: normalized_shape");
        String affine = fx.str("affine"); // true, false, or which one of weight and bias
        assertEquals(affine.equals("true") || affine.equals("weight"), in.containsKey("weight"), "layer_norm: weight");
        assertEquals(affine.equals("true") || affine.equals("bias"), in.containsKey("bias"), "layer_norm: bias");
        yield Result.of(x.layerNorm(in.get("weight"), in.get("bias"), fx.real("eps")));
      }
      case "matmul" -> {
        Tensor l = fx.bool("transpose_a") ? a.transpose(-1, -2) : a;
        Tensor r = fx.bool("transpose_b") ? b.transpose(-1, -2) : b;
        yield Result.of(l.matmul(r));
      }
      case "embedding" -> Result.of(Tensor.embedding(in.get("weight"), fx.intInput("ids"), fx.integer("padding_idx")));
      case "index_select" -> Result.of(x.indexSelect(fx.integer("dim"), fx.intInput("index")));
      case "gather" -> Result.of(x.gather(fx.integer("dim"), fx.intInput("index")));
      case "concat" -> Result.of(Tensor.concat(fx.integer("dim"), parts(in)));
      case "stack" -> Result.of(Tensor.stack(fx.integer("dim"), parts(in)));
      case "split" -> Result.of(x.split(fx.integer("size"), fx.integer("dim")));
      case "chunk" -> Result.of(x.chunk(fx.integer("chunks"), fx.integer("dim")));
      case "reshape" -> Result.of(x.reshape(fx.dims("shape")));
      case "view" -> Result.of(x.view(fx.dims("shape")));
      case "flatten" -> Result.of(fx.meta.containsKey("start_dim")
          ? x.flatten(fx.integer("start_dim"), fx.integer("end_dim")) : x.flatten());
      case "transpose" -> Result.of(x.transpose(fx.integer("dim0"), fx.integer("dim1")));
      case "permute" -> Result.of(x.permute(fx.dims("dims")));
      case "narrow" -> Result.of(x.narrow(fx.integer("dim"), fx.integer("start"), fx.integer("length")));
      case "slice" -> Result.of(x.slice(fx.integer("dim"), fx.integer("start"), fx.integer("end")));
      case "select" -> Result.of(x.select(fx.integer("dim"), fx.integer("index")));
      case "expand" -> Result.of(x.expand(fx.dims("sizes")));
      case "expand_as" -> Result.of(x.expandAs(in.get("other")));
      case "unsqueeze" -> Result.of(x.unsqueeze(fx.integer("dim")));
      case "squeeze" -> Result.of(x.squeeze(fx.integer("dim")));
      case "contiguous" -> Result.of(x.contiguous());
      case "copy" -> Result.of(x.copy());
      case "cross_entropy" -> Result.of(x.crossEntropy(fx.intInput("target"), fx.integer("ignore_index"),
          fx.real("label_smoothing"), fx.reduction()));
      case "nll_loss" -> Result.of(x.nllLoss(fx.intInput("target"), fx.integer("ignore_index"), fx.reduction()));
      case "mse_loss" -> Result.of(x.mseLoss(in.get("target"), fx.reduction()));
      default -> throw new AssertionError(fx.path.getFileName() + ": unknown op '" + fx.op
          + "': teach OpFixtureTest.call to run it (a fixture must never be skipped silently)");
    };
  }

  private static int single(Fixture fx) {
    int[] d = fx.dims("dims");
    assertEquals(1, d.length, fx.op + " over one dim");
    return d[0];
  }

  /** Inputs p0, p1, ... in order. */
  private static List<Tensor> parts(Map<String, Tensor> in) {
    List<Tensor> parts = new ArrayList<>();
    for (int i = 0; in.containsKey("p" + i); i++) parts.add(in.get("p" + i));
    assertEquals(in.size(), parts.size(), "inputs are exactly p0..p" + (in.size() - 1));
    return parts;
  }
}
