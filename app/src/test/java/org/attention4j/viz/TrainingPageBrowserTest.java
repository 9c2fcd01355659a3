package org.attention4j.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.attention4j.cli.viz.AttentionOverTraining;
import org.attention4j.data.corpus.HashSplit;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.data.synthetic.ReorderingGrammar;
import org.attention4j.data.synthetic.SyntheticImporter;
import org.attention4j.io.Json;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.text.WordTokenizer;
import org.attention4j.train.AttentionSnapshots;
import org.attention4j.train.BatchingOptions;
import org.attention4j.train.LengthPolicy;
import org.attention4j.train.Seq2SeqTrainer;
import org.attention4j.train.StepRandom;
import org.attention4j.train.TrainerConfig;
import org.attention4j.train.TranslationData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Alignments forming, seen in a browser: a tiny Bahdanau model trains for 200 steps on the
 * synthetic reordering task with the attention-snapshot listener, which writes {@code
 * attention-over-training.html} into the run directory; the page, opened in headless Chromium,
 * draws near-uniform weights at step 0 and peaked ones at the end of the slider. Screenshots of
 * both ends are left in {@code app/target/viz-test/}.
 */
@Tag("browser")
@Timeout(120)
class TrainingPageBrowserTest {
  @Test
  void trainingPage_sliderGoesFromNoiseToAlignment() throws Exception {
    Optional<Path> binary = Chromium.find();
    assumeTrue(binary.isPresent(), "Chromium not found (install it with scripts/viz/install-chromium.sh, or set ATTN_CHROMIUM): browser test skipped");
    // a model trained in the test, with the listener the training command uses
    var task = SyntheticImporter.generate(new SyntheticImporter.Options(new ReorderingGrammar.Config(20, 10, 10, 4, 1, 1, 1, 1), 7,
        1200, new HashSplit(100, 100), null));
    List<String> texts = new ArrayList<>();
    for (SentencePair p : task.corpus().all()) {
      texts.add(p.source());
      texts.add(p.target());
    }
    WordTokenizer tok = WordTokenizer.build(texts, 1, 10_000);
    TranslationData data = TranslationData.encode("synthetic", task.corpus(), tok, tok, LengthPolicy.maxTokens(0));
    StepRandom rng = new StepRandom(1);
    Seq2SeqModel model = Seq2SeqModels.create("bahdanau", tok.vocabSize(), tok.vocabSize(), tok.padId(),
        Map.of("embedDim", 16, "hiddenDim", 32, "attentionDim", 32, "dropout", 0.0), rng);
    AttentionSnapshots watch = AttentionOverTraining.listener(model, tok, tok, AttentionSnapshots.pick(data, 3, 9), 10, null);
    Path run = Images.outDir().resolve("training-run").toAbsolutePath();
    new Seq2SeqTrainer(model, rng, tok, tok, data, TrainerConfig.builder().epochs(1000).maxSteps(200)
        .batching(BatchingOptions.sentences(32)).lr(5e-3).devBleu(false).restoreBest(false).seed(1).build())
        .listener(watch).train(run);
    Path page = run.resolve(AttentionOverTraining.FILE);
    assertTrue(Files.isRegularFile(page));

    try (Chromium browser = Chromium.launch(binary.get(), 1300, 820)) {
      List<String> problems = new ArrayList<>();
      browser.onEvent(msg -> {
        String method = (String) msg.get("method");
        if ("Runtime.exceptionThrown".equals(method)) problems.add(Json.write(msg.get("params"), false));
      });
      browser.call("Runtime.enable", Map.of());
      browser.call("Page.navigate", Map.of("url", page.toUri().toString()));
      long end = System.currentTimeMillis() + 30_000;
      while (!Boolean.TRUE.equals(browser.eval("typeof window.attnExplorer === 'object' && document.readyState === 'complete'"))) {
        assertTrue(System.currentTimeMillis() < end, "page did not load");
        Thread.sleep(50);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> s = (Map<String, Object>) browser.eval("window.attnExplorer.state()");
      assertEquals(3L, s.get("examples"));
      @SuppressWarnings("unchecked")
      List<Long> steps = (List<Long>) s.get("snapshots");
      assertEquals(20, steps.size(), "steps 0, 10, ..., 190; 200 is the final weights: " + steps);
      double first = meanRowMax(browser, 0), last = meanRowMax(browser, steps.size());
      System.out.printf("mean largest weight per row: step 0 %.3f, step 200 %.3f%n", first, last);
      assertTrue(first < 0.3, "noise at initialisation: " + first);
      assertTrue(last > 0.5, "peaked after training: " + last);
      shot(browser, "attention-over-training-step0.png", 0);
      shot(browser, "attention-over-training-final.png", steps.size());
      assertEquals(List.of(), problems);
    }
  }

  /** The mean over the shown example's cross rows of the largest weight, at snapshot position {@code i}. */
  private static double meanRowMax(Chromium browser, int i) throws Exception {
    Number v = (Number) browser.eval("(() => { const e = window.attnExplorer; e.setSnapshot(" + i + "); const s = e.state(); let sum = 0;"
        + " for (let r = 0; r < s.queries; r++) sum += Math.max(...e.row('cross', 0, 0, r)); return sum / s.queries; })()");
    return v.doubleValue();
  }

  private static void shot(Chromium browser, String name, int snapshot) throws Exception {
    browser.eval("window.attnExplorer.setSnapshot(" + snapshot + "); window.attnExplorer.hoverToken('query', 1);"
        + " window.attnExplorer.whenDrawn()");
    Map<String, Object> png = browser.call("Page.captureScreenshot", Map.of("format", "png"));
    Files.write(Images.outDir().resolve(name), Base64.getDecoder().decode((String) png.get("data")));
  }
}
