/**
 * {@code attn bench}: timed workloads on a shared harness.
 *
 * <p>{@link org.attention4j.cli.bench.BenchHarness} warms a workload up (for a time and/or a
 * count of runs), times N repeats and records GC activity and, when asked, peak heap use; {@link
 * org.attention4j.cli.bench.BenchResult} prints the result as a table or as one JSON line whose
 * field names {@code bench/reference/bench_torch.py} shares, so that {@code bench/compare.sh} can
 * put attention4j and PyTorch side by side. A workload command is a picocli command with the
 * {@link org.attention4j.cli.bench.BenchOptions} mixin: it checks its own sizes, builds its
 * inputs and hands a body, its parameters and its {@link org.attention4j.cli.bench.Rate}s to
 * {@link org.attention4j.cli.bench.BenchOptions#run}. Register it in {@link
 * org.attention4j.cli.bench.BenchCommand}.
 */
package org.attention4j.cli.bench;
