package org.attention4j.cli.translate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.attention4j.models.registry.Seq2SeqCheckpoints;
import org.attention4j.models.registry.Seq2SeqModels;
import org.attention4j.models.seq2seq.Seq2SeqModel;
import org.attention4j.text.WordTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input gets exit 1 (or 2 for a bad command line) and one clear {@code attn: } line. */
class TranslateErrorsTest {
  @TempDir static Path tmp;
  static Path corpus;
  static Path bahdanau;
  static Path transformer;
  static Path plain;
  static Path twoLines;

  /** An untrained checkpoint: a word tokenizer shared by both sides and a tiny model. */
  static Path checkpoint(String name, String type, Map<String, Object> overrides) throws IOException {
    WordTokenizer tok = WordTokenizer.build(List.of("a b c d e f g h", "x y z"), 1, 100);
    Seq2SeqModel m = Seq2SeqModels.create(type, tok.vocabSize(), tok.vocabSize(), tok.padId(), overrides,
        new SplittableRandom(1));
    Path dir = tmp.resolve(name);
    Seq2SeqCheckpoints.save(dir, m, tok, tok, null, null);
    return dir;
  }

  @BeforeAll
  static void setUp() throws IOException {
    corpus = tmp.resolve("syn");
    Cli.run("data", "import", "synthetic", "--pairs", "60", "--seed", "1", "--out", corpus.toString()).assertOk();
    Map<String, Object> rnn = Map.of("hiddenDim", 8, "embedDim", 8, "attentionDim", 8);
    bahdanau = checkpoint("bahdanau", "bahdanau", rnn);
    plain = checkpoint("plain", "plain", Map.of("hiddenDim", 8, "embedDim", 8));
    transformer = checkpoint("transformer", "transformer", Map.of("dModel", 8, "heads", 2, "encoderLayers", 1,
        "decoderLayers", 1, "ffDim", 16, "maxLength", 6));
    twoLines = write("two.txt", "a b c", "x y");
  }

  static Path write(String name, String... lines) throws IOException {
    Path p = tmp.resolve(name);
    Files.write(p, List.of(lines), StandardCharsets.UTF_8);
    return p;
  }

  // ---------------------------------------------------------------- checkpoints

  @Test
  void missingModelDir() {
    Path none = tmp.resolve("none");
    assertEquals("attn: not a checkpoint directory: " + none + " (it does not exist)",
        Cli.run("translate", "--model", none.toString(), "--input", twoLines.toString()).assertFailure());
    assertEquals("attn: not a checkpoint directory: " + none + " (it does not exist)",
        Cli.run("eval", "translate", "--model", none.toString(), "--corpus", corpus.toString()).assertFailure());
  }

  @Test
  void dirWithoutCheckpoint() throws IOException {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    assertEquals("attn: not a checkpoint directory: " + empty + " (missing config.json, and no best/ or last/ checkpoint"
        + " inside)", Cli.run("align", "--model", empty.toString(), "--src", twoLines.toString(), "--tgt",
        twoLines.toString()).assertFailure());
  }

  @Test
  void checkpointOfAnotherKind() throws IOException {
    Path lm = Files.createDirectories(tmp.resolve("lm"));
    Files.writeString(lm.resolve("config.json"), "{\"model_type\": \"gru_lm\", \"vocab\": 10}");
    assertEquals("attn: checkpoint " + lm + " is not a translation checkpoint (config.json has format null, expected"
        + " \"attention4j-seq2seq\" with a model_type)",
        Cli.run("translate", "--model", lm.toString(), "--input", twoLines.toString()).assertFailure());
  }

  @Test
  void resume_checkpointOfAnotherModelType() throws IOException {
    Path out = tmp.resolve("other-type");
    Seq2SeqModel m = Seq2SeqCheckpoints.load(bahdanau).model();
    var tok = Seq2SeqCheckpoints.load(bahdanau).sourceTokenizer();
    Seq2SeqCheckpoints.save(out.resolve("last"), m, tok, tok, null, null);
    assertEquals("attn: checkpoint " + out.resolve("last") + " holds a 'bahdanau' model, not 'transformer'",
        Cli.run("train", "translate", "--out", out.toString(), "--resume", "--model", "transformer", "--corpus",
            corpus.toString()).assertFailure());
  }

  @Test
  void corruptTokenizerJson() throws IOException {
    Path copy = tmp.resolve("corrupt");
    Files.createDirectories(copy);
    for (String f : List.of("config.json", "model.safetensors", "trainer.json")) {
      Files.copy(bahdanau.resolve(f), copy.resolve(f));
    }
    Files.writeString(copy.resolve("tokenizer.json"), "{\"version\": \"1.0\", \"model\": ");
    String line = Cli.run("translate", "--model", copy.toString(), "--input", twoLines.toString()).assertFailure();
    assertTrue(line.startsWith("attn: " + copy.resolve("tokenizer.json") + ": "), line);
  }

