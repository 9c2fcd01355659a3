package org.attention4j.nn;

import static org.attention4j.testing.TensorAsserts.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.attention4j.io.SafetensorsFile;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;
import org.attention4j.testing.Fixtures;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every layer against the PyTorch golden files in {@code fixtures/layers} (written by
 * {@code scripts/reference/fixtures.py}, see {@code fx_layers.py}): builds the layer from the
 * file's metadata, loads the stored PyTorch parameters with a strict {@code loadStateDict},
 * runs forward and backward with the stored upstream gradients, and compares every output and
 * every gradient.
 *
 * <p>The positional encodings have no torch module: {@code fx_layers.py} computes the sinusoidal
 * table from Vaswani et al.'s formula in float64 ({@code out.table}, and {@code out.y = x + table[:T]})
 * and the learned encoding as an embedding lookup of the positions added to {@code x}.
 */
class LayerFixtureTest {
  private static final double ATOL = 1e-5;
  private static final double RTOL = 1e-4;
  /** Stored inputs that are not parameters. */
  private static final Set<String> INPUTS = Set.of("x", "h0", "c0", "lengths");

  @TestFactory
  Stream<DynamicTest> fixtures_everyLayerFile_matchesPyTorch() {
    return Fixtures.each("layers", LayerFixtureTest::check);
  }

  /** What one case ran: the module, its outputs by fixture name, and its float input leaves. */
  private record Run(Module module, Map<String, Tensor> outputs, Map<String, Tensor> leaves) {}

  private static void check(SafetensorsFile f) {
    Map<String, String> meta = f.metadata();
    Run run = run(meta.get("op"), meta, f);
    String file = f.path().getFileName().toString();

    // Forward: out (single output) or out.<name>.
    for (String name : f.names()) {
      if (!name.equals("out") && !name.startsWith("out.")) continue;
      String key = name.equals("out") ? "" : name.substring(4);
      Tensor actual = run.outputs.get(key);
      assertNotNull(actual, file + ": layer produced no output '" + key + "'");
      assertClose(f.tensor(name), actual, ATOL, RTOL, file + " " + name);
    }

    // Backward: L = sum over outputs of <out, grad_out>, so dL/dout = grad_out exactly.
    Tensor loss = null;
    for (String name : f.names()) {
      if (!name.equals("grad_out") && !name.startsWith("grad_out.")) continue;
      Tensor out = run.outputs.get(name.equals("grad_out") ? "" : name.substring(9));
      Tensor term = out.mul(f.tensor(name)).sum();
      loss = loss == null ? term : loss.add(term);
    }
    if (loss == null) return;
    loss.backward();
    Map<String, Tensor> params = run.module.namedParameters();
    int checked = 0;
    for (String name : f.names()) {
      if (!name.startsWith("grad.")) continue;
      String key = name.substring(5);
      Tensor leaf = INPUTS.contains(key) ? run.leaves.get(key) : params.get(key);
      assertNotNull(leaf, file + ": nothing named '" + key + "' to compare " + name + " with");
      Tensor g = leaf.grad() == null ? Tensor.zerosLike(leaf) : leaf.grad();
      assertClose(f.tensor(name), g, ATOL, RTOL, file + " " + name);
      checked++;
    }
    assertTrue(checked > 0, file + ": no gradients stored");
  }

