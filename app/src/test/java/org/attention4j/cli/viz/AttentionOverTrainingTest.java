package org.attention4j.cli.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attention4j.io.Json;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.train.AttentionSnapshots;
import org.attention4j.train.StepRandom;
import org.attention4j.viz.AttentionDoctor;
import org.attention4j.viz.AttentionKind;
import org.attention4j.viz.AttentionView;
import org.attention4j.viz.AttentionViewJson;
import org.attention4j.viz.DoctorReport;
import org.attention4j.viz.DoctorSettings;
import org.attention4j.viz.HeadKey;
import org.attention4j.viz.HeadStats;
import org.attention4j.viz.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code attention-over-training.html}: written into the run directory by the snapshot listener
 * during real training, with the examples' attention from the random initialisation to the final
 * weights; the doctor confirms that the alignments formed from noise.
 */
@Timeout(120)
class AttentionOverTrainingTest {
  @TempDir Path tmp;

  /** The page's examples read back as views (snapshots included). */
  private static List<AttentionView> views(Path page) throws Exception {
    List<AttentionView> out = new ArrayList<>();
    for (Map<String, Object> e : VizCommandTest.examples(VizCommandTest.embedded(page))) {
      out.add(AttentionViewJson.read(Json.write(e, false), page.toString()));
    }
    return out;
  }

  /** Each view's matrices at snapshot {@code i}, as views of their own. */
  private static List<AttentionView> atSnapshot(List<AttentionView> views, int i) {
    List<AttentionView> out = new ArrayList<>();
    for (AttentionView v : views) {
      Snapshot s = v.snapshots().get(i);
      AttentionView.Builder b = AttentionView.builder(v.sourceTokens(), v.targetTokens());
      s.matrices().forEach(b::matrix);
      if (v.gold() != null) b.gold(v.gold());
      out.add(b.build());
    }
    return out;
  }

  private static HeadStats cross(DoctorReport r, int layer, int head) {
    return r.heads().stream().filter(h -> h.head().equals(new HeadKey(AttentionKind.CROSS, layer, head))).findFirst().orElseThrow();
  }

  @Test
  void bahdanauRun_pageInRunDirectory_alignmentsFormFromNoise() throws Exception {
    Path page = TinyTranslation.trained("bahdanau").resolve(AttentionOverTraining.FILE);
    assertTrue(Files.isRegularFile(page), "written at the last checkpoint into the run directory");
    String html = Files.readString(page);
    assertTrue(html.contains("<title>attention over training · bahdanau · steps 0–300</title>"), html.substring(0, 400));
    List<AttentionView> views = views(page);
    assertEquals(3, views.size());
    List<Long> steps = views.getFirst().snapshots().stream().map(Snapshot::step).toList();
    List<Long> want = new ArrayList<>();
    for (long s = 0; s < 300; s += 25) want.add(s);
    assertEquals(want, steps, "every 25 steps from the initialisation; step 300 is the final weights");
    assertEquals("step 0 · before training", views.getFirst().snapshots().getFirst().label());
    assertTrue(views.getFirst().metadata().get("weights").startsWith("step 300 · epoch "), views.getFirst().metadata().toString());
    for (AttentionView v : views) {
      assertNotNull(v.gold(), "gold links of the synthetic task");
      assertEquals(List.of(AttentionKind.CROSS), v.kinds());
      assertEquals("</s>", v.targetTokens().getLast());
    }

    DoctorSettings settings = DoctorSettings.defaults().withExpectMonotone(false);
    DoctorReport start = AttentionDoctor.examine(settings, atSnapshot(views, 0));
    DoctorReport end = AttentionDoctor.examine(settings, views);
    System.out.println("step 0:\n" + start.toText() + "\nstep 300:\n" + end.toText());
    HeadStats a = cross(start, 0, 0), b = cross(end, 0, 0);
    assertTrue(a.entropy() >= 0.95, "at initialisation the attention is noise: " + a);
    assertFalse(start.healthy(), "the doctor calls the untrained attention uniform");
    assertTrue(b.entropy() < 0.7 && end.healthy(), "after 300 steps it is peaked: " + b);
    assertTrue(b.alignmentError() < a.alignmentError() - 0.3, "and agrees with the gold links: AER " + a.alignmentError()
        + " -> " + b.alignmentError());
  }

