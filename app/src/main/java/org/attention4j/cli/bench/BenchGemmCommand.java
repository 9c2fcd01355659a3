package org.attention4j.cli.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attention4j.kernel.Sgemm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attn bench gemm}: times {@link Sgemm#sgemm} ({@code C = op(A) @ op(B)}, row-major) on
 * seeded random matrices; the rate is {@code 2*m*n*k} floating-point operations per median run.
 */
@Command(name = "gemm", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Times C = op(A) @ op(B) (row-major float32 SGEMM) on random matrices.",
        "Rate: 2*m*n*k / median time, in GFLOPS."})
final class BenchGemmCommand implements Callable<Integer> {
  private static final int DEFAULT_SIZE = 1024;

  @Spec CommandSpec spec;
  @Mixin BenchOptions bench;

  private int size = DEFAULT_SIZE;
  private Integer m;
  private Integer n;
  private Integer k;

  @Option(names = "--trans-a", order = 5, description = "Use A transposed (A stored k x m).")
  boolean transA;

  @Option(names = "--trans-b", order = 6, description = "Use B transposed (B stored n x k).")
  boolean transB;

  @Option(names = "--size", order = 1, paramLabel = "N",
      description = "m = n = k = N unless --m/--n/--k say otherwise (default: "
          + DEFAULT_SIZE + ").")
  void setSize(int v) {
    size = Require.atLeast(spec, "--size", v, 1);
  }

  @Option(names = "--m", order = 2, paramLabel = "M", description = "Rows of op(A) and C.")
  void setM(int v) {
    m = Require.atLeast(spec, "--m", v, 1);
  }

  @Option(names = "--n", order = 3, paramLabel = "N", description = "Columns of op(B) and C.")
  void setN(int v) {
    n = Require.atLeast(spec, "--n", v, 1);
  }

  @Option(names = "--k", order = 4, paramLabel = "K", description = "Inner dimension.")
  void setK(int v) {
    k = Require.atLeast(spec, "--k", v, 1);
  }

  @Override
  public Integer call() {
    int rows = m != null ? m : size, cols = n != null ? n : size, depth = k != null ? k : size;
    Require.fitsArray(spec, "A", rows, depth);
    Require.fitsArray(spec, "B", depth, cols);
    Require.fitsArray(spec, "C", rows, cols);
    long floats = (long) rows * depth + (long) depth * cols + (long) rows * cols;
    Require.fitsHeap("bench gemm: the matrices", 4 * floats);

    float[] a = RandomData.uniform(rows * depth, 1); // op(A): (m, k); stored (k, m) if transA
    float[] b = RandomData.uniform(depth * cols, 2); // op(B): (k, n); stored (n, k) if transB
    float[] c = new float[rows * cols]; //              C: (m, n)
    int lda = transA ? rows : depth, ldb = transB ? depth : cols;
    boolean ta = transA, tb = transB;

    Map<String, Object> params = new LinkedHashMap<>();
    params.put("size", size);
    params.put("m", rows);
    params.put("n", cols);
    params.put("k", depth);
    params.put("trans_a", ta);
    params.put("trans_b", tb);
    bench.run("gemm", params, List.of(Rate.gflops(2.0 * rows * cols * depth)),
        () -> Sgemm.sgemm(ta, tb, rows, cols, depth, 1f, a, 0, lda, b, 0, ldb, 0f, c, 0, cols));
    return 0;
  }
}
