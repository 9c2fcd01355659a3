package org.attention4j.autograd;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reverse-mode differentiation over the recorded tape: a topological sort from the root and a
 * reversed loop, as in micrograd.
 */
public final class Backprop {
  private Backprop() {}

  /**
   * Runs the backward pass from {@code root}, whose output gradient must already be seeded.
   *
   * @param retainGraph keep saved buffers so that a second backward through the same graph works
   * @throws IllegalStateException if a node on the path had its buffers released by an earlier
   *     backward without {@code retainGraph}
   */
  public static void run(Node root, boolean retainGraph) {
    List<Node> order = topologicalOrder(root);
    for (Node node : order) {
      if (node.isReleased()) {
        throw new IllegalStateException(
            "backward: the buffers saved by '" + node.op() + "' were already released by an earlier "
                + "backward(); call backward(gradient, true) the first time to keep them");
      }
    }
    try (var _ = GradMode.noGrad()) {
      for (int i = order.size() - 1; i >= 0; i--) {
        Node node = order.get(i);
        if (node.hasGradient()) node.backward();
        node.clearGradient();
        if (!retainGraph) node.releaseBuffers();
      }
    }
  }

  /** Nodes reachable from {@code root}, each after all of its parents; root last. */
  static List<Node> topologicalOrder(Node root) {
    // Iterative DFS so that long recurrent graphs (thousands of steps) cannot overflow the stack.
    List<Node> order = new ArrayList<>();
    Map<Node, Boolean> state = new IdentityHashMap<>(); // false = on stack, true = done
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {root, 0});
    state.put(root, Boolean.FALSE);
    while (!stack.isEmpty()) {
      Object[] frame = stack.peek();
      Node node = (Node) frame[0];
      List<Node> parents = node.parents();
      int next = (Integer) frame[1];
      if (next < parents.size()) {
        frame[1] = next + 1;
        Node p = parents.get(next);
        if (p != null && !state.containsKey(p)) {
          state.put(p, Boolean.FALSE);
          stack.push(new Object[] {p, 0});
        }
      } else {
        stack.pop();
        state.put(node, Boolean.TRUE);
        order.add(node);
      }
    }
    return Collections.unmodifiableList(order);
  }
}