  @Test
  void transformerRun_recordsEveryLayerAndHeadOfCrossAttention() throws Exception {
    Path page = TinyTranslation.trained("transformer").resolve(AttentionOverTraining.FILE);
    List<AttentionView> views = views(page);
    AttentionView v = views.getFirst();
    assertEquals(List.of(AttentionKind.CROSS), v.kinds());
    assertEquals(4, v.matrices().size(), "2 layers x 2 heads");
    for (Snapshot s : v.snapshots()) assertEquals(v.matrices().keySet(), s.matrices().keySet(), "step " + s.step());
    DoctorReport start = AttentionDoctor.examine(DoctorSettings.defaults().withExpectMonotone(false), atSnapshot(views, 0));
    DoctorReport end = AttentionDoctor.examine(DoctorSettings.defaults().withExpectMonotone(false), views);
    assertTrue(cross(end, 1, 0).entropy() < cross(start, 1, 0).entropy() - 0.2,
        cross(start, 1, 0) + " -> " + cross(end, 1, 0));
  }

  @Test
  void watchOptions_wrapTheProgressListener_orLeaveItAlone() {
    Seq2SeqModel m = TinyTranslation.model("bahdanau", new StepRandom(3));
    org.attention4j.train.TrainingListener progress = new org.attention4j.train.TrainingListener() {};
    AttentionWatchOptions o = new AttentionWatchOptions();
    assertEquals(AttentionWatchOptions.DEFAULT_EVERY, o.every);
    assertTrue(o.wrap(progress, m, TinyTranslation.TOKENIZER, TinyTranslation.TOKENIZER, TinyTranslation.data())
        instanceof org.attention4j.train.TrainingListeners);
    o.every = 0;
    assertTrue(o.wrap(progress, m, TinyTranslation.TOKENIZER, TinyTranslation.TOKENIZER, TinyTranslation.data()) == progress);
    o.every = -1;
    assertEquals("--attention-every must be >= 0, got -1", assertThrows(IllegalArgumentException.class,
        () -> o.wrap(progress, m, TinyTranslation.TOKENIZER, TinyTranslation.TOKENIZER, TinyTranslation.data())).getMessage());
  }

  @Test
  void withoutCheckpoints_theCallerWritesThePage() throws Exception {
    StepRandom rng = new StepRandom(3);
    Seq2SeqModel m = TinyTranslation.model("bahdanau", rng);
    AttentionSnapshots s = AttentionOverTraining.listener(m, TinyTranslation.TOKENIZER, TinyTranslation.TOKENIZER,
        TinyTranslation.data(), 2, 10);
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> AttentionOverTraining.write(s, TinyTranslation.TOKENIZER, TinyTranslation.TOKENIZER, null, tmp.resolve("x.html")));
    assertEquals("AttentionOverTraining: no snapshots recorded yet", none.getMessage());
    TinyTranslation.train(m, rng, 30, null, s);
    Path file = tmp.resolve("deep/dir/" + AttentionOverTraining.FILE);
    AttentionOverTraining.write(s, TinyTranslation.TOKENIZER, TinyTranslation.TOKENIZER, null, file);
    List<AttentionView> views = views(file);
    assertEquals(2, views.size());
    assertEquals(List.of(0L, 10L, 20L), views.getFirst().snapshots().stream().map(Snapshot::step).toList());
    assertTrue(views.getFirst().metadata().get("weights").startsWith("step 30 "), views.getFirst().metadata().toString());
  }
}
