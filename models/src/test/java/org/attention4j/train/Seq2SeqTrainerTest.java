package org.attention4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.attention4j.data.corpus.ParallelCorpus;
import org.attention4j.models.registry.Seq2SeqCheckpoint;
import org.attention4j.models.registry.Seq2SeqCheckpoints;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.tensor.Tensor;
import org.attention4j.text.WordTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Seq2SeqTrainerTest {
  private static final ParallelCorpus CORPUS = TrainFixtures.corpus(11, 160);
  private static final WordTokenizer TOKENIZER = TrainFixtures.tokenizer(CORPUS);
  private static final TranslationData DATA = TranslationData.encode("corpus synthetic", CORPUS, TOKENIZER, TOKENIZER,
      LengthPolicy.maxTokens(0));

  private static TrainerConfig.Builder config() {
    return TrainerConfig.builder().epochs(3).batching(new BatchingOptions(120, 16, 64)).lr(3e-3)
        .schedule(TrainerConfig.ScheduleKind.LINEAR, 3, 1e-4).labelSmoothing(0.1).clipNorm(1.0).seed(5);
  }

  /** A trainer over a fresh tiny model (dropout 0.1) whose initial weights come from seed 17. */
  private static Seq2SeqTrainer trainer(String type, TrainerConfig config) {
    StepRandom rng = new StepRandom(17);
    Seq2SeqModel model = TrainFixtures.model(type, TOKENIZER, rng, 0.1);
    return new Seq2SeqTrainer(model, rng, TOKENIZER, TOKENIZER, DATA, config);
  }

  private static void assertSameBits(List<Float> expected, List<Float> actual) {
    assertEquals(expected.size(), actual.size(), "number of steps");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(Float.floatToRawIntBits(expected.get(i)), Float.floatToRawIntBits(actual.get(i)),
          "loss of step " + (i + 1) + ": " + expected.get(i) + " vs " + actual.get(i));
    }
  }

  private static void assertSameHistory(List<EpochResult> expected, List<EpochResult> actual) {
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      EpochResult e = expected.get(i);
      EpochResult a = actual.get(i);
      assertEquals(e.step(), a.step());
      assertEquals(Double.doubleToRawLongBits(e.trainLoss()), Double.doubleToRawLongBits(a.trainLoss()), "train loss " + i);
      assertEquals(Double.doubleToRawLongBits(e.devLoss()), Double.doubleToRawLongBits(a.devLoss()), "dev loss " + i);
      assertEquals(e.bleu(), a.bleu());
      assertEquals(e.improved(), a.improved());
    }
  }

  private static void assertSameWeights(Seq2SeqModel expected, Seq2SeqModel actual) {
    Map<String, Tensor> a = expected.stateDict();
    Map<String, Tensor> b = actual.stateDict();
    assertEquals(a.keySet(), b.keySet());
    for (String k : a.keySet()) assertArrayEquals(a.get(k).toArray(), b.get(k).toArray(), k);
  }

  /** A listener that calls {@code action} with each progress. */
  private static TrainingListener onStep(Consumer<StepProgress> action) {
    return new TrainingListener() {
      @Override
      public void onStep(StepProgress p) {
        action.accept(p);
      }
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"bahdanau", "transformer"})
  void resume_insideAnEpoch_reproducesTheUninterruptedRunBitwise(String type, @TempDir Path tmp) throws Exception {
    TrainerConfig c = config().build();
    Seq2SeqTrainer whole = trainer(type, c);
    TrainingReport a = whole.train(tmp.resolve("a"));
    assertEquals(TrainingReport.StopReason.COMPLETED, a.stop());
    int perEpoch = a.history().getFirst().step();
    int stopAt = perEpoch + 3; // inside the second epoch

    Seq2SeqTrainer first = trainer(type, c);
    first.listener(onStep(p -> {
      if (p.step() == stopAt) first.requestStop();
    }));
    TrainingReport b1 = first.train(tmp.resolve("b"));
    assertEquals(TrainingReport.StopReason.INTERRUPTED, b1.stop());
    assertEquals(stopAt, b1.steps());
    assertEquals(1, b1.epochsCompleted());

    Seq2SeqTrainer second = trainer(type, c);
    TrainingReport b2 = second.resume(tmp.resolve("b"));
    assertEquals(TrainingReport.StopReason.COMPLETED, b2.stop());
    assertEquals(stopAt, b2.firstStep());
    List<Float> joined = new ArrayList<>(b1.losses());
    joined.addAll(b2.losses());
    assertSameBits(a.losses(), joined);
    assertSameHistory(a.history(), b2.history());
    assertSameWeights(whole.model(), second.model());
    assertEquals(a.bestEpoch(), b2.bestEpoch());
  }

  @Test
  void resume_betweenEpochs_reproducesTheUninterruptedRunBitwise(@TempDir Path tmp) throws Exception {
    TrainerConfig c = config().restoreBest(false).build();
    Seq2SeqTrainer whole = trainer("luong-general", c);
    TrainingReport a = whole.train(tmp.resolve("a"));

    Seq2SeqTrainer first = trainer("luong-general", c);
    first.listener(new TrainingListener() {
      @Override
      public void onEpochEnd(EpochResult r) {
        if (r.epoch() == 2) first.requestStop();
      }
    });
    TrainingReport b1 = first.train(tmp.resolve("b"));
    assertEquals(TrainingReport.StopReason.INTERRUPTED, b1.stop());
    assertEquals(2, b1.epochsCompleted());

    Seq2SeqTrainer second = trainer("luong-general", c);
    TrainingReport b2 = second.resume(tmp.resolve("b"));
    List<Float> joined = new ArrayList<>(b1.losses());
    joined.addAll(b2.losses());
    assertSameBits(a.losses(), joined);
    assertSameHistory(a.history(), b2.history());
    assertSameWeights(whole.model(), second.model());
  }

  @Test
  void resume_afterACrash_goesOnFromThePeriodicCheckpointBitwise(@TempDir Path tmp) throws Exception {
    TrainerConfig c = config().checkpointEvery(4).build();
    TrainingReport a = trainer("bahdanau", c).train(tmp.resolve("a"));
    int crashAt = a.history().getFirst().step() + 2;
    Seq2SeqTrainer crashing = trainer("bahdanau", c);
    crashing.listener(onStep(p -> {
      if (p.step() == crashAt) throw new IllegalStateException("power cut");
    }));
    assertThrows(IllegalStateException.class, () -> crashing.train(tmp.resolve("b")));
    TrainingReport b = trainer("bahdanau", c).resume(tmp.resolve("b"));
    // The last checkpoint before the crash: every 4 steps (after the listener hears the step) and at epoch ends.
    assertEquals(Math.max((crashAt - 1) / 4 * 4, a.history().getFirst().step()), b.firstStep());
    assertSameBits(a.losses().subList(b.firstStep(), a.losses().size()), b.losses());
    assertSameHistory(a.history(), b.history());
  }

  /** Why the trainer reseeds the model's generator: without it, dropout masks after a resume differ. */
  @Test
  void resume_withoutReseedingDropout_isNotBitwise(@TempDir Path tmp) throws Exception {
    TrainerConfig c = config().epochs(2).build();
    StepRandom rngA = new StepRandom(17);
    Seq2SeqTrainer whole = new Seq2SeqTrainer(TrainFixtures.model("bahdanau", TOKENIZER, rngA, 0.1), null, TOKENIZER,
        TOKENIZER, DATA, c);
    TrainingReport a = whole.train(tmp.resolve("a"));
    StepRandom rngB = new StepRandom(17);
    Seq2SeqTrainer first = new Seq2SeqTrainer(TrainFixtures.model("bahdanau", TOKENIZER, rngB, 0.1), null, TOKENIZER,
        TOKENIZER, DATA, c);
    first.listener(onStep(p -> {
      if (p.step() == 3) first.requestStop();
    }));
    TrainingReport b1 = first.train(tmp.resolve("b"));
    assertSameBits(a.losses().subList(0, 3), b1.losses());
    StepRandom rngC = new StepRandom(17);
    TrainingReport b2 = new Seq2SeqTrainer(TrainFixtures.model("bahdanau", TOKENIZER, rngC, 0.1), null, TOKENIZER,
        TOKENIZER, DATA, c).resume(tmp.resolve("b"));
    assertTrue(Float.floatToRawIntBits(a.losses().get(3)) != Float.floatToRawIntBits(b2.losses().getFirst()),
        "step 4 after resuming should differ without reseeding");
  }

  @Test
  void resume_forMoreEpochs_keepsTheFirstRunsScheduleAndGoesOnAtItsFinalRate(@TempDir Path tmp) throws Exception {
    TrainingReport first = trainer("plain", config().epochs(1).build()).train(tmp);
    int planned = first.steps();
    List<StepProgress> resumed = new ArrayList<>();
    Seq2SeqTrainer more = trainer("plain", config().epochs(2).build());
    more.listener(onStep(resumed::add));
    more.resume(tmp);
    assertTrue(resumed.size() >= planned - 2, "the second epoch ran: " + resumed.size() + " steps");
    for (StepProgress p : resumed) {
      assertTrue(p.step() > planned, "step " + p.step());
      assertEquals(1e-4, p.lr(), 1e-12, "lr at step " + p.step() + " (the first run planned " + planned + ")");
    }
  }

  @Test
  void resume_withAnotherLearningRate_isRefused(@TempDir Path tmp) throws Exception {
    Seq2SeqTrainer first = trainer("plain", config().epochs(1).build());
    first.train(tmp);
    Seq2SeqTrainer other = trainer("plain", config().lr(1e-2).build());
    var e = assertThrows(IllegalArgumentException.class, () -> other.resume(tmp));
    assertEquals("resume: checkpoint " + tmp.resolve("last") + " was trained with lr = 0.003, this run asks for 0.01;"
        + " a resumed run must keep the settings that decide its losses", e.getMessage());
    Seq2SeqTrainer transformer = trainer("transformer", config().build());
    var wrongType = assertThrows(IllegalArgumentException.class, () -> transformer.resume(tmp));
    assertEquals("checkpoint " + tmp.resolve("last") + " holds a 'plain' model, not 'transformer'", wrongType.getMessage());
  }

  @Test
  void train_devBleuThatStopsImproving_stopsEarlyAfterPatience(@TempDir Path tmp) throws Exception {
    // A learning rate this small leaves the greedy translations, and so BLEU, unchanged.
    TrainerConfig c = config().epochs(10).lr(1e-12).schedule(TrainerConfig.ScheduleKind.CONSTANT, 0, 0).patience(2).build();
    Seq2SeqTrainer t = trainer("bahdanau", c);
    List<EpochResult> heard = new ArrayList<>();
    t.listener(new TrainingListener() {
      @Override
      public void onEpochEnd(EpochResult r) {
        heard.add(r);
      }
    });
    TrainingReport r = t.train(tmp);
    assertEquals(TrainingReport.StopReason.EARLY_STOPPED, r.stop());
    assertEquals(3, r.epochsCompleted());
    assertEquals(r.history(), heard);
    assertEquals(1, r.bestEpoch());
    assertEquals(List.of(true, false, false), r.history().stream().map(EpochResult::improved).toList());
    assertEquals(tmp.resolve("best"), r.bestCheckpoint());
    Seq2SeqCheckpoint best = Seq2SeqCheckpoints.load(tmp.resolve("best"), "bahdanau");
    assertEquals(r.history().getFirst().step(), best.step());
    // Resuming a run that stopped early does nothing more.
    TrainingReport again = trainer("bahdanau", c).resume(tmp);
    assertEquals(TrainingReport.StopReason.EARLY_STOPPED, again.stop());
    assertEquals(List.of(), again.losses());
  }

  @Test
  void train_learns_lossFallsAndProgressIsReported(@TempDir Path tmp) throws Exception {
    TrainerConfig c = config().epochs(6).lr(1e-2).checkpointEvery(5).build();
    Seq2SeqTrainer t = trainer("bahdanau", c);
    List<StepProgress> steps = new ArrayList<>();
    List<Path> saved = new ArrayList<>();
    TrainingListener.TrainingPlan[] plan = new TrainingListener.TrainingPlan[1];
    t.listener(new TrainingListener() {
      @Override
      public void onStart(TrainingPlan p) {
        plan[0] = p;
      }

      @Override
      public void onStep(StepProgress p) {
        steps.add(p);
      }

      @Override
      public void onCheckpoint(Path dir, boolean best) {
        saved.add(dir);
      }
    });
    TrainingReport r = t.train(tmp);
    assertNotNull(plan[0]);
    assertEquals(DATA.train().size(), plan[0].trainPairs());
    assertEquals(r.steps(), steps.size());
    assertEquals(r.steps(), steps.getLast().step());
    assertEquals(1.0, steps.getLast().fraction(), 0.1);
    assertTrue(steps.getLast().tokensPerSecond() > 0);
    List<EpochResult> h = r.history();
    assertTrue(h.getLast().trainLoss() < 0.8 * h.getFirst().trainLoss(), h.toString());
    assertTrue(h.getLast().devLoss() < h.getFirst().devLoss(), h.toString());
    assertTrue(Files.isRegularFile(tmp.resolve("last/trainer.json")));
    assertTrue(saved.stream().filter(p -> p.endsWith("last")).count() >= r.steps() / 5);
    assertTrue(r.summary().startsWith("completed after " + r.steps() + " steps (6 epochs); best dev BLEU"), r.summary());
  }

  @Test
  void train_stepLimitAndNoCheckpointDirectory() throws Exception {
    TrainingReport r = trainer("plain", config().maxSteps(4).build()).train(null);
    assertEquals(TrainingReport.StopReason.MAX_STEPS, r.stop());
    assertEquals(4, r.steps());
    assertEquals(4, r.losses().size());
    assertEquals(null, r.lastCheckpoint());
  }

  @Test
  void train_withoutDevPairs_hasNoDevScores_andResumesForMoreEpochs(@TempDir Path tmp) throws Exception {
    ParallelCorpus noDev = new ParallelCorpus(CORPUS.info(), CORPUS.train(), List.of(), CORPUS.test());
    TranslationData data = TranslationData.encode("corpus no-dev", noDev, TOKENIZER, TOKENIZER, LengthPolicy.maxTokens(0));
    StepRandom rng = new StepRandom(3);
    TrainingReport r = new Seq2SeqTrainer(TrainFixtures.model("plain", TOKENIZER, rng, 0), rng, TOKENIZER, TOKENIZER, data,
        config().epochs(1).build()).train(tmp);
    EpochResult e = r.history().getFirst();
    assertTrue(Double.isNaN(e.devLoss()) && Double.isNaN(e.devBleu()), e.toString());
    assertEquals(0, r.bestEpoch());
    assertEquals(null, r.bestCheckpoint());
    StepRandom again = new StepRandom(3);
    TrainingReport more = new Seq2SeqTrainer(TrainFixtures.model("plain", TOKENIZER, again, 0), again, TOKENIZER, TOKENIZER,
        data, config().epochs(2).build()).resume(tmp);
    assertEquals(2, more.epochsCompleted());
    assertEquals(2 * r.steps(), more.steps(), 2.0); // epochs differ by a batch or so
    var early = assertThrows(IllegalArgumentException.class, () -> new Seq2SeqTrainer(
        TrainFixtures.model("plain", TOKENIZER, again, 0), again, TOKENIZER, TOKENIZER, data, config().patience(1).build()));
    assertEquals("Seq2SeqTrainer: early stopping (patience 1) needs dev pairs, and corpus no-dev has none after filtering",
        early.getMessage());
  }

  @Test
  void constructor_tokenizerOfAnotherSize_isRefused() {
    StepRandom rng = new StepRandom(1);
    Seq2SeqModel model = TrainFixtures.model("plain", TOKENIZER, rng, 0);
    WordTokenizer small = WordTokenizer.build(List.of("a b c"), 1, 100);
    var e = assertThrows(IllegalArgumentException.class,
        () -> new Seq2SeqTrainer(model, rng, small, TOKENIZER, DATA, config().build()));
    assertTrue(e.getMessage().startsWith("Seq2SeqTrainer: the tokenizers (7 and " + TOKENIZER.vocabSize()), e.getMessage());
  }
}
