package org.attention4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.attention4j.io.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Our BLEU, chrF, tokenizers, buckets and SQuAD scores against the numbers sacreBLEU 2.6 (and the
 * official SQuAD v1.1 functions) computed on the same sentences: {@code eval/sacrebleu.json},
 * written by {@code scripts/reference/fx_text_eval.py}. Scores must agree to 1e-4 points.
 */
@SuppressWarnings("unchecked")
class SacrebleuFixtureTest {
  private static final double TOL = 1e-4;
  private static Map<String, Object> fixture;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = SacrebleuFixtureTest.class.getResourceAsStream("/eval/sacrebleu.json")) {
      fixture = Json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8), "sacrebleu.json");
    }
  }

  private static List<Map<String, Object>> list(Object o) {
    return (List<Map<String, Object>>) o;
  }

  private static double num(Object o) {
    return ((Number) o).doubleValue();
  }

  private static BleuTokenizer tokenizer(String name) {
    return switch (name) {
      case "13a" -> BleuTokenizer.THIRTEEN_A;
      case "zh" -> BleuTokenizer.ZH;
      case "none" -> BleuTokenizer.NONE;
      default -> throw new IllegalArgumentException("unknown tokenizer " + name);
    };
  }

  private static Bleu.Options options(Map<String, Object> c, boolean effectiveOrder) {
    Bleu.Smoothing s = switch ((String) c.get("smooth_method")) {
      case "exp" -> Bleu.Smoothing.EXP;
      case "none" -> Bleu.Smoothing.NONE;
      case "floor" -> Bleu.Smoothing.FLOOR;
      case "add-k" -> Bleu.Smoothing.ADD_K;
      default -> throw new IllegalArgumentException(String.valueOf(c.get("smooth_method")));
    };
    double value = c.get("smooth_value") == null ? Double.NaN : num(c.get("smooth_value"));
    return new Bleu.Options(tokenizer((String) c.get("tokenize")), (Boolean) c.get("lowercase"), s,
        value, ((Number) c.get("max_order")).intValue(), effectiveOrder);
  }

  private static List<String> segmentRefs(List<List<String>> streams, int i) {
    List<String> refs = new ArrayList<>();
    for (List<String> s : streams) if (s.get(i) != null) refs.add(s.get(i));
    return refs;
  }

  @Test
  void tokenizers_matchSacrebleu() {
    int n = 0;
    for (Map<String, Object> c : list(fixture.get("tokenize"))) {
      String input = (String) c.get("input");
      String got = tokenizer((String) c.get("tokenizer")).tokenize(PythonText.rstrip(input));
      assertEquals(c.get("output"), got, c.get("tokenizer") + " " + Json.write(input, false));
      n++;
    }
    assertEquals(194, n);
  }

  @Test
  void corpusBleu_matchesSacrebleu() {
    double worst = 0;
    for (Map<String, Object> c : list(fixture.get("corpora"))) {
      String name = (String) c.get("name");
      List<String> hyps = (List<String>) c.get("hyps");
      List<List<String>> refs = (List<List<String>>) c.get("refs");
      Bleu.Options o = options(c, (Boolean) c.get("effective_order"));
      BleuScore ours = Bleu.corpusMultiReference(hyps, refs, o);
      Map<String, Object> want = (Map<String, Object>) c.get("corpus_bleu");
      assertEquals(num(want.get("score")), ours.score(), TOL, name);
      worst = Math.max(worst, Math.abs(num(want.get("score")) - ours.score()));
      List<Object> precisions = (List<Object>) want.get("precisions");
      for (int n = 0; n < precisions.size(); n++) {
        assertEquals(num(precisions.get(n)), ours.precisions().get(n), 1e-9, name + " p" + (n + 1));
      }
      if (o.smoothing() != Bleu.Smoothing.ADD_K) { // sacreBLEU reports add-k counts after adding k
        assertEquals(want.get("counts"), ours.counts(), name);
        assertEquals(want.get("totals"), ours.totals(), name);
        assertEquals(want.get("text"), ours.toString(), name);
      }
      assertEquals(num(want.get("bp")), ours.bp(), 1e-12, name);
      assertEquals(num(want.get("ratio")), ours.ratio(), 1e-12, name);
      assertEquals(want.get("sys_len"), ours.hypLen(), name);
      assertEquals(want.get("ref_len"), ours.refLen(), name);
    }
    System.out.printf("SacrebleuFixtureTest: corpus BLEU, largest difference %.1e points%n", worst);
  }

  @Test
  void sentenceBleu_matchesSacrebleu() {
    int n = 0;
    double worst = 0;
    for (Map<String, Object> c : list(fixture.get("corpora"))) {
      List<String> hyps = (List<String>) c.get("hyps");
      List<List<String>> refs = (List<List<String>>) c.get("refs");
      List<Object> want = (List<Object>) c.get("sentence_bleu");
      Bleu.Options o = options(c, true);
      for (int i = 0; i < hyps.size(); i++) {
        double ours = Bleu.sentence(hyps.get(i), segmentRefs(refs, i), o).score();
        assertEquals(num(want.get(i)), ours, TOL, c.get("name") + " segment " + i);
        worst = Math.max(worst, Math.abs(num(want.get(i)) - ours));
        n++;
      }
    }
    System.out.printf("SacrebleuFixtureTest: %d sentence BLEU scores, largest difference %.1e%n", n, worst);
    assertTrue(n >= 700, "cases " + n);
  }

  @Test
  void chrf_matchesSacrebleu() {
    int n = 0;
    double worst = 0;
    for (Map<String, Object> c : list(fixture.get("corpora"))) {
      if (!c.containsKey("corpus_chrf")) continue;
      List<String> hyps = (List<String>) c.get("hyps");
      List<List<String>> refs = (List<List<String>>) c.get("refs");
      boolean lc = (Boolean) c.get("lowercase");
      for (String key : List.of("chrf", "chrfpp")) {
        Chrf.Options o = new Chrf.Options(6, key.equals("chrf") ? 0 : 2, 2, lc, false, false);
        Map<String, Object> want = (Map<String, Object>) c.get("corpus_" + key);
        ChrfScore ours = Chrf.corpusMultiReference(hyps, refs, o);
        assertEquals(num(want.get("score")), ours.score(), TOL, c.get("name") + " " + key);
        assertEquals(want.get("text"), ours.toString(), c.get("name") + " " + key);
        List<Object> sentences = (List<Object>) c.get("sentence_" + key);
        for (int i = 0; i < hyps.size(); i++) {
          double s = Chrf.sentence(hyps.get(i), segmentRefs(refs, i), o).score();
          assertEquals(num(sentences.get(i)), s, TOL, c.get("name") + " " + key + " segment " + i);
          worst = Math.max(worst, Math.abs(num(sentences.get(i)) - s));
          n++;
        }
      }
    }
    System.out.printf("SacrebleuFixtureTest: %d sentence chrF/chrF++ scores, largest difference %.1e%n",
        n, worst);
  }

  @Test
  void buckets_matchSacrebleuOnSubsets() {
    Map<String, Object> b = (Map<String, Object>) fixture.get("buckets");
    List<Integer> lengths = ((List<Object>) b.get("source_lengths")).stream()
        .map(x -> ((Number) x).intValue()).toList();
    List<Integer> bounds = ((List<Object>) b.get("bounds")).stream().map(x -> ((Number) x).intValue()).toList();
    List<BucketedBleu.Bucket> ours = BucketedBleu.compute(lengths, (List<String>) b.get("hyps"),
        (List<String>) b.get("refs"), bounds, Bleu.Options.CORPUS);
    List<Map<String, Object>> want = list(b.get("expected"));
    assertEquals(want.size(), ours.size());
    for (int i = 0; i < want.size(); i++) {
      assertEquals(want.get(i).get("label"), ours.get(i).label());
      assertEquals(((Number) want.get(i).get("sentences")).intValue(), ours.get(i).sentences());
      Object score = want.get(i).get("score");
      assertEquals(score == null, ours.get(i).bleu().isEmpty(), ours.get(i).label());
      if (score != null) assertEquals(num(score), ours.get(i).bleu().orElseThrow().score(), TOL);
    }
  }

  @Test
  void squad_matchesOfficialScript() {
    List<String> predictions = new ArrayList<>();
    List<List<String>> golds = new ArrayList<>();
    for (Map<String, Object> c : list(fixture.get("squad"))) {
      String p = (String) c.get("prediction");
      List<String> g = (List<String>) c.get("golds");
      assertEquals(c.get("normalized"), Squad.normalize(p), p);
      assertEquals(c.get("exact_match"), Squad.exactMatch(p, g), p);
      assertEquals(num(c.get("f1")), Squad.f1(p, g), 1e-12, p);
      predictions.add(p);
      golds.add(g);
    }
    Map<String, Object> corpus = (Map<String, Object>) fixture.get("squad_corpus");
    Squad.Score s = Squad.score(predictions, golds);
    assertEquals(num(corpus.get("exact_match")), s.exactMatch(), 1e-9);
    assertEquals(num(corpus.get("f1")), s.f1(), 1e-9);
  }
}