  // ---------------------------------------------------------------- input text

  @Test
  void emptyInput() throws IOException {
    Path empty = write("empty.txt");
    assertEquals("attn: no input: " + empty + " is empty",
        Cli.run("translate", "--model", bahdanau.toString(), "--input", empty.toString()).assertFailure());
    assertEquals("attn: no input: --src " + empty + " is empty",
        Cli.run("align", "--model", bahdanau.toString(), "--src", empty.toString(), "--tgt", twoLines.toString())
            .assertFailure());
  }

  @Test
  void missingInputFile() {
    Path none = tmp.resolve("no-such.txt");
    assertEquals("attn: " + none + ": no such input file",
        Cli.run("translate", "--model", bahdanau.toString(), "--input", none.toString()).assertFailure());
  }

  @Test
  void lineLongerThanTheModelsLimit_namesTheLine_unlessTruncated() throws IOException {
    Path in = write("long.txt", "a b c", "a b c d e f g h");
    assertEquals("attn: line 2 of " + in + " has 8 source tokens, more than the 6 of transformer maxLength 6 (use"
        + " --truncate to cut long lines)",
        Cli.run("translate", "--model", transformer.toString(), "--input", in.toString(), "--beam", "1").assertFailure());
    Cli ok = Cli.run("translate", "--model", transformer.toString(), "--input", in.toString(), "--beam", "2",
        "--truncate").assertOk();
    assertEquals(2, ok.outLines().size(), ok.out());
    assertEquals("attn: line 2 of --src " + in + " has 8 tokens, more than the 6 of transformer maxLength 6",
        Cli.run("align", "--model", transformer.toString(), "--src", in.toString(), "--tgt", in.toString())
            .assertFailure());
  }

  @Test
  void modelWithoutAttention() {
    assertEquals("attn: the plain model has no attention to align with; use a model with attention (bahdanau, luong-*,"
        + " local-*, transformer)", Cli.run("align", "--model", plain.toString(), "--src", twoLines.toString(), "--tgt",
        twoLines.toString()).assertFailure());
    assertEquals("attn: --show-attention: the plain model has no attention to show",
        Cli.run("translate", "--model", plain.toString(), "--input", twoLines.toString(), "--show-attention")
            .assertFailure());
  }

  @Test
  void align_linesMustPairUp() throws IOException {
    Path one = write("one.txt", "a b");
    assertEquals("attn: --src " + twoLines + " has 2 lines, --tgt " + one + " has 1; line k of one must translate line k"
        + " of the other", Cli.run("align", "--model", bahdanau.toString(), "--src", twoLines.toString(), "--tgt",
        one.toString()).assertFailure());
    Path gold = write("gold.txt", "0-0 1-1");
    assertEquals("attn: --gold " + gold + " has 1 lines, but there are 2 sentence pairs", Cli.run("align", "--model",
        bahdanau.toString(), "--src", twoLines.toString(), "--tgt", twoLines.toString(), "--gold", gold.toString())
        .assertFailure());
    assertEquals("attn: " + one + ": line 1: token \"a\" is not i-j (sure) or i?j / ipj (possible) with 0-based word"
        + " positions", Cli.run("align", "--model", bahdanau.toString(), "--src", one.toString(), "--tgt", one.toString(),
        "--gold", one.toString()).assertFailure());
  }

  // ---------------------------------------------------------------- training

  @Test
  void unknownModelType_isAUsageErrorListingTheTypes() {
    assertEquals("attn: unknown model type 'gru'; valid types: " + String.join(", ", Seq2SeqModels.modelTypes())
        + " (see 'attn train translate --help')", Cli.run("train", "translate", "--corpus", corpus.toString(), "--model",
        "gru", "--out", tmp.resolve("o").toString()).assertUsageError());
    assertTrue(Cli.run("train", "translate", "--corpus", corpus.toString(), "--out", tmp.resolve("o").toString())
        .assertUsageError().startsWith("attn: --model is required; one of: plain, bahdanau, "));
  }

  @Test
  void corpusWithoutTrainingPairs() {
    Path out = tmp.resolve("filtered");
    String line = Cli.run("train", "translate", "--corpus", corpus.toString(), "--model", "bahdanau", "--hidden", "8",
        "--max-tokens", "2", "--out", out.toString()).assertFailure();
    assertTrue(line.startsWith("attn: corpus " + corpus + " has no training pairs after filtering to 2 tokens ("), line);
  }

  @Test
  void missingCorpus() {
    Path none = tmp.resolve("no-corpus");
    assertEquals("attn: " + none + ": no such corpus directory (build one with 'attn data import ...', or use bundled:bible)",
        Cli.run("train", "translate", "--corpus", none.toString(), "--model", "bahdanau", "--out",
            tmp.resolve("o2").toString()).assertFailure());
    assertEquals("attn: unknown bundled corpus 'bundled:quran'; the bundled one is bundled:bible",
        Cli.run("eval", "translate", "--model", bahdanau.toString(), "--corpus", "bundled:quran").assertFailure());
  }

