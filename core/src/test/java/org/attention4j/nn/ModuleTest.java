package org.attention4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.attention4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ModuleTest {
  /** attn.{wq, wo}: the shape of an attention block. */
  static final class Attn extends Module {
    final Linear wq;
    final Linear wo;

    Attn(int d, RandomGenerator rng) {
      wq = child("wq", new Linear(d, d, true, rng));
      wo = child("wo", new Linear(d, d, false, rng));
    }
  }

  static final class Block extends Module {
    final Attn attn;
    final LayerNorm norm;
    final Dropout drop;

    Block(int d, RandomGenerator rng) {
      attn = child("attn", new Attn(d, rng));
      norm = child("norm", new LayerNorm(d));
      drop = child("drop", new Dropout(0.1, rng));
    }
  }

  static final class Encoder extends Module {
    final Tensor scale;
    final Tensor steps;
    final ModuleList<Block> layers;

    Encoder(int d, int n, RandomGenerator rng) {
      scale = parameter("scale", Tensor.ones(1));
      steps = buffer("steps", Tensor.zeros(1));
      layers = child("layers", new ModuleList<>());
      for (int i = 0; i < n; i++) layers.add(new Block(d, rng));
    }
  }

  static final class Model extends Module {
    final Encoder encoder;
    final Linear out;

    Model(int d, int vocab, RandomGenerator rng) {
      encoder = child("encoder", new Encoder(d, 2, rng));
      out = child("out", new Linear(d, vocab, true, rng));
    }
  }

  @Test
  void namedParameters_nestedTree_dottedNamesInDeclarationOrder() {
    Model m = new Model(4, 6, new SplittableRandom(1));
    assertEquals(List.of(
        "encoder.scale",
        "encoder.layers.0.attn.wq.weight", "encoder.layers.0.attn.wq.bias", "encoder.layers.0.attn.wo.weight",
        "encoder.layers.0.norm.weight", "encoder.layers.0.norm.bias",
        "encoder.layers.1.attn.wq.weight", "encoder.layers.1.attn.wq.bias", "encoder.layers.1.attn.wo.weight",
        "encoder.layers.1.norm.weight", "encoder.layers.1.norm.bias",
        "out.weight", "out.bias"), List.copyOf(m.namedParameters().keySet()));
    assertSame(m.encoder.layers.get(1).attn.wq.weight(), m.namedParameters().get("encoder.layers.1.attn.wq.weight"));
    assertTrue(m.parameters().stream().allMatch(Tensor::requiresGrad));
    long expected = 1 + 2 * (4 * 4 + 4 + 4 * 4 + 4 + 4) + 6 * 4 + 6;
    assertEquals(expected, m.parameterCount());
  }

  @Test
  void stateDict_includesBuffersAfterOwnParameters() {
    Model m = new Model(4, 6, new SplittableRandom(1));
    List<String> keys = List.copyOf(m.stateDict().keySet());
    assertEquals(List.of("encoder.scale", "encoder.steps", "encoder.layers.0.attn.wq.weight"), keys.subList(0, 3));
    assertEquals(m.namedParameters().size() + 1, keys.size());
    assertFalse(m.stateDict().get("encoder.steps").requiresGrad());
  }

  @Test
  void loadStateDict_roundTrip_copiesValuesInPlace() {
    Model a = new Model(4, 6, new SplittableRandom(1));
    Model b = new Model(4, 6, new SplittableRandom(2));
    Tensor weightBefore = b.out.weight();
    a.eval();
    b.eval();
    Tensor x = Tensor.randn(new SplittableRandom(3), 2, 4);
    LoadReport report = b.loadStateDict(a.stateDict(), true);
    assertTrue(report.isClean());
    assertEquals("all keys matched", report.toString());
    assertSame(weightBefore, b.out.weight());
    assertTrue(b.out.weight().requiresGrad());
    assertArrayEquals(a.out.forward(x).toArray(), b.out.forward(x).toArray());
    for (var e : a.stateDict().entrySet()) {
      assertArrayEquals(e.getValue().toArray(), b.stateDict().get(e.getKey()).toArray(), e.getKey());
    }
  }

  @Test
  void stateDict_valuesShareStorage() {
    Linear l = new Linear(2, 3, true, new SplittableRandom(1));
    Tensor w = l.stateDict().get("weight");
    assertFalse(w.requiresGrad());
    w.fill(7f);
    assertEquals(7f, l.weight().get(2, 1));
  }

  /** A checkpoint with one key missing, one extra and one of the wrong shape. */
  private static Map<String, Tensor> brokenCheckpoint(Model source) {
    Map<String, Tensor> state = new LinkedHashMap<>(source.stateDict());
    state.remove("encoder.layers.1.norm.bias");
    state.put("pooler.dense.weight", Tensor.zeros(2, 2));
    state.put("out.weight", Tensor.zeros(8, 4));
    return state;
  }

  @Test
  void loadStateDict_strictWithProblems_throwsAndChangesNothing() {
    Model target = new Model(4, 6, new SplittableRandom(2));
    Map<String, float[]> before = new LinkedHashMap<>();
    target.stateDict().forEach((k, v) -> before.put(k, v.toArray()));
    Map<String, Tensor> state = brokenCheckpoint(new Model(4, 6, new SplittableRandom(1)));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> target.loadStateDict(state, true));
    assertEquals("loadStateDict: Model (strict): missing: encoder.layers.1.norm.bias\n"
        + "unexpected: pooler.dense.weight\n"
        + "mismatched: out.weight: checkpoint [8, 4] vs model [6, 4]", e.getMessage());
    target.stateDict().forEach((k, v) -> assertArrayEquals(before.get(k), v.toArray(), k));
  }

  @Test
  void loadStateDict_lenientWithProblems_reportsAndCopiesTheRest() {
    Model source = new Model(4, 6, new SplittableRandom(1));
    Model target = new Model(4, 6, new SplittableRandom(2));
    float[] outWeightBefore = target.out.weight().toArray();
    float[] normBiasBefore = target.encoder.layers.get(1).norm.bias().toArray();

    LoadReport report = target.loadStateDict(brokenCheckpoint(source), false);

    assertEquals(List.of("encoder.layers.1.norm.bias"), report.missing());
    assertEquals(List.of("pooler.dense.weight"), report.unexpected());
    assertEquals(List.of("out.weight: checkpoint [8, 4] vs model [6, 4]"), report.mismatched());
    assertFalse(report.isClean());
    assertArrayEquals(outWeightBefore, target.out.weight().toArray());
    assertArrayEquals(normBiasBefore, target.encoder.layers.get(1).norm.bias().toArray());
    assertArrayEquals(source.out.bias().toArray(), target.out.bias().toArray());
    assertArrayEquals(source.encoder.layers.get(0).attn.wq.weight().toArray(),
        target.encoder.layers.get(0).attn.wq.weight().toArray());
  }

  @Test
  void loadReport_toString_separatesSeveralMismatches() {
    LoadReport r = new LoadReport(List.of("a", "b"), List.of(),
        List.of("decoder.out.weight: checkpoint [8000, 256] vs model [9000, 256]", "c: checkpoint [1] vs model [2]"));
    assertEquals("missing: a, b\n"
        + "mismatched: decoder.out.weight: checkpoint [8000, 256] vs model [9000, 256]; c: checkpoint [1] vs model [2]",
        r.toString());
  }

  @Test
  void train_nestedTree_propagatesToEveryDescendant() {
    Model m = new Model(4, 6, new SplittableRandom(1));
    assertTrue(m.isTraining());
    m.train(false);
    assertFalse(m.encoder.layers.get(1).drop.isTraining());
    assertFalse(m.out.isTraining());
    m.encoder.train(true);
    assertTrue(m.encoder.layers.get(0).drop.isTraining());
    assertFalse(m.isTraining());
    assertFalse(m.out.isTraining());
  }

  @Test
  void child_addedToEvalModule_takesItsMode() {
    ModuleList<Linear> list = new ModuleList<>();
    list.eval();
    list.add(new Linear(2, 2, true, new SplittableRandom(1)));
    assertFalse(list.get(0).isTraining());
  }

  @Test
  void zeroGrad_afterBackward_clearsEveryGradient() {
    Model m = new Model(4, 6, new SplittableRandom(1));
    m.out.forward(Tensor.ones(2, 4)).sum().backward();
    assertNotNull(m.out.weight().grad());
    m.zeroGrad();
    assertNull(m.out.weight().grad());
    assertNull(m.out.bias().grad());
  }

  static final class Tied extends Module {
    Tied(RandomGenerator rng) {
      Embedding emb = child("emb", new Embedding(5, 3, -1, rng));
      Linear head = child("head", new Linear(3, 5, false, rng));
      parameter("shared", emb.weight());
      assertNotNull(head);
    }
  }

  @Test
  void namedParameters_tiedTensor_listedOnce() {
    Tied t = new Tied(new SplittableRandom(1));
    assertEquals(List.of("shared", "head.weight"), List.copyOf(t.namedParameters().keySet()));
    assertEquals(List.of("shared", "emb.weight", "head.weight"), List.copyOf(t.stateDict().keySet()));
    assertEquals(15 + 15, t.parameterCount());
  }

  static final class Named extends Module {
    void param(String name) {
      parameter(name, Tensor.zeros(1));
    }

    void sub(String name) {
      child(name, new LayerNorm(2));
    }
  }

  @Test
  void parameter_badNames_throwWithClearText() {
    Named m = new Named();
    m.param("w");
    assertEquals("Named: parameter name must not be empty",
        assertThrows(IllegalArgumentException.class, () -> m.param("")).getMessage());
    assertEquals("Named: parameter name \"a.b\" must not contain '.' (dots separate levels of the hierarchy)",
        assertThrows(IllegalArgumentException.class, () -> m.param("a.b")).getMessage());
    assertEquals("Named: name \"w\" is already registered as a parameter",
        assertThrows(IllegalArgumentException.class, () -> m.sub("w")).getMessage());
    m.sub("norm");
    assertEquals("Named: name \"norm\" is already registered as a child",
        assertThrows(IllegalArgumentException.class, () -> m.param("norm")).getMessage());
  }

  @Test
  void moduleList_get_outOfRange_throws() {
    ModuleList<Linear> list = new ModuleList<>(List.of(new Linear(2, 2, true, new SplittableRandom(1))));
    assertEquals(1, list.size());
    assertEquals(List.of("0.weight", "0.bias"), List.copyOf(list.namedParameters().keySet()));
    assertEquals("ModuleList: index 1 out of range for size 1",
        assertThrows(IllegalArgumentException.class, () -> list.get(1)).getMessage());
  }
}
