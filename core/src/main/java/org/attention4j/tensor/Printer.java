package org.attention4j.tensor;

import java.util.Locale;

/** PyTorch-like text form of a tensor, with long dims summarised by "...". */
final class Printer {
  private static final int EDGE = 3;
  private static final int FULL_LIMIT = 1000;

  private Printer() {}

  static String format(Tensor t) {
    StringBuilder sb = new StringBuilder("tensor(");
    boolean summarise = t.numel() > FULL_LIMIT;
    appendDim(sb, t, 0, new int[t.rank()], summarise, 7);
    sb.append(", shape=").append(t.shape);
    if (t.gradFn != null) sb.append(", grad_fn=").append(t.gradFn.op());
    else if (t.requiresGrad) sb.append(", requires_grad=true");
    return sb.append(')').toString();
  }

  private static void appendDim(StringBuilder sb, Tensor t, int d, int[] idx, boolean summarise, int indent) {
    if (d == t.rank()) {
      float v = t.data[t.storageIndex("print", idx)];
      sb.append(String.format(Locale.ROOT, "%.4f", v));
      return;
    }
    int n = t.dim(d);
    sb.append('[');
    for (int i = 0; i < n; i++) {
      if (summarise && n > 2 * EDGE && i == EDGE) {
        sb.append("...");
        i = n - EDGE - 1;
        sb.append(d == t.rank() - 1 ? ", " : ",\n" + " ".repeat(indent + d + 1));
        continue;
      }
      idx[d] = i;
      appendDim(sb, t, d + 1, idx, summarise, indent);
      if (i < n - 1) sb.append(d == t.rank() - 1 ? ", " : ",\n" + " ".repeat(indent + d + 1));
    }
    sb.append(']');
  }
}
