package org.attention4j.cli.translate;

import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The decoding options that {@code attn translate} and {@code attn eval translate} share. */
final class DecodeOptions {
  @Option(names = "--beam", paramLabel = "K", order = 20, defaultValue = "5",
      description = "Beam size; 1 decodes greedily (default: ${DEFAULT-VALUE}).")
  int beam;

  @Option(names = "--alpha", paramLabel = "A", order = 22, defaultValue = "0.6",
      description = "GNMT length penalty exponent, >= 0; 0 = none (default: ${DEFAULT-VALUE}).")
  double alpha;

  @Option(names = "--beta", paramLabel = "B", order = 23, defaultValue = "0.0",
      description = "GNMT coverage penalty weight, >= 0; 0 = none (default: ${DEFAULT-VALUE}).")
  double beta;

  @Option(names = "--max-len-ratio", paramLabel = "R", order = 24, defaultValue = "2.0",
      description = "At most R * source tokens + 10 output tokens (default: ${DEFAULT-VALUE}).")
  double maxLenRatio;

  @Option(names = "--batch", paramLabel = "N", order = 25, defaultValue = "32",
      description = "Sentences decoded together (default: ${DEFAULT-VALUE}).")
  int batch;

  /**
   * The checked settings.
   *
   * @throws ParameterException naming the option that is out of range
   */
  Decoding.Settings settings(CommandLine cl, int nBest) {
    if (beam < 1) throw new ParameterException(cl, "--beam must be >= 1, got " + beam);
    if (nBest < 1 || nBest > beam) {
      throw new ParameterException(cl, "--nbest must be in 1..--beam (" + beam + "), got " + nBest);
    }
    if (!(alpha >= 0) || Double.isInfinite(alpha)) throw new ParameterException(cl, "--alpha must be >= 0, got " + alpha);
    if (!(beta >= 0) || Double.isInfinite(beta)) throw new ParameterException(cl, "--beta must be >= 0, got " + beta);
    if (!(maxLenRatio >= 0) || Double.isInfinite(maxLenRatio)) {
      throw new ParameterException(cl, "--max-len-ratio must be >= 0, got " + maxLenRatio);
    }
    if (beta > 0 && beam == 1) {
      throw new ParameterException(cl, "--beta (coverage penalty) needs beam search: give --beam 2 or more");
    }
    if (batch < 1) throw new ParameterException(cl, "--batch must be >= 1, got " + batch);
    return new Decoding.Settings(beam, nBest, alpha, beta, maxLenRatio, batch);
  }

  /** {@code beam 5} or {@code greedy}, for reports. */
  String describe() {
    return beam == 1 ? "greedy" : "beam " + beam;
  }
}
