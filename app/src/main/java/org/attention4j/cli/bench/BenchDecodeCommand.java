package org.attention4j.cli.bench;

import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.attention4j.decode.GreedyDecoder;
import org.attention4j.decode.Hypothesis;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.transformer.Transformer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attn bench decode}: greedy decoding ({@link GreedyDecoder}, with the Transformer's
 * key-value caches) of a random source batch by a freshly initialised Transformer, in evaluation
 * mode. Every row generates exactly {@code --new-tokens} tokens: the end-of-sentence id is set to
 * one the model never picks on this input (found by decoding once before timing), so the run
 * length does not depend on the random weights. The rate is generated tokens per second.
 */
@Command(name = "decode", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Times greedy decoding with the KV cache by a random Transformer.",
        "Rate: generated tokens / median time."})
final class BenchDecodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin TransformerShape shape;
  @Mixin BenchOptions bench;

  private int batch = 1;
  private int newTokens = 64;

  @Option(names = "--batch", order = 1, paramLabel = "B", description = "Source rows (default: 1).")
  void setBatch(int v) {
    batch = Require.atLeast(spec, "--batch", v, 1);
  }

  @Option(names = "--new-tokens", order = 2, paramLabel = "N",
      description = "Tokens generated per row (default: 64).")
  void setNewTokens(int v) {
    newTokens = Require.atLeast(spec, "--new-tokens", v, 1);
  }

  @Override
  public Integer call() {
    Transformer model = shape.model(newTokens + 1, 1);
    model.eval();
    SourceBatch source = shape.source(batch, new SplittableRandom(2));
    GreedyDecoder decoder = new GreedyDecoder(neverPickedEos(model, source));

    Map<String, Object> params = new java.util.LinkedHashMap<>();
    params.put("batch", batch);
    params.put("new_tokens", newTokens);
    params.putAll(shape.params());
    bench.run("decode", params, List.of(Rate.tokensPerSecond((double) batch * newTokens)),
        () -> decoder.decode(model, source));
    return 0;
  }

  /**
   * Options whose EOS id the model never emits within {@code newTokens} steps on {@code source}
   * (decoding is deterministic in evaluation mode): decode, and while a row stops early, move the
   * EOS to an id no row has produced so far.
   */
  private GreedyDecoder.Options neverPickedEos(Transformer model, SourceBatch source) {
    BitSet seen = new BitSet();
    int eos = 2;
    for (int attempt = 0; attempt < 100; attempt++) {
      var options = new GreedyDecoder.Options(TransformerShape.BOS, eos, 0.0, newTokens);
      List<Hypothesis> hyps = new GreedyDecoder(options).decode(model, source);
      boolean full = true;
      for (Hypothesis h : hyps) {
        for (int t : h.tokens()) seen.set(t);
        full &= h.tokens().length == newTokens;
      }
      if (full) return options;
      seen.set(eos);
      eos = seen.nextClearBit(TransformerShape.BOS + 1);
      if (eos >= model.targetVocab()) break;
    }
    throw new IllegalStateException("bench decode: found no end-of-sentence id that the model never picks");
  }
}
