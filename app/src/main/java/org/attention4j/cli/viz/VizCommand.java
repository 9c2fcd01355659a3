package org.attention4j.cli.viz;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attention4j.io.Json;
import org.attention4j.viz.AttentionExplorer;
import org.attention4j.viz.AttentionKind;
import org.attention4j.viz.AttentionView;
import org.attention4j.viz.HeadKey;
import org.attention4j.viz.Heatmap;
import org.attention4j.viz.HeatmapStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn viz}: what a translation model attends to, as the attention explorer (one offline
 * HTML page with every layer and head) or a heatmap (PNG or SVG; one head, or a grid of every head
 * of a layer). Sentences without {@code --target} are translated greedily first, then
 * teacher-forced on that translation to read every map.
 */
@Command(name = "viz", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Draws a model's attention: explorer page or PNG/SVG heatmap.",
        "Draws what a translation model attends to: an explorer page (.html) or a",
        "heatmap (.png, .svg). Translates the input greedily unless --target is given,",
        "then reads every attention map of the model. Example:",
        "  attn viz --model runs/bahdanau --input \"the dog watched a cat\" --out attention.html"})
public final class VizCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", order = 1,
      description = "Translation checkpoint, or a run directory with best/ or last/ inside.")
  Path model;

  @Option(names = "--input", required = true, paramLabel = "TEXT|FILE", order = 2,
      description = {"A source sentence, or a UTF-8 file with one per line:",
          "source | source<TAB>target | source<TAB>target<TAB>gold links (0-0 1-2 ...)."})
  String input;

  @Option(names = "--target", paramLabel = "TEXT", order = 3,
      description = "A reference translation to teacher-force instead of decoding (with a sentence --input).")
  String target;

  @Option(names = "--out", required = true, paramLabel = "FILE", order = 4,
      description = {"page.html (explorer), heat.png or heat.svg (heatmap).",
          "With several sentences, heatmaps are numbered: heat-1.png, heat-2.png, ..."})
  Path out;

  @Option(names = "--kind", paramLabel = "KIND", order = 5,
      description = "Which attention: cross, encoder or decoder (default: cross; the explorer opens on it).")
  String kind;

  @Option(names = "--layer", paramLabel = "L", order = 6,
      description = "Layer, from 1 (default: the last layer of that kind).")
  Integer layer;

  @Option(names = "--head", paramLabel = "H", order = 7,
      description = "Head, from 1 (default for heatmaps: a grid of every head of the layer).")
  Integer head;

  @Option(names = "--json", order = 8, description = "Print one JSON line (files written, translations) instead of text.")
  boolean json;

  /** Creates the command; picocli instantiates it. */
  public VizCommand() {}

  private enum Format { HTML, PNG, SVG }

  @Override
  public Integer call() throws IOException {
    Format format = format();
    AttentionKind k = parseKind(spec, kind);
    if (layer != null && layer < 1) throw new ParameterException(spec.commandLine(), "--layer must be >= 1, got " + layer);
    if (head != null && head < 1) throw new ParameterException(spec.commandLine(), "--head must be >= 1, got " + head);
    List<Example> examples;
    try {
      examples = Inputs.fromInput(input, target);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    LoadedModel loaded = LoadedModel.load(model);
    List<AttentionProbe.Result> results = loaded.probe().run(examples, AttentionProbe.Options.SINGLE);
    AttentionView first = results.getFirst().view();
    AttentionKind shownKind = k != null ? k : first.kinds().contains(AttentionKind.CROSS) ? AttentionKind.CROSS
        : first.kinds().getFirst();
    int shownLayer = resolveLayer(first, shownKind);
    Integer shownHead = resolveHead(first, shownKind, shownLayer);

    List<Path> written = new ArrayList<>();
    Path parent = out.toAbsolutePath().getParent();
    if (parent != null) Files.createDirectories(parent);
    if (format == Format.HTML) {
      List<AttentionView> views = results.stream().map(AttentionProbe.Result::view).toList();
      AttentionExplorer.page(views)
          .labels(results.stream().map(r -> r.example().id() + ": " + r.example().source()).toList())
          .title("attention explorer · " + loaded.checkpoint().model().modelType()
              + (views.size() == 1 ? " · " + results.getFirst().example().source() : " · " + views.size() + " sentences"))
          .initial(shownKind, shownLayer, shownHead == null ? first.heads(shownKind, shownLayer) : List.of(shownHead))
          .write(out);
      written.add(out);
    } else {
      for (int i = 0; i < results.size(); i++) {
        AttentionView v = results.get(i).view();
        Heatmap h = shownHead == null ? Heatmap.ofLayer(v, shownKind, shownLayer, HeatmapStyle.defaults())
            : Heatmap.of(v, new HeadKey(shownKind, shownLayer, shownHead), HeatmapStyle.defaults());
        Path file = results.size() == 1 ? out : numbered(out, i + 1);
        if (format == Format.PNG) h.writePng(file);
        else h.writeSvg(file);
        written.add(file);
      }
    }
    print(loaded, results, written, shownKind, shownLayer, shownHead);
    return 0;
  }

  private Format format() {
    String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".html") || name.endsWith(".htm")) return Format.HTML;
    if (name.endsWith(".png")) return Format.PNG;
    if (name.endsWith(".svg")) return Format.SVG;
    throw new ParameterException(spec.commandLine(), "--out must end in .html, .png or .svg, got " + out);
  }

  static AttentionKind parseKind(CommandSpec spec, String kind) {
    if (kind == null) return null;
    try {
      return AttentionKind.ofId(kind.toLowerCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--kind: " + e.getMessage());
    }
  }

  private int resolveLayer(AttentionView v, AttentionKind k) {
    if (!v.kinds().contains(k)) {
      throw new ParameterException(spec.commandLine(), "--kind " + k.id() + ": the " + v.metadata().get(AttentionView.MODEL)
          + " model has no " + k.id() + " attention (it has: " + String.join(", ", v.kinds().stream().map(AttentionKind::id).toList())
          + ")");
    }
    List<Integer> layers = v.layers(k);
    if (layer == null) return layers.getLast();
    if (!layers.contains(layer - 1)) {
      throw new ParameterException(spec.commandLine(), "--layer " + layer + ": the model has " + layers.size() + " "
          + k.id() + " layer" + (layers.size() == 1 ? "" : "s") + " (1.." + layers.size() + ")");
    }
    return layer - 1;
  }

  private Integer resolveHead(AttentionView v, AttentionKind k, int l) {
    if (head == null) return null;
    List<Integer> heads = v.heads(k, l);
    if (!heads.contains(head - 1)) {
      throw new ParameterException(spec.commandLine(), "--head " + head + ": " + k.id() + " layer " + (l + 1) + " has "
          + heads.size() + " head" + (heads.size() == 1 ? "" : "s") + " (1.." + heads.size() + ")");
    }
    return head - 1;
  }

  static Path numbered(Path file, int n) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return file.resolveSibling(name.substring(0, dot) + "-" + n + name.substring(dot));
  }

  private void print(LoadedModel loaded, List<AttentionProbe.Result> results, List<Path> written, AttentionKind k, int l,
      Integer h) {
    PrintWriter o = spec.commandLine().getOut();
    String shown = k.id() + " layer " + (l + 1) + (h == null ? ", every head" : " head " + (h + 1));
    if (json) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", loaded.checkpoint().model().modelType());
      m.put("checkpoint", loaded.dir().toString());
      m.put("files", written.stream().map(Path::toString).toList());
      m.put("kind", k.id());
      m.put("layer", (long) l + 1);
      m.put("head", h == null ? null : (long) h + 1);
      List<Object> sentences = new ArrayList<>();
      for (AttentionProbe.Result r : results) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", r.example().id());
        s.put("source", r.example().source());
        s.put("translation", r.translation());
        s.put("decoded", r.decoded());
        sentences.add(s);
      }
      m.put("sentences", sentences);
      o.println(Json.write(m, false));
    } else {
      o.println("model: " + loaded.describe());
      for (AttentionProbe.Result r : results) {
        o.println(r.example().id() + ": " + r.example().source());
        o.println("  -> " + r.translation() + (r.decoded() ? "   (greedy translation)" : "   (reference, teacher-forced)"));
      }
      for (Path p : written) o.println("wrote " + p + (p.toString().endsWith("html") ? " (explorer, opens on " : " (") + shown + ")");
    }
    o.flush();
  }
}
