package org.attention4j.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * The one worker pool that every parallel kernel shares, sized to the cores.
 *
 * <p>The thread count is read, in order, from {@link #setThreads(int)}, the system property
 * {@code attention4j.threads}, the environment variable {@code ATTN_THREADS}, and finally
 * {@link Runtime#availableProcessors()}. Kernels split work only over independent output
 * elements, never over a reduction, so a result does not depend on how work was split:
 * the same inputs give the same bits for any thread count.
 */
public final class Parallel {
  /** System property that sets the worker count. */
  public static final String THREADS_PROPERTY = "attention4j.threads";
  /** Environment variable that sets the worker count. */
  public static final String THREADS_ENV = "ATTN_THREADS";

  private static volatile ForkJoinPool pool;
  private static volatile int threads = initialThreads();

  private Parallel() {}

  private static int initialThreads() {
    String prop = System.getProperty(THREADS_PROPERTY);
    if (prop != null) return parseThreads(prop, "system property " + THREADS_PROPERTY);
    String env = System.getenv(THREADS_ENV);
    if (env != null && !env.isBlank()) return parseThreads(env, "environment variable " + THREADS_ENV);
    return Runtime.getRuntime().availableProcessors();
  }

  private static int parseThreads(String text, String source) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= 1) return n;
    } catch (NumberFormatException ignored) {
      // fall through to the error below
    }
    throw new IllegalArgumentException(
        source + " must be a positive integer thread count, got '" + text + "'");
  }

  /** The number of workers parallel kernels use. */
  public static int threads() {
    return threads;
  }

  /**
   * Sets the number of workers for all later kernels.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static synchronized void setThreads(int n) {
    if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
    if (n != threads) {
      ForkJoinPool old = pool;
      pool = null;
      threads = n;
      if (old != null) old.shutdown();
    }
  }

  private static ForkJoinPool pool() {
    ForkJoinPool p = pool;
    if (p == null) {
      synchronized (Parallel.class) {
        p = pool;
        if (p == null) {
          p = new ForkJoinPool(Math.max(1, threads - 1), Parallel::newWorker, null, false);
          pool = p;
        }
      }
    }
    return p;
  }

  private static java.util.concurrent.ForkJoinWorkerThread newWorker(ForkJoinPool p) {
    var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
    t.setName("attn-worker-" + t.getPoolIndex());
    t.setDaemon(true);
    return t;
  }

  /** A body that handles the half-open index range {@code [from, to)}. */
  @FunctionalInterface
  public interface RangeBody {
    void run(int from, int to);
  }

  /**
   * Runs {@code body} over {@code [0, n)} split into contiguous chunks, in parallel when the
   * work is worth it. {@code grain} is the smallest chunk worth a task; with one thread, a
   * small range, or when already inside a worker, it runs inline.
   */
  public static void forRange(int n, int grain, RangeBody body) {
    if (n <= 0) return;
    int t = threads;
    int g = Math.max(1, grain);
    if (t == 1 || n <= g || ForkJoinTask.inForkJoinPool()) {
      body.run(0, n);
      return;
    }
    int chunks = Math.min(t * 4, (n + g - 1) / g);
    if (chunks <= 1) {
      body.run(0, n);
      return;
    }
    // The caller is one of the t workers: it runs its share of the chunks itself while the
    // pool's t - 1 threads take the rest, so it works instead of parking, and only t - 1
    // threads need waking.
    int mine = Math.max(1, chunks / t);
    ForkJoinTask<Void> rest = pool().submit(new Chunks(body, n, chunks, mine, chunks));
    try {
      body.run(0, (int) ((long) n * mine / chunks));
    } finally {
      rest.join();
    }
  }

  /** Runs {@code tasks} independent tasks {@code body(i)} in parallel, one index per task. */
  public static void forEach(int tasks, java.util.function.IntConsumer body) {
    forRange(tasks, 1, (from, to) -> {
      for (int i = from; i < to; i++) body.accept(i);
    });
  }

  @SuppressWarnings("serial") // never serialised
  private static final class Chunks extends RecursiveAction {
    private final transient RangeBody body;
    private final int n, chunks, lo, hi;

    Chunks(RangeBody body, int n, int chunks, int lo, int hi) {
      this.body = body;
      this.n = n;
      this.chunks = chunks;
      this.lo = lo;
      this.hi = hi;
    }

    @Override
    protected void compute() {
      if (hi - lo == 1) {
        int from = (int) ((long) n * lo / chunks);
        int to = (int) ((long) n * hi / chunks);
        if (from < to) body.run(from, to);
        return;
      }
      int mid = (lo + hi) >>> 1;
      invokeAll(new Chunks(body, n, chunks, lo, mid), new Chunks(body, n, chunks, mid, hi));
    }
  }
}
