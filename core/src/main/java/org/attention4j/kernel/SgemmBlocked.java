package org.attention4j.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The cache-blocked, packed driver behind the vector path of {@link Sgemm}.
 *
 * <p>Implementation note: this is the GotoBLAS / BLIS loop nest (K. Goto and R. A. van de Geijn,
 * "Anatomy of high-performance matrix multiplication", ACM TOMS 34(3), 2008; F. G. Van Zee and
 * R. A. van de Geijn, "BLIS", ACM TOMS 41(3), 2015):
 *
 * <pre>
 *   for jc in 0..n step NC                      B block columns        (N block, ~L3)
 *     for pc in 0..k step KC                    depth block
 *       Bp = op(B)[pc.., jc..]                  kc x nc in NR-column panels, shared by all threads
 *       parallel over row ranges of C (and column ranges when C has few rows):
 *         for ic in range step MC               A block rows           (M block, ~L2)
 *           Ap = pack op(A)[ic.., pc..]         mc x kc in MR-row panels, per thread
 *           for jr in columns step NR           B micro-panel (kc x NR, L2)
 *             for ir in 0..mc step MR           A micro-panel (MR x kc, L1)
 *               C[ir.., jr..] (+)= Ap_ir * Bp_jr      the MR x NR register tile
 * </pre>
 *
 * <p>The register tile is 6 x 64 on AVX-512 (see {@link SgemmMicroKernel}) and 6 x 16 on AVX2
 * ({@link SgemmNarrowKernel}). Measured on a
 * 2-core AVX-512 Xeon (2 MiB L2 per core): a long depth block pays, because every depth block
 * is one more pass over C; KC = 1024 (a 256 KiB B micro-panel) beat 768 and 384 by 5-10%, and
 * longer blocks were no better. Row blocks of ~128-144 rows (an A block of ~576 KiB) beat 48-96
 * by ~5% at two threads. The depth is split into equal blocks (k = 2048 -> 2 x 1024), the rows
 * into about {@value #TASKS_PER_THREAD} tasks per thread.
 *
 * <p>When C has at most MR rows and B is not transposed, each B element would be packed to be
 * used once, so {@link #directB} reads B's rows in place instead.
 *
 * <p>Determinism: threads split only the rows and columns of C, never the depth, and the depth
 * blocks and panel boundaries do not depend on the thread count. Every element of C therefore
 * sees the same chain of fused multiply-adds and the same merges whatever the number of threads.
 *
 * <p>Memory: packing buffers live in {@link ThreadLocal}s, grow on demand and are reused, so a
 * call allocates only a few small task objects. The price is retention: a thread that has run
 * a large product keeps its packed-B buffer (up to KC x NC floats, 8 MiB), a pool worker its A
 * buffer (up to MC x KC floats, 576 KiB).
 */
final class SgemmBlocked {
  /**
   * Whether the register tile is {@link SgemmNarrowKernel}'s 6 x 2 vectors (16 vector registers:
   * {@link Vectors#FEW_REGISTERS}) rather than {@link SgemmMicroKernel}'s 6 x 4.
   */
  static final boolean NARROW = Vectors.FEW_REGISTERS;
  /** Rows of the register tile (the same for both tiles, and so the same A panels). */
  static final int MR = SgemmMicroKernel.MR;
  /** Columns of the register tile. */
  static final int NR = NARROW ? SgemmNarrowKernel.NR : SgemmMicroKernel.NR;
  /** Depth block. */
  static final int KC = 1024;
  /** Rows of C per packed A block (a multiple of MR). */
  static final int MC = 144;
  /** Columns of C per packed B block (a multiple of NR). */
  static final int NC = roundUp(2048, NR);
  /**
   * Products below this many flops (2mnk) run on the calling thread alone: waking the pool
   * costs ~50-100 us on the 2-core VM we measured, the time of a 200^3 product.
   */
  static final long PARALLEL_FLOPS = 16L << 20;
  /** Row tasks per thread in a parallel step; more tasks let the pool even out late starts. */
  static final int TASKS_PER_THREAD = 4;

  private SgemmBlocked() {}

  /** {@code C (+)= Ap Bp} on one register tile, by the tile of this CPU. */
  private static void compute(int kc, float[] ap, int ai, float[] bp, int bi, float[] c, int ci,
      int ldc, int rows, int cols, float alpha, float beta, float[] scratch) {
    if (NARROW) {
      SgemmNarrowKernel.compute(kc, ap, ai, bp, bi, c, ci, ldc, rows, cols, alpha, beta, scratch);
    } else {
      SgemmMicroKernel.compute(kc, ap, ai, bp, bi, c, ci, ldc, rows, cols, alpha, beta, scratch);
    }
  }

  /** Per-thread packing buffers, grown on demand and kept for the thread's life. */
  private static final class Buffers {
    float[] a = new float[0];
    float[] b = new float[0];
    int[] state = new int[0];
    float[] edgePanel = new float[0];
    final float[] tile = new float[MR * NR];

    float[] a(int size) {
      if (a.length < size) a = new float[size];
      return a;
    }

    float[] b(int size) {
      if (b.length < size) b = new float[size];
      return b;
    }

    float[] edgePanel(int size) {
      if (edgePanel.length < size) edgePanel = new float[size];
      return edgePanel;
    }

    /** Panel states for one step, all {@code UNPACKED}. */
    int[] state(int panels) {
      if (state.length < panels) state = new int[panels];
      java.util.Arrays.fill(state, 0, panels, UNPACKED);
      return state;
    }
  }

  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  /**
   * C = alpha * op(A) op(B) + beta * C for {@code m, n, k >= 1}; arguments already checked.
   * {@code parallel == false} keeps all work on the calling thread.
   */
  static void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
      float[] c, int cOff, int ldc, boolean parallel) {
    int threads = Parallel.threads();
    boolean par = parallel && threads > 1 && 2.0 * m * n * k >= PARALLEL_FLOPS;
    if (m <= MR && !transB) {
      directB(transA, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc, par);
      return;
    }
    int kBlocks = ceilDiv(k, KC);
    int nBlocks = ceilDiv(n, NC);
    int ncMax = roundUp(ceilDiv(n, nBlocks), NR);
    Buffers own = BUFFERS.get();
    for (int jc = 0; jc < n; jc += ncMax) {
      int nc = Math.min(ncMax, n - jc);
      int panels = ceilDiv(nc, NR);
      for (int kb = 0; kb < kBlocks; kb++) {
        int pc = (int) ((long) k * kb / kBlocks);
        int kc = (int) ((long) k * (kb + 1) / kBlocks) - pc;
        float[] bp = own.b(panels * NR * kc);
        int[] state = own.state(panels);
        Step step = new Step(transA, transB, m, nc, kc, pc, jc, alpha, kb == 0 ? beta : 1f,
            a, aOff, lda, b, bOff, ldb, bp, state, c, cOff, ldc);
        if (par) {
          step.runParallel(threads);
        } else {
          step.run(0, ceilDiv(m, MR), 0, panels, 0, own);
        }
      }
    }
  }

  /**
   * C with a single row panel ({@code m <= MR}) and B stored k x n: each B element is used by
   * one tile only, so packing B would only copy it. The kernel reads B's rows in place; only a
   * last, partial column panel is packed (zero-padded). Depth blocks as in {@link #gemm}.
   */
  private static void directB(boolean transA, int m, int n, int k, float alpha,
      float[] a, int aOff, int lda, float[] b, int bOff, int ldb, float beta,
      float[] c, int cOff, int ldc, boolean par) {
    int panels = ceilDiv(n, NR);
    int kBlocks = ceilDiv(k, KC);
    Parallel.RangeBody body = (q0, q1) -> {
      Buffers buf = BUFFERS.get();
      for (int kb = 0; kb < kBlocks; kb++) {
        int pc = (int) ((long) k * kb / kBlocks);
        int kc = (int) ((long) k * (kb + 1) / kBlocks) - pc;
        float betaBlock = kb == 0 ? beta : 1f;
        float[] ap = buf.a(MR * kc);
        SgemmPacking.packA(transA, a, aOff, lda, 0, m, pc, kc, ap);
        for (int q = q0; q < q1; q++) {
          int j = q * NR, cols = Math.min(NR, n - j);
          int bi = bOff + pc * ldb + j, ci = cOff + j;
          if (cols == NR) {
            if (NARROW) {
              SgemmNarrowKernel.computeStrided(kc, ap, 0, b, bi, ldb, c, ci, ldc, m, cols,
                  alpha, betaBlock, buf.tile);
            } else {
              SgemmMicroKernel.computeStrided(kc, ap, 0, b, bi, ldb, c, ci, ldc, m, cols,
                  alpha, betaBlock, buf.tile);
            }
          } else {
            float[] bp = buf.edgePanel(NR * kc);
            SgemmPacking.packB(NR, false, b, bOff, ldb, pc, kc, j, cols, 0, 1, bp);
            compute(kc, ap, 0, bp, 0, c, ci, ldc, m, cols, alpha, betaBlock, buf.tile);
          }
        }
      }
    };
    if (par) {
      Parallel.forRange(panels, 1, body);
    } else {
      body.run(0, panels);
    }
  }

  /** Packing states of the B panels of one step, flipped with acquire/release. */
  private static final VarHandle STATE = MethodHandles.arrayElementVarHandle(int[].class);
  private static final int UNPACKED = 0, PACKING = 1, PACKED = 2;

  /**
   * One (jc, pc) step: multiplies rows of op(A) by the block of op(B) into C. The B panels are
   * packed on first use by whichever task needs them first; a task that meets a panel another
   * task is packing packs unclaimed panels until it is ready, so a step needs no separate
   * packing phase and no barrier.
   */
  private record Step(boolean transA, boolean transB, int m, int nc, int kc, int pc, int jc,
      float alpha, float beta, float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
      float[] bp, int[] state, float[] c, int cOff, int ldc) {

    /**
     * Splits the MR-row panels of C into about {@code TASKS_PER_THREAD * threads} contiguous
     * ranges (the pool balances them); when C has few rows, splits the NR-column panels too.
     */
    void runParallel(int threads) {
      int rowPanels = ceilDiv(m, MR);
      int colPanels = ceilDiv(nc, NR);
      int target = TASKS_PER_THREAD * threads;
      int tm = Math.min(rowPanels, target);
      int tn = Math.min(colPanels, ceilDiv(target, tm));
      Parallel.forRange(tm * tn, 1, (from, to) -> {
        Buffers buf = BUFFERS.get();
        for (int t = from; t < to; t++) {
          int x = t / tn, y = t % tn;
          int q0 = colPanels * y / tn, q1 = colPanels * (y + 1) / tn;
          run(rowPanels * x / tm, rowPanels * (x + 1) / tm, q0, q1,
              (q1 - q0) * x / tm, buf);
        }
      });
    }

    /**
     * Row panels {@code [r0, r1)} times column panels {@code [q0, q1)}, visiting the columns
     * from {@code q0 + shift} round to {@code q0 + shift - 1} so that tasks starting together
     * pack different B panels.
     */
    void run(int r0, int r1, int q0, int q1, int shift, Buffers buf) {
      int blocks = ceilDiv(r1 - r0, MC / MR);
      float[] ap = buf.a(MC * kc);
      float[] tile = buf.tile;
      int width = q1 - q0;
      for (int blk = 0; blk < blocks; blk++) {
        int i0 = (r0 + (r1 - r0) * blk / blocks) * MR;
        int i1 = Math.min((r0 + (r1 - r0) * (blk + 1) / blocks) * MR, m);
        SgemmPacking.packA(transA, a, aOff, lda, i0, i1, pc, kc, ap);
        for (int s = 0; s < width; s++) {
          int q = q0 + (s + shift) % width;
          ensurePacked(q);
          int bi = q * NR * kc;
          int j = jc + q * NR;
          int cols = Math.min(NR, jc + nc - j);
          for (int i = i0, ai = 0; i < i1; i += MR, ai += MR * kc) {
            compute(kc, ap, ai, bp, bi, c, cOff + i * ldc + j, ldc, Math.min(MR, m - i), cols, alpha, beta, tile);
          }
        }
      }
    }

    /**
     * Returns once panel {@code q} is packed. A task that finds another task packing it packs
     * panels nobody has claimed yet while it waits, rather than spinning.
     */
    private void ensurePacked(int q) {
      if ((int) STATE.getAcquire(state, q) == PACKED) return;
      if (tryPack(q)) return;
      int panels = ceilDiv(nc, NR);
      for (int o = 1; o < panels && (int) STATE.getAcquire(state, q) != PACKED; o++) tryPack((q + o) % panels);
      while ((int) STATE.getAcquire(state, q) != PACKED) Thread.onSpinWait();
    }

    /** Packs panel {@code q} if nobody has claimed it; whether this call packed it. */
    private boolean tryPack(int q) {
      if ((int) STATE.getAcquire(state, q) != UNPACKED || !STATE.compareAndSet(state, q, UNPACKED, PACKING)) {
        return false;
      }
      try {
        SgemmPacking.packB(NR, transB, b, bOff, ldb, pc, kc, jc, nc, q, q + 1, bp);
      } finally {
        STATE.setRelease(state, q, PACKED);
      }
      return true;
    }
  }

  static int ceilDiv(int x, int y) {
    return (x + y - 1) / y;
  }

  static int roundUp(int x, int y) {
    return ceilDiv(x, y) * y;
  }
}
