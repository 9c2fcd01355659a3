package org.attention4j.cli.bench;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.attention4j.attention.AttentionResult;
import org.attention4j.attention.Mask;
import org.attention4j.attention.MultiHeadAttention;
import org.attention4j.attention.ScaledDotProductAttention;
import org.attention4j.attention.Weights;
import org.attention4j.autograd.GradMode;
import org.attention4j.io.Json;
import org.attention4j.kernel.FlashAttention;
import org.attention4j.kernel.Parallel;
import org.attention4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attn bench attention}: times scaled dot-product attention ({@link
 * ScaledDotProductAttention#attend}, the fused kernel) on seeded random {@code (B, H, L, D)}
 * queries, keys and values, or with {@code --projections} a whole {@link MultiHeadAttention} of
 * width {@code H*D} on {@code (B, L, H*D)} inputs (self-attention). {@code --backward} adds the
 * backward pass of {@code sum(context * g)} for a fixed {@code g}; {@code --weights} also returns
 * every head's weights ({@link Weights#PER_HEAD}; they are not part of the loss). The rate is
 * {@code B*L} tokens per median run.
 *
 * <p>{@code peak_mb} (always reported) bounds the extra memory of one run from above: the bytes it
 * allocates on the heap, over all threads ({@code com.sun.management.ThreadMXBean}), plus the
 * per-thread tile workspaces the attention kernel keeps between calls. Inputs and parameters are
 * not counted. It is measured on one extra run after the timed ones. The harness's own
 * {@code --peak-mem} (the heap's peak, garbage and inputs included) is reported as
 * {@code heap_peak_mb} when asked for.
 */
@Command(name = "attention", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Times attention (fused kernel) on random inputs: forward, or forward and"
        + " backward; bare, or a whole multi-head layer with --projections.",
        "Rate: B*L tokens per median run. peak_mb: bytes allocated by one run plus kernel"
            + " workspaces (an upper bound of its extra memory)."})
final class BenchAttentionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin BenchOptions bench;

  private int batch = 4;
  private int heads = 8;
  private int dim = 64;
  private int seq = 1024;

  @Option(names = "--causal", order = 5, description = "Causal mask (query i sees keys 0..i).")
  boolean causal;

  @Option(names = "--backward", order = 6, description = "Include the backward pass.")
  boolean backward;

  @Option(names = "--weights", order = 7, description = "Also return every head's weights (B, H, L, L).")
  boolean weights;

  @Option(names = "--projections", order = 8,
      description = "A whole MultiHeadAttention of width H*D (q, k, v and output projections).")
  boolean projections;

  @Option(names = "--batch", order = 1, paramLabel = "B", description = "Batch size (default: 4).")
  void setBatch(int v) {
    batch = Require.atLeast(spec, "--batch", v, 1);
  }

  @Option(names = "--heads", order = 2, paramLabel = "H", description = "Heads (default: 8).")
  void setHeads(int v) {
    heads = Require.atLeast(spec, "--heads", v, 1);
  }

  @Option(names = "--dim", order = 3, paramLabel = "D", description = "Width of one head (default: 64).")
  void setDim(int v) {
    dim = Require.atLeast(spec, "--dim", v, 1);
  }

  @Option(names = "--seq", order = 4, paramLabel = "L", description = "Sequence length (default: 1024).")
  void setSeq(int v) {
    seq = Require.atLeast(spec, "--seq", v, 1);
  }

  @Override
  public Integer call() {
    Require.fitsArray(spec, "q", batch * heads, seq * dim);
    if (weights) Require.fitsArray(spec, "the weights", batch * heads * seq, seq);
    long floats = 8L * batch * heads * seq * dim + (weights ? (long) batch * heads * seq * seq : 0);
    Require.fitsHeap("bench attention: inputs, outputs and gradients", 4 * floats);

    Runnable body = projections ? layerBody() : bareBody();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("batch", batch);
    params.put("heads", heads);
    params.put("dim", dim);
    params.put("seq", seq);
    params.put("causal", causal);
    params.put("backward", backward);
    params.put("weights", weights);
    params.put("projections", projections);
    BenchSettings settings = bench.settings();
    Measurement m = bench.measure(body);
    long extra = extraBytes(body);
    var result = new BenchResult("attention", params, Parallel.threads(), settings, m,
        List.of(Rate.tokensPerSecond((double) batch * seq)));
    PrintWriter out = spec.commandLine().getOut();
    if (bench.json) {
      Map<String, Object> j = result.toJsonMap();
      Object heapPeak = j.remove("peak_mb");
      j.put("peak_mb", Math.round(extra / 1e5) / 10.0);
      if (heapPeak != null) j.put("heap_peak_mb", heapPeak);
      out.println(Json.write(j, false));
    } else {
      out.print(result.toTable());
      out.printf(Locale.ROOT, "  %-9s %.1f MB allocated by one run + kernel workspaces%n", "extra", extra / 1e6);
    }
    out.flush();
    return 0;
  }

  /** Bare attention on (B, H, L, D) leaves. */
  private Runnable bareBody() {
    int[] shape = {batch, heads, seq, dim};
    Tensor q = Tensor.wrap(RandomData.uniform(batch * heads * seq * dim, 1), shape).requiresGrad(backward);
    Tensor k = Tensor.wrap(RandomData.uniform(batch * heads * seq * dim, 2), shape).requiresGrad(backward);
    Tensor v = Tensor.wrap(RandomData.uniform(batch * heads * seq * dim, 3), shape).requiresGrad(backward);
    Tensor g = Tensor.wrap(RandomData.uniform(batch * heads * seq * dim, 4), shape);
    Mask mask = causal ? Mask.causal() : Mask.none();
    var options = ScaledDotProductAttention.Options.defaults().withWeights(weights ? Weights.PER_HEAD : Weights.NONE);
    return () -> {
      if (!backward) {
        try (var _ = GradMode.noGrad()) {
          ScaledDotProductAttention.attend(q, k, v, mask, options);
        }
        return;
      }
      AttentionResult r = ScaledDotProductAttention.attend(q, k, v, mask, options);
      r.context().backward(g);
      q.zeroGrad();
      k.zeroGrad();
      v.zeroGrad();
    };
  }

  /** A MultiHeadAttention of width H*D on (B, L, H*D) self-attention inputs. */
  private Runnable layerBody() {
    int e = heads * dim;
    var mha = new MultiHeadAttention(MultiHeadAttention.Config.of(e, heads), new SplittableRandom(5));
    Tensor x = Tensor.wrap(RandomData.uniform(batch * seq * e, 1), batch, seq, e).requiresGrad(backward);
    Tensor g = Tensor.wrap(RandomData.uniform(batch * seq * e, 4), batch, seq, e);
    Mask mask = causal ? Mask.causal() : Mask.none();
    Weights w = weights ? Weights.PER_HEAD : Weights.NONE;
    return () -> {
      if (!backward) {
        try (var _ = GradMode.noGrad()) {
          mha.forward(x, mask, w);
        }
        return;
      }
      mha.forward(x, mask, w).context().backward(g);
      mha.zeroGrad();
      x.zeroGrad();
    };
  }

  /** Bytes one run of {@code body} allocates on the heap (all threads), plus the kernel workspaces. */
  private static long extraBytes(Runnable body) {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = allocated(threads);
    body.run();
    long after = allocated(threads);
    return Math.max(0, after - before) + FlashAttention.workspaceBytes();
  }

  private static long allocated(com.sun.management.ThreadMXBean threads) {
    long sum = 0;
    for (long n : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) sum += Math.max(0, n);
    return sum;
  }
}
