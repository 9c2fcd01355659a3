package org.attention4j.cli.translate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attention4j.cli.Main;
import org.attention4j.cli.ProgressBar;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.data.corpus.Split;
import org.attention4j.decode.Hypothesis;
import org.attention4j.eval.Bleu;
import org.attention4j.eval.BleuScore;
import org.attention4j.eval.BleuTokenizer;
import org.attention4j.eval.BucketedBleu;
import org.attention4j.eval.Chrf;
import org.attention4j.eval.ChrfScore;
import org.attention4j.io.Json;
import org.attention4j.models.registry.ModelLimits;
import org.attention4j.models.registry.Seq2SeqCheckpoint;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.text.Tokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn eval translate}: translates a split of a corpus and scores it against its
 * references with sacreBLEU-compatible corpus BLEU ({@code 13a}, or {@code zh} when the target
 * language is Chinese) and chrF2, with the BLEU of each source-length bucket (in whitespace
 * words: 0-10, 10-20, ..., 60+).
 */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Translates the test (or dev) split of a corpus and reports BLEU",
        "(sacreBLEU-compatible: tokenizer zh for a Chinese target, else 13a), chrF2,",
        "and BLEU per source length in whitespace-separated words."})
final class EvalTranslateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR", required = true, order = 1,
      description = "A checkpoint directory, or a training output directory (its best/, else last/).")
  Path modelDir;

  @Option(names = "--corpus", paramLabel = "DIR", required = true, order = 2,
      description = "A corpus directory, or " + CorpusSource.BUNDLED_BIBLE + ".")
  String corpus;

  @Option(names = "--split", paramLabel = "NAME", order = 3, defaultValue = "test",
      description = "test or dev (default: ${DEFAULT-VALUE}).")
  String split;

  @Option(names = "--limit", paramLabel = "N", order = 4,
      description = "Score only the first N pairs of the split (default: all).")
  Integer limit;

  @Mixin DecodeOptions decode;

  @Option(names = "--hyp", paramLabel = "FILE", order = 30, description = "Also write the translations to FILE, one per line.")
  Path hypFile;

  @Option(names = "--json", order = 31, description = "Print one JSON line with the scores and buckets.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    CommandLine cl = spec.commandLine();
    Decoding.Settings settings = decode.settings(cl, 1);
    if (!split.equals("test") && !split.equals("dev")) {
      throw new ParameterException(cl, "--split must be test or dev, got '" + split + "'");
    }
    if (limit != null && limit < 1) throw new ParameterException(cl, "--limit must be >= 1, got " + limit);
    Seq2SeqCheckpoint ck = ModelDir.load(modelDir);
    CorpusSource c = CorpusSource.read(corpus);
    List<SentencePair> pairs = c.corpus().split(Split.fromLabel(split));
    if (limit != null && limit < pairs.size()) pairs = pairs.subList(0, limit);
    if (pairs.isEmpty()) throw new IllegalArgumentException(c.where() + " has no " + split + " pairs to score");

    Tokenizer src = ck.sourceTokenizer();
    ModelLimits limits = Seq2SeqModels.limits(ck.model());
    List<int[]> sources = new ArrayList<>(pairs.size());
    int truncated = 0;
    for (SentencePair p : pairs) {
      int[] ids = src.encode(p.source());
      if (ids.length > limits.maxSource()) {
        ids = Arrays.copyOf(ids, limits.maxSource());
        truncated++;
      }
      sources.add(ids);
    }
    long start = System.nanoTime();
    List<List<Hypothesis>> hyps;
    try (ProgressBar bar = ProgressBar.to(cl.getErr(), "decoding").clearWhenDone()) {
      int total = sources.size();
      hyps = Decoding.decode(ck.model(), ck.targetTokenizer(), sources, settings, done -> {
        double seconds = (System.nanoTime() - start) / 1e9;
        bar.update((double) done / total, seconds, String.format(Locale.ROOT, "%,d/%,d sentences", done, total),
            done == total);
      });
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    List<String> hypotheses = hyps.stream().map(h -> ck.targetTokenizer().decode(h.getFirst().tokens())).toList();
    List<String> references = pairs.stream().map(SentencePair::target).toList();
    if (hypFile != null) Files.write(hypFile, hypotheses, StandardCharsets.UTF_8);

    BleuTokenizer tok = c.bleuTokenizer();
    Bleu.Options bleuOptions = Bleu.Options.CORPUS.withTokenizer(tok);
    BleuScore bleu = Bleu.corpus(hypotheses, references, bleuOptions);
    ChrfScore chrf = Chrf.corpus(hypotheses, references);
    List<Integer> lengths = pairs.stream().map(p -> WordPositions.count(p.source())).toList();
    List<BucketedBleu.Bucket> buckets = BucketedBleu.compute(lengths, hypotheses, references,
        BucketedBleu.DEFAULT_BOUNDS, bleuOptions);

    PrintWriter o = cl.getOut();
    String signature = "nrefs:1|case:mixed|eff:no|tok:" + tok.signature() + "|smooth:exp";
    if (json) {
      o.println(Json.write(toJson(ck, c, pairs.size(), truncated, bleu, chrf, signature, buckets, seconds), false));
    } else {
      var info = c.corpus().info();
      o.printf(Locale.ROOT, "%s %s split (%s -> %s): %,d pairs, %s, %s model, %.1f s%n", c.where(), split,
          info.sourceLang(), info.targetLang(), pairs.size(), decode.describe(), ck.model().modelType(), seconds);
      if (truncated > 0) o.printf(Locale.ROOT, "%d sources cut to the model's limit (%s)%n", truncated, limits.reason());
      o.println(bleu + "  [" + signature + "]");
      o.println(chrf);
      o.println();
      o.println("source words  sentences    BLEU");
      for (BucketedBleu.Bucket b : buckets) {
        o.printf(Locale.ROOT, "%-12s  %9d  %6s%n", b.label(), b.sentences(),
            b.bleu().map(s -> String.format(Locale.ROOT, "%.2f", s.score())).orElse("-"));
      }
      if (hypFile != null) o.println("translations written to " + hypFile);
    }
    o.flush();
    return Main.EXIT_OK;
  }

  private Map<String, Object> toJson(Seq2SeqCheckpoint ck, CorpusSource c, int n, int truncated, BleuScore bleu,
      ChrfScore chrf, String signature, List<BucketedBleu.Bucket> buckets, double seconds) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", ck.model().modelType());
    m.put("checkpoint", ModelDir.resolve(modelDir).toString());
    m.put("corpus", c.spec());
    m.put("split", split);
    m.put("sourceLang", c.corpus().info().sourceLang());
    m.put("targetLang", c.corpus().info().targetLang());
    m.put("pairs", n);
    m.put("truncated", truncated);
    m.put("beam", decode.beam);
    m.put("bleu", bleu.score());
    m.put("bleuText", bleu.toString());
    m.put("bleuSignature", signature);
    m.put("chrf", chrf.score());
    m.put("chrfText", chrf.toString());
    List<Object> rows = new ArrayList<>();
    for (BucketedBleu.Bucket b : buckets) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("label", b.label());
      r.put("sentences", b.sentences());
      r.put("bleu", b.bleu().map(BleuScore::score).orElse(null));
      rows.add(r);
    }
    m.put("buckets", rows);
    m.put("hyp", hypFile == null ? null : hypFile.toString());
    m.put("seconds", seconds);
    return m;
  }
}
