package org.attention4j.kernel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The one worker pool that every parallel kernel shares, sized to the cores.
 *
 * <p>The thread count is read, in order, from {@link #setThreads(int)}, the system property
 * {@code attention4j.threads}, the environment variable {@code ATTN_THREADS}, and finally
 * {@link Runtime#availableProcessors()}. Kernels split work only over independent output
 * elements, never over a reduction, so a result does not depend on how work was split:
 * the same inputs give the same bits for any thread count.
 *
 * <p>Hand-off. A training step runs hundreds of parallel ops of a fraction of a millisecond
 * each, with short serial stretches between them, so waking a parked thread for each op (tens
 * to hundreds of microseconds on a virtual machine) would cost as much as the work. The pool's
 * {@code t - 1} workers therefore spin for {@link #SPIN_MICROS} microseconds after a job before
 * they park, and the chunks of a job are claimed from one counter by the caller and the workers
 * alike: a worker that wakes late finds fewer chunks left, and the caller never waits for work
 * that nobody has started. One job runs at a time; a second caller (another thread, or a
 * kernel called from inside a chunk) runs its range inline.
 */
public final class Parallel {
  /** System property that sets the worker count. */
  public static final String THREADS_PROPERTY = "attention4j.threads";
  /** Environment variable that sets the worker count. */
  public static final String THREADS_ENV = "ATTN_THREADS";

  /**
   * How long an idle worker spins for the next job before it parks, in microseconds: the system
   * property {@code attention4j.spinMicros}, default 200.
   */
  static final long SPIN_MICROS = Math.max(0, Long.getLong("attention4j.spinMicros", 200));

  private static volatile Pool pool;
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
      Pool old = pool;
      pool = null;
      threads = n;
      if (old != null) old.shutdown();
    }
  }

  private static Pool pool() {
    Pool p = pool;
    if (p == null) {
      synchronized (Parallel.class) {
        p = pool;
        if (p == null) {
          p = new Pool(Math.max(1, threads - 1));
          pool = p;
        }
      }
    }
    return p;
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
    if (t == 1 || n <= g || Thread.currentThread() instanceof Worker) {
      body.run(0, n);
      return;
    }
    int chunks = Math.min(t * 4, (n + g - 1) / g);
    if (chunks <= 1 || !pool().run(body, n, chunks)) body.run(0, n);
  }

  /** Runs {@code tasks} independent tasks {@code body(i)} in parallel, one index per task. */
  public static void forEach(int tasks, java.util.function.IntConsumer body) {
    forRange(tasks, 1, (from, to) -> {
      for (int i = from; i < to; i++) body.accept(i);
    });
  }

  /** One parallel range: chunks claimed in order from {@link #next}, counted off in {@link #left}. */
  private static final class Job {
    final RangeBody body;
    final int n;
    final int chunks;
    final AtomicInteger next = new AtomicInteger();
    final AtomicInteger left;
    volatile Throwable error;

    Job(RangeBody body, int n, int chunks) {
      this.body = body;
      this.n = n;
      this.chunks = chunks;
      this.left = new AtomicInteger(chunks);
    }

    /** Runs chunks until none is left to claim. */
    void work() {
      int c;
      while ((c = next.getAndIncrement()) < chunks) {
        try {
          if (error == null) {
            int from = (int) ((long) n * c / chunks);
            int to = (int) ((long) n * (c + 1) / chunks);
            if (from < to) body.run(from, to);
          }
        } catch (Throwable e) {
          if (error == null) error = e;
        } finally {
          left.decrementAndGet();
        }
      }
    }
  }

  /** A worker of the pool; kernels called from inside one run inline. */
  private static final class Worker extends Thread {
    final Pool pool;
    volatile boolean parked;

    Worker(Pool pool, int index) {
      super("attn-worker-" + index);
      this.pool = pool;
      setDaemon(true);
    }

    @Override
    public void run() {
      long seen = 0;
      while (!pool.stopped) {
        seen = pool.await(this, seen);
        Job job = pool.job; // the job of sequence 'seen' or a later one; null if it has finished
        if (job != null) job.work(); // a finished job has no chunks left to claim: a no-op
      }
    }
  }

  /** {@code t - 1} spinning-then-parking workers and the one job they share. */
  private static final class Pool {
    private final Worker[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile Job job;
    private volatile long sequence;
    private volatile boolean stopped;

    Pool(int size) {
      workers = new Worker[size];
      for (int i = 0; i < size; i++) {
        workers[i] = new Worker(this, i);
        workers[i].start();
      }
    }

    /**
     * Runs {@code body} over {@code chunks} chunks of {@code [0, n)} with the workers, the caller
     * taking chunks too; false (nothing run) if another job holds the pool.
     */
    boolean run(RangeBody body, int n, int chunks) {
      if (!busy.compareAndSet(false, true)) return false;
      Job j = new Job(body, n, chunks);
      try {
        job = j;
        sequence++; // single writer: only the holder of busy publishes
        for (Worker w : workers) {
          if (w.parked) LockSupport.unpark(w);
        }
        j.work();
        while (j.left.get() > 0) Thread.onSpinWait(); // chunks in flight on a worker: short
      } finally {
        job = null;
        busy.set(false);
      }
      Throwable e = j.error;
      if (e instanceof RuntimeException r) throw r;
      if (e instanceof Error err) throw err;
      if (e != null) throw new IllegalStateException(e);
      return true;
    }

    /**
     * Waits until {@link #sequence} moves past {@code seen} (or the pool stops) and returns the
     * new sequence: spins for {@link #SPIN_MICROS}, then parks.
     */
    long await(Worker w, long seen) {
      long deadline = System.nanoTime() + SPIN_MICROS * 1000;
      int polls = 0;
      long s;
      while ((s = sequence) == seen && !stopped) {
        if ((++polls & 63) == 0 && System.nanoTime() > deadline) {
          w.parked = true;
          if (sequence == seen && !stopped) LockSupport.park(this);
          w.parked = false;
          deadline = System.nanoTime() + SPIN_MICROS * 1000;
        } else {
          Thread.onSpinWait();
        }
      }
      return s;
    }

    void shutdown() {
      stopped = true;
      for (Worker w : workers) LockSupport.unpark(w);
    }
  }
}
