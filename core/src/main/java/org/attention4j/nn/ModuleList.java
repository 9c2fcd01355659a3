package org.attention4j.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * An ordered list of modules registered as children {@code 0, 1, 2, ...}, as PyTorch's
 * {@code nn.ModuleList}: the parameters of the third element are {@code 2.<name>}, or
 * {@code layers.2.<name>} when the list is the child {@code layers} of its owner.
 *
 * @param <M> the element type
 */
public final class ModuleList<M extends Module> extends Module implements Iterable<M> {
  private final List<M> items = new ArrayList<>();

  /** An empty list. */
  public ModuleList() {}

  /** A list holding {@code modules} in order. */
  public ModuleList(List<? extends M> modules) {
    for (M m : modules) add(m);
  }

  /** Appends {@code module} as child {@code size()}; returns this list. */
  public ModuleList<M> add(M module) {
    child(Integer.toString(items.size()), module);
    items.add(module);
    return this;
  }

  /**
   * The element at {@code index}.
   *
   * @throws IllegalArgumentException if {@code index} is outside {@code [0, size())}
   */
  public M get(int index) {
    if (index < 0 || index >= items.size()) {
      throw new IllegalArgumentException("ModuleList: index " + index + " out of range for size " + items.size());
    }
    return items.get(index);
  }

  public int size() {
    return items.size();
  }

  @Override
  public Iterator<M> iterator() {
    return Collections.unmodifiableList(items).iterator();
  }
}
