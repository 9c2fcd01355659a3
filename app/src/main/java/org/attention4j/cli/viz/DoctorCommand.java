package org.attention4j.cli.viz;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attention4j.io.Json;
import org.attention4j.viz.AttentionDoctor;
import org.attention4j.viz.AttentionView;
import org.attention4j.viz.DoctorReport;
import org.attention4j.viz.DoctorSettings;
import org.attention4j.viz.Finding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn doctor}: runs a translation model on sentences, collects every attention map and
 * prints the {@link AttentionDoctor}'s report: per layer and head the measures, then findings in
 * plain words with likely causes and remedies. Sentences run in padded batches, so attention that
 * leaks onto padding shows. Findings are not errors: the exit code is 0 whatever the report says,
 * 1 only when the model cannot be run.
 *
 * <p>{@code --simulate-bug no-padding-mask} (hidden; for diagnostics and tests only) runs the model
 * without source lengths, as a caller that forgets them would, to show what the padding-leak
 * finding looks like on a real model (see {@link AttentionProbe.Options#withoutSourceLengths}).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Examines a translation model's attention and says in plain words what looks wrong.",
        "Per layer and head: entropy, sharpness, diagonality, coverage, mass on padding, special and future tokens,"
            + " dead and duplicate heads; then findings with likely causes and remedies.",
        "Example: attn doctor runs/bahdanau --data corpus/synthetic",
        "Exit code 0 even with findings; 1 if the model cannot be run."})
public final class DoctorCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL_DIR",
      description = "Translation checkpoint, or a run directory with best/ or last/ inside.")
  Path model;

  @Option(names = "--data", paramLabel = "FILE|DIR", order = 1,
      description = {"Sentences to run: a file with one per line, source or source<TAB>target (then teacher-forced),",
          "or a corpus directory (its test pairs, with gold alignments if it has them);",
          "default: a built-in set of 16 short English sentences, translated greedily."})
  Path data;

  @Option(names = "--max-examples", paramLabel = "N", defaultValue = "200", order = 2,
      description = "Use at most the first N sentences of --data (default: ${DEFAULT-VALUE}).")
  int maxExamples;

  @Option(names = "--batch", paramLabel = "N", defaultValue = "8", order = 3,
      description = "Sentences per padded batch (default: ${DEFAULT-VALUE}); 1 hides padding problems.")
  int batch;

  @Option(names = "--no-monotone", order = 4,
      description = "The languages reorder words heavily: do not expect cross-attention near the diagonal.")
  boolean noMonotone;

  @Option(names = "--json", order = 5, description = "Print the report as one JSON line.")
  boolean json;

  @Option(names = "--simulate-bug", paramLabel = "BUG", hidden = true,
      description = "Diagnostics only: no-padding-mask runs the model without source lengths.")
  String simulateBug;

  /** Creates the command; picocli instantiates it. */
  public DoctorCommand() {}

  @Override
  public Integer call() throws IOException {
    if (maxExamples < 1) throw new ParameterException(spec.commandLine(), "--max-examples must be >= 1, got " + maxExamples);
    if (batch < 1) throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
    boolean noPaddingMask = false;
    if (simulateBug != null) {
      if (!simulateBug.equals("no-padding-mask")) {
        throw new ParameterException(spec.commandLine(), "--simulate-bug: the only simulated bug is no-padding-mask, got "
            + simulateBug);
      }
      noPaddingMask = true;
    }
    List<Example> examples;
    try {
      examples = data == null ? Inputs.defaults()
          : java.nio.file.Files.isDirectory(data) ? Inputs.fromCorpus(data) : Inputs.read(data);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--data: " + e.getMessage(), e);
    }
    if (examples.size() > maxExamples) examples = examples.subList(0, maxExamples);
    LoadedModel loaded = LoadedModel.load(model);
    List<AttentionProbe.Result> results = loaded.probe().run(examples, new AttentionProbe.Options(batch, true, noPaddingMask));
    List<AttentionView> views = results.stream().map(AttentionProbe.Result::view).toList();
    DoctorSettings settings = DoctorSettings.defaults().withExpectMonotone(!noMonotone);
    DoctorReport report = AttentionDoctor.examine(settings, views);

    int tokens = 0, unknown = 0, decoded = 0;
    for (AttentionProbe.Result r : results) {
      tokens += r.sourceTokens();
      unknown += r.unknownSourceTokens();
      if (r.decoded()) decoded++;
    }
    double unknownShare = tokens == 0 ? 0 : (double) unknown / tokens;
    PrintWriter o = spec.commandLine().getOut();
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", loaded.checkpoint().model().modelType());
      m.put("checkpoint", loaded.dir().toString());
      m.put("data", data == null ? "default" : data.toString());
      m.put("examples", (long) results.size());
      m.put("decoded", (long) decoded);
      m.put("unknownSourceShare", unknownShare);
      m.put("simulatedBug", simulateBug);
      m.put("healthy", report.healthy());
      m.put("report", report.toJson());
      o.println(Json.write(m, false));
    } else {
      o.println("model: " + loaded.describe());
      o.printf(Locale.ROOT, "data: %s, %d sentences (%d translated greedily, %d teacher-forced on their targets)%n",
          data == null ? "built-in English sentences" : data, results.size(), decoded, results.size() - decoded);
      if (unknownShare >= 0.2) {
        o.printf(Locale.ROOT, "note: %.0f%% of the source tokens are unknown to the model's vocabulary; the findings say"
            + " more with sentences in its source language (--data FILE)%n", 100 * unknownShare);
      }
      if (simulateBug != null) o.println("SIMULATED BUG: " + simulateBug + " (the model runs without source lengths)");
      o.println();
      o.print(report.toText());
      o.println();
      o.println(report.healthy() ? "verdict: no alarms." : "verdict: " + report.findings(Finding.Severity.ALARM).size()
          + " alarm(s); see above.");
    }
    o.flush();
    return 0;
  }
}
