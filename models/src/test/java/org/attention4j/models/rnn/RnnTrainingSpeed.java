package org.attention4j.models.rnn;

import java.util.Locale;
import java.util.SplittableRandom;
import org.attention4j.autograd.GradMode;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;

/**
 * Training throughput of a teacher-forced forward + backward (no optimiser step), per family:
 * {@code B = 32}, {@code S = T = 30}, hidden 256, embeddings 256, vocabulary 8000, the kind's
 * other defaults. Not a test (speed is never asserted by unit tests); run by hand:
 *
 * <pre>
 * java --add-modules jdk.incubator.vector -Dattention4j.threads=2 \
 *   -cp core/target/classes:models/target/classes:models/target/test-classes \
 *   org.attention4j.models.rnn.RnnTrainingSpeed [kind[/nofeed] ...]
 * </pre>
 */
public final class RnnTrainingSpeed {
  private RnnTrainingSpeed() {}

  /** CPU time of the whole process (all threads): a steadier measure than wall time on a shared machine. */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  public static void main(String[] args) {
    int batch = 32;
    int length = 30;
    int vocab = 8000;
    int warmup = 3;
    int iterations = 6;
    String[] kinds = args.length > 0 ? args : RnnSeq2Seq.modelTypes().toArray(String[]::new);
    SplittableRandom rng = new SplittableRandom(1);
    int[] ids = new int[batch * length];
    for (int i = 0; i < ids.length; i++) ids[i] = 3 + rng.nextInt(vocab - 3);
    int[] lengths = new int[batch];
    java.util.Arrays.fill(lengths, length);
    SourceBatch source = new SourceBatch(IntTensor.of(ids, batch, length), lengths);
    TargetBatch target = new TargetBatch(IntTensor.of(ids, batch, length), IntTensor.of(ids, batch, length), lengths);
    for (String kind : kinds) {
      boolean noFeed = kind.endsWith("/nofeed");
      RnnSeq2SeqConfig config = RnnSeq2SeqConfig.defaults(RnnKind.of(noFeed ? kind.substring(0, kind.length() - 7) : kind), vocab, vocab)
          .withMaxSourceLength(length).withInputFeeding(!noFeed);
      RnnEncoderDecoder model = RnnSeq2Seq.create(config, new SplittableRandom(2));
      double best = Double.MAX_VALUE;
      double total = 0;
      double forwardTotal = 0;
      double cpuTotal = 0;
      double startTotal = 0;
      for (int i = 0; i < warmup + iterations; i++) {
        model.zeroGrad();
        long c0 = cpuNanos();
        long t0 = System.nanoTime();
        Tensor logits = model.forward(source, target, false).logits();
        Tensor loss = logits.reshape(-1, vocab).crossEntropy(target.output().reshape(-1), 0, 0f, Tensor.Reduction.MEAN);
        long t1 = System.nanoTime();
        loss.backward();
        long t2 = System.nanoTime();
        long c2 = cpuNanos();
        try (var _ = GradMode.noGrad()) {
          model.start(source); // the encoder alone (and the key projection)
        }
        long t3 = System.nanoTime();
        double s = (t2 - t0) / 1e9;
        if (i >= warmup) {
          best = Math.min(best, s);
          total += s;
          forwardTotal += (t1 - t0) / 1e9;
          startTotal += (t3 - t2) / 1e9;
          cpuTotal += (c2 - c0) / 1e9;
        }
      }
      double mean = total / iterations;
      System.out.printf(Locale.ROOT, "%-22s %-5s layers %d/%d%s  mean %.3f s (forward %.3f, of which encoder ~%.3f no-grad)  best %.3f s  cpu %.3f s  %6.0f tokens/s (mean)%n",
          kind, config.cell(), config.encoderLayers(), config.decoderLayers(), config.bidirectional() ? " bi" : "   ",
          mean, forwardTotal / iterations, startTotal / iterations, best, cpuTotal / iterations, batch * length / mean);
    }
  }
}
