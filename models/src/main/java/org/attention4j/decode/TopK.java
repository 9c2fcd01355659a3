package org.attention4j.decode;

/** The best candidates of a {@code rows x cols} grid of scores, without sorting the whole grid. */
final class TopK {
  private TopK() {}

  /** The score of candidate {@code (row, col)}. */
  interface Score {
    double at(int row, int col);
  }

  /**
   * The {@code m} highest-scoring candidates as flat indices {@code row * cols + col}, best
   * first; ties go to the lower index. A bounded min-heap: {@code O(rows * cols * log m)}.
   */
  static int[] largest(int rows, int cols, int m, Score score) {
    double[] hs = new double[m];
    int[] hi = new int[m];
    int size = 0;
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        double x = score.at(r, c);
        int idx = r * cols + c;
        if (size < m) {
          hs[size] = x;
          hi[size] = idx;
          siftUp(hs, hi, size++);
        } else if (worse(hs[0], hi[0], x, idx)) {
          hs[0] = x;
          hi[0] = idx;
          siftDown(hs, hi, size);
        }
      }
    }
    // Pop the heap (worst first) into the result from the back.
    int[] out = new int[size];
    for (int n = size; n > 0; n--) {
      out[n - 1] = hi[0];
      hs[0] = hs[n - 1];
      hi[0] = hi[n - 1];
      siftDown(hs, hi, n - 1);
    }
    return out;
  }

  /** Whether candidate {@code (s1, i1)} ranks below {@code (s2, i2)}: lower score, or equal score and higher index. */
  private static boolean worse(double s1, int i1, double s2, int i2) {
    return s1 < s2 || (s1 == s2 && i1 > i2) || (Double.isNaN(s1) && !Double.isNaN(s2));
  }

  private static void siftUp(double[] hs, int[] hi, int i) {
    while (i > 0) {
      int p = (i - 1) / 2;
      if (!worse(hs[i], hi[i], hs[p], hi[p])) break;
      swap(hs, hi, i, p);
      i = p;
    }
  }

  private static void siftDown(double[] hs, int[] hi, int size) {
    int i = 0;
    while (true) {
      int l = 2 * i + 1;
      int r = l + 1;
      int w = i;
      if (l < size && worse(hs[l], hi[l], hs[w], hi[w])) w = l;
      if (r < size && worse(hs[r], hi[r], hs[w], hi[w])) w = r;
      if (w == i) return;
      swap(hs, hi, i, w);
      i = w;
    }
  }

  private static void swap(double[] hs, int[] hi, int a, int b) {
    double t = hs[a];
    hs[a] = hs[b];
    hs[b] = t;
    int u = hi[a];
    hi[a] = hi[b];
    hi[b] = u;
  }
}