  @Test
  void resume_withoutARun() {
    Path out = tmp.resolve("nothing");
    assertEquals("attn: nothing to resume: " + out + " has no last/ checkpoint (train without --resume first)",
        Cli.run("train", "translate", "--out", out.toString(), "--resume").assertFailure());
  }

  @Test
  void freshRun_intoAnExistingRun_isRefused() throws IOException {
    Path out = tmp.resolve("existing");
    Files.createDirectories(out.resolve("last"));
    assertTrue(Cli.run("train", "translate", "--corpus", corpus.toString(), "--model", "bahdanau", "--out", out.toString())
        .assertUsageError().startsWith("attn: " + out + " already holds a training run (last/); add --resume to continue"
            + " it, or choose another --out"));
  }

  @Test
  void badOptions_areUsageErrors() {
    String out = tmp.resolve("o3").toString();
    String c = corpus.toString();
    assertTrue(Cli.run("train", "translate", "--corpus", c, "--model", "bahdanau", "--heads", "4", "--out", out)
        .assertUsageError().startsWith("attn: --heads applies to the transformer only, not to bahdanau"));
    assertTrue(Cli.run("train", "translate", "--corpus", c, "--model", "transformer", "--d-model", "30", "--heads", "4",
        "--out", out).assertUsageError().startsWith("attn: model options: TransformerConfig: dModel (30) must be divisible"
        + " by heads (4)"));
    assertTrue(Cli.run("train", "translate", "--corpus", c, "--model", "bahdanau", "--vocab", "100", "--out", out)
        .assertUsageError().startsWith("attn: --vocab must be >= 260 for the bpe tokenizer, got 100"));
    assertTrue(Cli.run("train", "translate", "--corpus", c, "--model", "bahdanau", "--tokenizer", "spm", "--out", out)
        .assertUsageError().startsWith("attn: unknown tokenizer 'spm'; valid: bpe, word, char"));
    assertTrue(Cli.run("train", "translate", "--corpus", c, "--model", "bahdanau", "--schedule", "step", "--out", out)
        .assertUsageError().startsWith("attn: unknown schedule 'step'; valid: noam, cosine, constant, linear"));
    assertTrue(Cli.run("train", "translate", "--corpus", c, "--model", "bahdanau", "--lr", "0", "--out", out)
        .assertUsageError().startsWith("attn: --lr must be > 0, got 0.0"));
    assertEquals("attn: --attention-every must be >= 0, got -1 (see 'attn train translate --help')", Cli.run("train", "translate", "--corpus", c, "--model",
        "bahdanau", "--attention-every", "-1", "--out", out).assertUsageError());
    assertEquals("attn: --attention-examples must be >= 1, got 0 (see 'attn train translate --help')", Cli.run("train", "translate", "--corpus", c, "--model",
        "bahdanau", "--attention-examples", "0", "--out", out).assertUsageError());
    assertFalse(Files.exists(Path.of(out)), "a usage error writes nothing, not even run.json");
    assertTrue(Cli.run("train", "translate", "--out", out, "--resume", "--hidden", "8")
        .assertUsageError().startsWith("attn: --resume continues with the checkpoint's model and tokenizers; leave out"
            + " --hidden"));
    assertTrue(Cli.run("translate", "--model", bahdanau.toString(), "--beam", "2", "--nbest", "3").assertUsageError()
        .startsWith("attn: --nbest must be in 1..--beam (2), got 3"));
    assertTrue(Cli.run("eval", "translate", "--model", bahdanau.toString(), "--corpus", c, "--beam", "1", "--beta", "0.2")
        .assertUsageError().startsWith("attn: --beta (coverage penalty) needs beam search: give --beam 2 or more"));
    assertTrue(Cli.run("eval", "translate", "--model", bahdanau.toString(), "--corpus", c, "--split", "train")
        .assertUsageError().startsWith("attn: --split must be test or dev, got 'train'"));
    assertTrue(Cli.run("align", "--model", bahdanau.toString(), "--src", "a", "--tgt", "b", "--method", "max")
        .assertUsageError().startsWith("attn: --method must be argmax or threshold, got 'max'"));
    assertTrue(Cli.run("train").assertUsageError().startsWith("attn: missing command; one of: translate"));
    assertTrue(Cli.run("eval").assertUsageError().startsWith("attn: missing command; one of: translate"));
  }

  @Test
  void help_isAvailableEverywhere() {
    for (String[] args : List.of(new String[] {"train", "translate", "--help"}, new String[] {"translate", "--help"},
        new String[] {"eval", "translate", "--help"}, new String[] {"align", "--help"})) {
      Cli r = Cli.run(args).assertOk();
      assertTrue(r.out().startsWith("Usage: attn "), r.out());
    }
  }
}
