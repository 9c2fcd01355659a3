package org.attention4j.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generic engine with a toy node type: order, once-only visits, release, recording off. */
class BackpropTest {

  /** A node that counts its backward calls and passes a "gradient" flag to its parents. */
  static final class Toy extends Node {
    final List<Node> parents;
    final List<String> log;
    boolean has;
    int calls;
    boolean gradModeDuringBackward;

    Toy(String op, List<String> log, Node... parents) {
      super(op);
      this.parents = List.of(parents);
      this.log = log;
    }

    @Override
    public List<Node> parents() {
      return parents;
    }

    @Override
    protected void backward() {
      calls++;
      gradModeDuringBackward = GradMode.isEnabled();
      log.add(op());
      for (Node p : parents) ((Toy) p).has = true;
    }

    @Override
    protected boolean hasGradient() {
      return has;
    }

    @Override
    protected void clearGradient() {
      has = false;
    }
  }

  @Test
  void run_diamond_visitsEachNodeOnceAfterAllConsumers() {
    List<String> log = new ArrayList<>();
    Toy a = new Toy("a", log);
    Toy b = new Toy("b", log, a);
    Toy c = new Toy("c", log, a);
    Toy d = new Toy("d", log, b, c);
    d.has = true;
    Backprop.run(d, true);
    assertEquals(List.of("d", "c", "b", "a"), log);
    assertEquals(1, a.calls);
    assertFalse(d.gradModeDuringBackward, "the backward pass records nothing");
    assertFalse(a.isReleased());
  }

  @Test
  void topologicalOrder_parentsBeforeChildren() {
    List<String> log = new ArrayList<>();
    Toy a = new Toy("a", log);
    Toy b = new Toy("b", log, a);
    Toy c = new Toy("c", log, b, a);
    Toy d = new Toy("d", log, c, b);
    List<Node> order = Backprop.topologicalOrder(d);
    assertEquals(4, order.size());
    for (Node n : order) {
      for (Node p : n.parents()) assertTrue(order.indexOf(p) < order.indexOf(n), p.op() + " before " + n.op());
    }
    assertEquals(d, order.get(3));
  }

  @Test
  void run_nodeWithoutGradient_isSkipped() {
    List<String> log = new ArrayList<>();
    Toy a = new Toy("a", log);
    Toy b = new Toy("b", log, a);
    Backprop.run(b, false); // root not seeded
    assertEquals(List.of(), log);
    assertTrue(a.isReleased());
    assertTrue(b.isReleased());
  }

  @Test
  void run_afterRelease_throwsNamingTheOp() {
    List<String> log = new ArrayList<>();
    Toy a = new Toy("matmul", log);
    Toy b = new Toy("sum", log, a);
    b.has = true;
    Backprop.run(b, false);
    b.has = true;
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Backprop.run(b, false));
    assertEquals("backward: the buffers saved by 'matmul' were already released by an earlier backward(); "
        + "call backward(gradient, true) the first time to keep them", e.getMessage());
  }

  @Test
  void topologicalOrder_longChain_iterative() {
    List<String> log = new ArrayList<>();
    Toy n = new Toy("leaf", log);
    for (int i = 0; i < 100_000; i++) n = new Toy("n", log, n);
    assertEquals(100_001, Backprop.topologicalOrder(n).size());
  }
}
