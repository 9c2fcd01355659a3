package org.attention4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.attention4j.kernel.Parallel;
import org.attention4j.kernel.Sgemm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Throughput of {@link Sgemm#sgemm} on square float matrices, {@code C = A @ B} and the
 * transposed forms that layers use: NT is {@code x @ W^T} (Linear forward), TN is
 * {@code x^T @ dy} (weight gradient).
 *
 * <p>Scores are products per second; GFLOPS = score * 2 * n^3 / 1e9 (for n = 1024 one op/s is
 * 2.147 GFLOPS). Build and run:
 *
 * <pre>
 *   ./mvnw -q -Pbench -pl bench -am package -DskipTests
 *   java -jar bench/target/benchmarks.jar GemmBenchmark                 # all, default threads
 *   java -jar bench/target/benchmarks.jar GemmBenchmark.nn -p n=1024 -p threads=1,2
 * </pre>
 *
 * <p>Allocation churn: add {@code -prof gc} and read {@code gc.alloc.rate.norm} (bytes per
 * product). A steady-state product allocates only a few small task objects (well under 1 KiB);
 * the packing buffers are per thread and reused, so a value that grows with n is a regression.
 *
 * <p>The forks get {@code --add-modules jdk.incubator.vector}. {@code threads = 0} keeps the
 * pool's default ({@code attention4j.threads}, {@code ATTN_THREADS} or the core count).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xms2g", "-Xmx2g"})
public class GemmBenchmark {

  /** Square operands, C = A @ B for every n. */
  @State(Scope.Benchmark)
  public static class Square {
    @Param({"256", "512", "1024", "2048"})
    int n;

    @Param({"0"})
    int threads;

    float[] a;
    float[] b;
    float[] c;

    @Setup(Level.Trial)
    public void setUp() {
      if (threads > 0) Parallel.setThreads(threads);
      SplittableRandom rnd = new SplittableRandom(42);
      a = random(rnd, n * n);
      b = random(rnd, n * n);
      c = new float[n * n];
    }
  }

  /** Square operands at n = 1024 for the transposed forms. */
  @State(Scope.Benchmark)
  public static class Transposed {
    final int n = 1024;

    @Param({"0"})
    int threads;

    float[] a;
    float[] b;
    float[] c;

    @Setup(Level.Trial)
    public void setUp() {
      if (threads > 0) Parallel.setThreads(threads);
      SplittableRandom rnd = new SplittableRandom(43);
      a = random(rnd, n * n);
      b = random(rnd, n * n);
      c = new float[n * n];
    }
  }

  private static float[] random(SplittableRandom rnd, int len) {
    float[] x = new float[len];
    for (int i = 0; i < len; i++) x[i] = (float) rnd.nextDouble(-1, 1);
    return x;
  }

  /** C = A @ B. */
  @Benchmark
  public float[] nn(Square s) {
    int n = s.n;
    Sgemm.sgemm(false, false, n, n, n, 1f, s.a, 0, n, s.b, 0, n, 0f, s.c, 0, n);
    return s.c;
  }

  /** C = A @ B^T, as in a Linear layer's forward pass (x @ W^T). */
  @Benchmark
  public float[] nt1024(Transposed s) {
    int n = s.n;
    Sgemm.sgemm(false, true, n, n, n, 1f, s.a, 0, n, s.b, 0, n, 0f, s.c, 0, n);
    return s.c;
  }

  /** C = A^T @ B, as in a Linear layer's weight gradient (x^T @ dy). */
  @Benchmark
  public float[] tn1024(Transposed s) {
    int n = s.n;
    Sgemm.sgemm(true, false, n, n, n, 1f, s.a, 0, n, s.b, 0, n, 0f, s.c, 0, n);
    return s.c;
  }
}