  private static Run run(String op, Map<String, String> meta, SafetensorsFile f) {
    SplittableRandom rng = new SplittableRandom(0);
    Module module = switch (op) {
      case "Linear" -> new Linear(integer(meta, "in_features"), integer(meta, "out_features"), bool(meta, "bias"), rng);
      case "LayerNorm" -> new LayerNorm(integer(meta, "normalized_shape"), Double.parseDouble(meta.get("eps")),
          bool(meta, "elementwise_affine"));
      case "Embedding" -> new Embedding(integer(meta, "num_embeddings"), integer(meta, "embedding_dim"),
          "None".equals(meta.get("padding_idx")) ? -1 : integer(meta, "padding_idx"), rng);
      case "GRUCell" -> new GRUCell(integer(meta, "input_size"), integer(meta, "hidden_size"), bool(meta, "bias"), rng);
      case "LSTMCell" -> new LSTMCell(integer(meta, "input_size"), integer(meta, "hidden_size"), bool(meta, "bias"), rng);
      case "GRU" -> new GRU(rnnConfig(meta), rng);
      case "LSTM" -> new LSTM(rnnConfig(meta), rng);
      case "SinusoidalPositionalEncoding" ->
          new SinusoidalPositionalEncoding(integer(meta, "max_len"), integer(meta, "dim"));
      case "LearnedPositionalEncoding" ->
          new LearnedPositionalEncoding(integer(meta, "max_len"), integer(meta, "dim"), rng);
      default -> throw new AssertionError("unknown layer op '" + op + "' in fixture metadata " + meta);
    };
    if (meta.containsKey("batch_first")) assertEquals("true", meta.get("batch_first"), "only batch_first RNNs");

    Map<String, Tensor> state = new LinkedHashMap<>();
    Map<String, Tensor> leaves = new LinkedHashMap<>();
    for (String name : f.names()) {
      if (!name.startsWith("in.")) continue;
      String key = name.substring(3);
      if (!INPUTS.contains(key)) state.put(key, f.tensor(name));
      else if (!key.equals("lengths") && !(op.equals("Embedding") && key.equals("x"))) {
        leaves.put(key, f.tensor(name).requiresGrad(true));
      }
    }
    module.loadStateDict(state, true);

    Tensor x = leaves.get("x");
    Tensor h0 = leaves.get("h0");
    Tensor c0 = leaves.get("c0");
    Map<String, Tensor> out = new LinkedHashMap<>();
    switch (module) {
      case Linear l -> out.put("", l.forward(x));
      case LayerNorm l -> out.put("", l.forward(x));
      case Embedding e -> out.put("", e.forward(f.intTensor("in.x")));
      case GRUCell c -> out.put("h", c.forward(x, h0));
      case LSTMCell c -> {
        LstmState s = c.forward(x, h0 == null ? null : new LstmState(h0, c0));
        out.put("h", s.h());
        out.put("c", s.c());
      }
      case GRU g -> putRnn(out, g.forward(x, lengths(f), h0));
      case LSTM l -> putRnn(out, l.forward(x, lengths(f), h0, c0));
      case SinusoidalPositionalEncoding pe -> {
        out.put("y", pe.forward(x));
        out.put("table", pe.table(pe.maxLen()));
      }
      case LearnedPositionalEncoding pe -> out.put("", pe.forward(x));
      default -> throw new AssertionError("unhandled module " + module.getClass());
    }
    return new Run(module, out, leaves);
  }

  private static void putRnn(Map<String, Tensor> out, RnnOutput o) {
    out.put("y", o.output());
    out.put("h_n", o.hN());
    if (o.cN() != null) out.put("c_n", o.cN());
  }

  private static int[] lengths(SafetensorsFile f) {
    if (!f.contains("in.lengths")) return null;
    IntTensor l = f.intTensor("in.lengths");
    return l.toArray();
  }

  private static RnnConfig rnnConfig(Map<String, String> meta) {
    return new RnnConfig(integer(meta, "input_size"), integer(meta, "hidden_size"), integer(meta, "num_layers"),
        bool(meta, "bidirectional"), 0.0, bool(meta, "bias"));
  }

  private static int integer(Map<String, String> meta, String key) {
    String v = meta.get(key);
    assertNotNull(v, "fixture metadata lacks '" + key + "': " + meta);
    return Integer.parseInt(v.trim());
  }

  private static boolean bool(Map<String, String> meta, String key) {
    String v = meta.get(key);
    assertNotNull(v, "fixture metadata lacks '" + key + "': " + meta);
    return Boolean.parseBoolean(v);
  }
}
