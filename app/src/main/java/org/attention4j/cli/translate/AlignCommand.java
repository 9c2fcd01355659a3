package org.attention4j.cli.translate;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attention4j.autograd.GradMode;
import org.attention4j.cli.Main;
import org.attention4j.cli.ProgressBar;
import org.attention4j.eval.Aer;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.AttentionAlignment;
import org.attention4j.eval.Pharaoh;
import org.attention4j.io.Json;
import org.attention4j.models.registry.ModelLimits;
import org.attention4j.models.registry.Seq2SeqCheckpoint;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.models.seq2seq.SourceBatch;
import org.attention4j.models.seq2seq.TargetBatch;
import org.attention4j.tensor.IntTensor;
import org.attention4j.tensor.Tensor;
import org.attention4j.text.Tokenizer;
import org.attention4j.train.Batcher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn align}: word alignments of given sentence pairs read off the model's
 * encoder-decoder attention in a teacher-forced pass (the model reads the given target, not its
 * own translation), as Bahdanau et al. (2015, Fig. 3) and Luong et al. (2015, sec. 4.6) do.
 *
 * <p>Links are found between tokens ({@link AttentionAlignment#argmax}: each target token to the
 * source token it attends to most; or {@link AttentionAlignment#threshold}: every weight at least
 * X), then mapped to whitespace-separated words with {@link AttentionAlignment#toWords} and
 * {@link WordPositions} (a token belongs to the word holding its first character; the attention
 * row that predicts {@code </s>} gives no link), and written one line per pair in Pharaoh form,
 * {@code i-j} for source word i and target word j, both from 0.
 */
@Command(name = "align", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Aligns sentence pairs with a model's cross-attention (Pharaoh, AER).",
        "Aligns the words of sentence pairs (line k of --src with line k of --tgt)",
        "with the cross-attention of a teacher-forced pass and writes Pharaoh lines",
        "(i-j: source word i, target word j; whitespace-separated words from 0).",
        "Subword links are mapped to the words that hold them. With --gold, prints",
        "the alignment error rate, precision and recall (on stderr when the",
        "alignments go to stdout)."})
public final class AlignCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR", required = true, order = 1,
      description = "A checkpoint directory, or a training output directory (its best/, else last/).")
  Path modelDir;

  @Option(names = "--src", paramLabel = "FILE", required = true, order = 2, description = "Source sentences, one per line.")
  Path srcFile;

  @Option(names = "--tgt", paramLabel = "FILE", required = true, order = 3, description = "Target sentences, one per line.")
  Path tgtFile;

  @Option(names = "--gold", paramLabel = "FILE", order = 4,
      description = "Gold alignments, one Pharaoh line per pair: i-j sure links, i?j or ipj possible ones.")
  Path goldFile;

  @Option(names = "--possible", paramLabel = "FILE", order = 5,
      description = "Possible gold links as i-j, one line per pair (with --gold: then its links are the sure ones).")
  Path possibleFile;

  @Option(names = "--method", paramLabel = "NAME", order = 6, defaultValue = "argmax",
      description = "argmax (each target token to its strongest source token) or threshold (default: ${DEFAULT-VALUE}).")
  String method;

  @Option(names = "--threshold", paramLabel = "X", order = 7, defaultValue = "0.5",
      description = "With --method threshold: link weights >= X (default: ${DEFAULT-VALUE}).")
  double threshold;

  @Option(names = "--out", paramLabel = "FILE", order = 8, description = "Write the alignments to FILE (default: stdout).")
  Path outFile;

  @Option(names = "--batch", paramLabel = "N", order = 9, defaultValue = "32",
      description = "Pairs per forward pass (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--json", order = 10,
      description = "The AER summary as one JSON line (needs --gold; then --out is where the alignments go).")
  boolean json;

  /** Creates the command; picocli instantiates it. */
  public AlignCommand() {}

  @Override
  public Integer call() throws IOException {
    CommandLine cl = spec.commandLine();
    if (!method.equals("argmax") && !method.equals("threshold")) {
      throw new ParameterException(cl, "--method must be argmax or threshold, got '" + method + "'");
    }
    if (!(threshold > 0) || threshold > 1) throw new ParameterException(cl, "--threshold must be in (0, 1], got " + threshold);
    if (batch < 1) throw new ParameterException(cl, "--batch must be >= 1, got " + batch);
    if (possibleFile != null && goldFile == null) throw new ParameterException(cl, "--possible needs --gold");
    if (json && goldFile == null) throw new ParameterException(cl, "--json prints the AER summary: it needs --gold");
    if (json && outFile == null) throw new ParameterException(cl, "--json needs --out FILE for the alignments");

    Seq2SeqCheckpoint ck = ModelDir.load(modelDir);
    List<String> sources = readLines(srcFile, "--src");
    List<String> targets = readLines(tgtFile, "--tgt");
    if (sources.size() != targets.size()) {
      throw new IllegalArgumentException("--src " + srcFile + " has " + sources.size() + " lines, --tgt " + tgtFile + " has "
          + targets.size() + "; line k of one must translate line k of the other");
    }
    List<Alignment> gold = goldFile == null ? null : readGold(sources.size());

    List<Alignment> predicted = align(ck, sources, targets);
    List<String> lines = predicted.stream().map(Pharaoh::format).toList();
    PrintWriter out = cl.getOut();
    if (outFile != null) {
      Files.write(outFile, lines, StandardCharsets.UTF_8);
    } else {
      lines.forEach(out::println);
    }
    if (gold != null) {
      Aer.Result r = Aer.corpus(predicted, gold);
      // stdout stays pure Pharaoh when the alignments go there
      PrintWriter to = outFile != null ? out : cl.getErr();
      to.println(json ? Json.write(toJson(r), false) : String.format(Locale.ROOT,
          "AER %.4f  precision %.4f  recall %.4f  (%d predicted links, %d sure, %d pairs; %s)", r.aer(), r.precision(),
          r.recall(), r.predicted(), r.sure(), predicted.size(), method));
      to.flush();
    }
    out.flush();
    return Main.EXIT_OK;
  }

  private Map<String, Object> toJson(Aer.Result r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("aer", r.aer());
    m.put("precision", r.precision());
    m.put("recall", r.recall());
    m.put("predicted", r.predicted());
    m.put("sure", r.sure());
    m.put("predictedSure", r.predictedSure());
    m.put("predictedPossible", r.predictedPossible());
    m.put("method", method);
    m.put("out", outFile.toString());
    return m;
  }

  private static List<String> readLines(Path file, String option) throws IOException {
    if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such " + option + " file");
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty()) throw new IllegalArgumentException("no input: " + option + " " + file + " is empty");
    return lines;
  }

  private List<Alignment> readGold(int pairs) throws IOException {
    if (!Files.isRegularFile(goldFile)) throw new NoSuchFileException(goldFile.toString(), null, "no such --gold file");
    List<Alignment> gold = Pharaoh.read(goldFile);
    checkCount(goldFile, "--gold", gold.size(), pairs);
    if (possibleFile == null) return gold;
    if (!Files.isRegularFile(possibleFile)) {
      throw new NoSuchFileException(possibleFile.toString(), null, "no such --possible file");
    }
    List<Alignment> possible = Pharaoh.read(possibleFile);
    checkCount(possibleFile, "--possible", possible.size(), pairs);
    List<Alignment> out = new ArrayList<>(pairs);
    for (int k = 0; k < pairs; k++) out.add(new Alignment(gold.get(k).sure(), possible.get(k).possible()));
    return out;
  }

  private static void checkCount(Path file, String option, int lines, int pairs) {
    if (lines != pairs) {
      throw new IllegalArgumentException(option + " " + file + " has " + lines + " lines, but there are " + pairs
          + " sentence pairs");
    }
  }

  /** The word alignment of every pair, in order. */
  private List<Alignment> align(Seq2SeqCheckpoint ck, List<String> sources, List<String> targets) {
    Seq2SeqModel model = ck.model();
    Tokenizer src = ck.sourceTokenizer();
    Tokenizer tgt = ck.targetTokenizer();
    ModelLimits limits = Seq2SeqModels.limits(model);
    List<int[]> x = new ArrayList<>();
    List<int[]> y = new ArrayList<>();
    for (int k = 0; k < sources.size(); k++) {
      int[] s = src.encode(sources.get(k));
      int[] t = tgt.encode(targets.get(k));
      if (s.length > limits.maxSource() || t.length > limits.maxTarget()) {
        boolean isSource = s.length > limits.maxSource();
        throw new IllegalArgumentException("line " + (k + 1) + " of " + (isSource ? "--src " + srcFile : "--tgt " + tgtFile)
            + " has " + (isSource ? s.length : t.length) + " tokens, more than the "
            + (isSource ? limits.maxSource() : limits.maxTarget()) + " of " + limits.reason());
      }
      x.add(s);
      y.add(t);
    }
    List<Alignment> out = new ArrayList<>(sources.size());
    List<Integer> rows = new ArrayList<>();
    try (ProgressBar bar = ProgressBar.to(spec.commandLine().getErr(), "aligning").clearWhenDone()) {
      long start = System.nanoTime();
      for (int k = 0; k <= sources.size(); k++) {
        boolean empty = k < sources.size() && (x.get(k).length == 0 || y.get(k).length == 0);
        if (k < sources.size() && !empty) rows.add(k);
        if (rows.size() == batch || k == sources.size() || empty) {
          if (!rows.isEmpty()) out.addAll(alignBatch(model, src, tgt, sources, targets, x, y, rows));
          rows.clear();
          if (empty) out.add(Alignment.empty());
          bar.update((double) out.size() / sources.size(), (System.nanoTime() - start) / 1e9,
              String.format(Locale.ROOT, "%,d/%,d pairs", out.size(), sources.size()), out.size() == sources.size());
        }
      }
    }
    return out;
  }

  private List<Alignment> alignBatch(Seq2SeqModel model, Tokenizer src, Tokenizer tgt, List<String> sources,
      List<String> targets, List<int[]> x, List<int[]> y, List<Integer> rows) {
    int b = rows.size();
    SourceBatch source = Batcher.sourceBatch(rows.stream().map(x::get).toList(), model.padId());
    int t = 0;
    for (int k : rows) t = Math.max(t, y.get(k).length + 1);
    int[] in = new int[b * t];
    int[] outIds = new int[b * t];
    int[] lengths = new int[b];
    java.util.Arrays.fill(in, model.padId());
    java.util.Arrays.fill(outIds, model.padId());
    for (int r = 0; r < b; r++) {
      int[] ids = y.get(rows.get(r));
      in[r * t] = tgt.bosId();                               // BOS + y
      System.arraycopy(ids, 0, in, r * t + 1, ids.length);
      System.arraycopy(ids, 0, outIds, r * t, ids.length);   // y + EOS
      outIds[r * t + ids.length] = tgt.eosId();
      lengths[r] = ids.length + 1;
    }
    TargetBatch target = new TargetBatch(IntTensor.of(in, b, t), IntTensor.of(outIds, b, t), lengths);
    boolean wasTraining = model.isTraining();
    model.eval();
    Tensor attention;
    try (var _ = GradMode.noGrad()) {
      attention = model.forward(source, target, true).attention();              // (B, T, S)
    } finally {
      model.train(wasTraining);
    }
    if (attention == null) {
      throw new IllegalArgumentException("the " + model.modelType() + " model has no attention to align with;"
          + " use a model with attention (bahdanau, luong-*, local-*, transformer)");
    }
    float[] a = attention.contiguous().toArray();
    int s = attention.dim(2);
    List<Alignment> out = new ArrayList<>(b);
    for (int r = 0; r < b; r++) {
      int k = rows.get(r);
      int sl = x.get(k).length;
      int tl = y.get(k).length;                   // the row predicting </s> is left out
      float[][] w = new float[tl][sl];
      for (int j = 0; j < tl; j++) System.arraycopy(a, (r * t + j) * s, w[j], 0, sl);
      Alignment sub = method.equals("argmax") ? AttentionAlignment.argmax(w) : AttentionAlignment.threshold(w, threshold);
      out.add(AttentionAlignment.toWords(sub, WordPositions.ofText(src, sources.get(k)),
          WordPositions.ofText(tgt, targets.get(k))));
    }
    return out;
  }
}
