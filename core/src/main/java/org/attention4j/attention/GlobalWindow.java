package org.attention4j.attention;

import org.attention4j.tensor.Tensor;

/** The global window of {@link Window#global()}: every source position, no factor. */
final class GlobalWindow implements Window {
  static final GlobalWindow INSTANCE = new GlobalWindow();

  private GlobalWindow() {}

  @Override
  public Region region(Tensor queries, int firstQueryPosition, int[] sourceLengths, int keys) {
    return Region.ALL;
  }

  @Override
  public String toString() {
    return "global";
  }
}
