package org.attention4j.cli.translate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
import org.attention4j.decode.Hypothesis;
import org.attention4j.eval.Alignment;
import org.attention4j.eval.AttentionAlignment;
import org.attention4j.io.Json;
import org.attention4j.models.registry.ModelLimits;
import org.attention4j.models.registry.Seq2SeqCheckpoint;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.text.BpeTokenizer;
import org.attention4j.text.Tokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code attn translate}: translates text with a trained checkpoint, one sentence per line, from
 * stdin or a file to stdout or a file; greedy or beam search with GNMT penalties, n-best lists in
 * the Moses form {@code i ||| hypothesis ||| score} (i the 0-based sentence number), and the
 * cross-attention of each translation on request.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Translates text with a trained model (greedy or beam search).",
        "Translates text, one sentence per line (stdin to stdout by default), with a",
        "checkpoint of attn train translate; a blank line gives a blank line.",
        "--nbest N prints 'i ||| hypothesis ||| score' lines (i from 0). --show-attention",
        "follows each translation with its word alignment (Pharaoh i-j: source word i,",
        "output word j; words are whitespace-separated) and a text heatmap of the",
        "attention (rows: output tokens; columns: source tokens)."})
public final class TranslateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", paramLabel = "DIR", required = true, order = 1,
      description = "A checkpoint directory, or a training output directory (its best/, else last/).")
  Path modelDir;

  @Option(names = "--input", paramLabel = "FILE", order = 2, description = "Read sentences from FILE (default: stdin).")
  Path input;

  @Option(names = "--output", paramLabel = "FILE", order = 3, description = "Write translations to FILE (default: stdout).")
  Path output;

  @Option(names = "--nbest", paramLabel = "N", order = 21, defaultValue = "1",
      description = "Hypotheses per sentence, 1..--beam (default: ${DEFAULT-VALUE}).")
  int nBest;

  @Mixin DecodeOptions decode;

  @Option(names = "--show-attention", order = 30,
      description = "After each translation, its alignment and attention heatmap.")
  boolean showAttention;

  @Option(names = "--truncate", order = 31,
      description = "Cut sentences longer than the model's limit instead of failing.")
  boolean truncate;

  @Option(names = "--json", order = 32,
      description = "One JSON object per sentence (translation, score, n-best, alignment and attention).")
  boolean json;

  /** Creates the command; picocli instantiates it. */
  public TranslateCommand() {}

  @Override
  public Integer call() throws IOException {
    CommandLine cl = spec.commandLine();
    Decoding.Settings settings = decode.settings(cl, nBest);
    Seq2SeqCheckpoint ck = ModelDir.load(modelDir);
    String inputName = input == null ? "stdin" : input.toString();
    if (input != null && !Files.isRegularFile(input)) throw new NoSuchFileException(input.toString(), null, "no such input file");
    int total = input == null ? -1 : countLines(input);
    try (BufferedReader in = input == null
        ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
        : Files.newBufferedReader(input, StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (first == null) throw new IllegalArgumentException("no input: " + inputName + " is empty");
      PrintWriter to = output == null ? cl.getOut()
          : new PrintWriter(new OutputStreamWriter(Files.newOutputStream(output), StandardCharsets.UTF_8));
      try (ProgressBar bar = total > 0 ? ProgressBar.to(cl.getErr(), "translating").clearWhenDone() : null) {
        new Session(ck, settings, inputName, to, bar, total).run(first, in, input == null);
      } finally {
        if (output != null) to.close();
      }
    }
    return Main.EXIT_OK;
  }

  private static int countLines(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return (int) lines.count();
    }
  }

  /** One run over the input. */
  private final class Session {
    final Seq2SeqCheckpoint ck;
    final Tokenizer src;
    final Tokenizer tgt;
    final ModelLimits limits;
    final Decoding.Settings settings;
    final String inputName;
    final PrintWriter to;
    final ProgressBar bar;
    final int total;
    final long start = System.nanoTime();
    int lineNumber;

    Session(Seq2SeqCheckpoint ck, Decoding.Settings settings, String inputName, PrintWriter to, ProgressBar bar, int total) {
      this.ck = ck;
      this.src = ck.sourceTokenizer();
      this.tgt = ck.targetTokenizer();
      this.limits = Seq2SeqModels.limits(ck.model());
      this.settings = settings;
      this.inputName = inputName;
      this.to = to;
      this.bar = bar;
      this.total = total;
    }

    /** Translates in chunks; from a terminal or pipe, a chunk ends when no more input is ready. */
    void run(String first, BufferedReader in, boolean interactive) throws IOException {
      int chunk = interactive ? settings.batch() : settings.batch() * 8;
      List<String> lines = new ArrayList<>();
      lines.add(first);
      String line;
      while (true) {
        if (lines.size() >= chunk || (interactive && !lines.isEmpty() && !in.ready())) {
          translate(lines);
          lines.clear();
        }
        line = in.readLine();
        if (line == null) break;
        lines.add(line);
      }
      if (!lines.isEmpty()) translate(lines);
    }

    private void translate(List<String> lines) {
      List<int[]> sources = new ArrayList<>(lines.size());
      for (String line : lines) {
        lineNumber++;
        int[] ids = src.encode(line);
        if (ids.length > limits.maxSource()) {
          if (!truncate) {
            throw new IllegalArgumentException("line " + lineNumber + " of " + inputName + " has " + ids.length
                + " source tokens, more than the " + limits.maxSource() + " of " + limits.reason()
                + " (use --truncate to cut long lines)");
          }
          ids = Arrays.copyOf(ids, limits.maxSource());
        }
        sources.add(ids);
      }
      int firstLine = lineNumber - lines.size() + 1;
      List<List<Hypothesis>> hyps = Decoding.decode(ck.model(), tgt, sources, settings, null);
      for (int k = 0; k < lines.size(); k++) {
        print(firstLine + k, lines.get(k), sources.get(k), hyps.get(k));
      }
      to.flush();
      if (bar != null) {
        double seconds = (System.nanoTime() - start) / 1e9;
        bar.update((double) lineNumber / total, seconds,
            String.format(Locale.ROOT, "%,d/%,d lines", lineNumber, total), lineNumber == total);
      }
    }

    private void print(int line, String text, int[] source, List<Hypothesis> nbest) {
      Hypothesis best = nbest.getFirst();
      String translation = tgt.decode(best.tokens());
      Shown shown = showAttention && source.length > 0 ? shown(text, source, best, translation) : null;
      if (json) {
        to.println(Json.write(jsonLine(line, text, nbest, shown), false));
        return;
      }
      if (settings.nBest() > 1) {
        for (Hypothesis h : nbest) {
          to.println((line - 1) + " ||| " + tgt.decode(h.tokens()) + " ||| " + String.format(Locale.ROOT, "%.4f", h.score()));
        }
      } else {
        to.println(translation);
      }
      if (shown != null) {
        to.println("  alignment: " + shown.alignment());
        for (String l : AttentionText.heatmap(shown.sourceTokens(), shown.targetTokens(), shown.weights(), "  ")) {
          to.println(l);
        }
      }
    }

    /** The attention of a translation: word alignment, tokens and weights. */
    private record Shown(String alignment, List<String> sourceTokens, List<String> targetTokens, float[][] weights) {}

    private Shown shown(String text, int[] source, Hypothesis h, String translation) {
      if (h.attention() == null) {
        throw new IllegalArgumentException("--show-attention: the " + ck.model().modelType()
            + " model has no attention to show");
      }
      float[][] weights = h.attention();
      List<String> sourceTokens = src instanceof BpeTokenizer ? AttentionText.display(src, source)
          : src.tokens(text).subList(0, source.length);
      List<String> targetTokens = new ArrayList<>(AttentionText.display(tgt, h.tokens()));
      if (h.finished()) targetTokens.add(Tokenizer.EOS);
      int[] sourceWords = WordPositions.ofText(src, text);
      int[] targetWords = Arrays.copyOf(WordPositions.ofIds(tgt, h.tokens(), translation), weights.length);
      for (int j = h.tokens().length; j < targetWords.length; j++) targetWords[j] = -1; // the EOS step
      Alignment words = AttentionAlignment.toWords(AttentionAlignment.argmax(weights), sourceWords, targetWords);
      return new Shown(words.toString(), sourceTokens, targetTokens, weights);
    }

    private Map<String, Object> jsonLine(int line, String text, List<Hypothesis> nbest, Shown shown) {
      Hypothesis best = nbest.getFirst();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("line", line);
      m.put("source", text);
      m.put("translation", tgt.decode(best.tokens()));
      m.put("score", best.score());
      m.put("logProb", best.logProb());
      m.put("finished", best.finished());
      if (settings.nBest() > 1) {
        List<Object> list = new ArrayList<>();
        for (Hypothesis h : nbest) {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("translation", tgt.decode(h.tokens()));
          e.put("score", h.score());
          e.put("logProb", h.logProb());
          list.add(e);
        }
        m.put("nbest", list);
      }
      if (shown != null) {
        m.put("alignment", shown.alignment());
        m.put("sourceTokens", shown.sourceTokens());
        m.put("targetTokens", shown.targetTokens());
        List<Object> rows = new ArrayList<>();
        for (float[] row : shown.weights()) {
          List<Object> r = new ArrayList<>(row.length);
          for (float w : row) r.add(w);
          rows.add(r);
        }
        m.put("attention", rows);
      }
      return m;
    }
  }
}
