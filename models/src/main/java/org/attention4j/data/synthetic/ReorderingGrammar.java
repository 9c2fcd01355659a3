package org.attention4j.data.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A toy translation task with gold word alignments: an English-like SVO source language and a
 * made-up target language that differs from it by systematic rules, so that a translation
 * model has to learn reordering and the attention it learns can be scored against the truth
 * (alignment error rate).
 *
 * <pre>
 * source                                         target
 * sentence = clause (conj clause)*               clause' (conj' clause')*
 * clause   = NP verb NP PP*                      NP' NP' PP'* stem tense     (SVO → SOV)
 * NP       = det adj* noun                       noun-det adj*               (adjective after
 *                                                                             the noun; det and
 *                                                                             noun fused)
 * PP       = prep NP                             NP' postp                   (postpositions)
 * verb     = watched / watches (one word)        stem + tense particle       (one → two words)
 * </pre>
 *
 * Example (seed 1, the 16th sentence):
 * <pre>
 * source   the tower admires the thin school behind the black cake
 *          0   1     2       3   4    5      6      7   8     9
 * target   kigiho-hu gokeyo-hu niyoyi takape-hu dume ya rahi me
 *          0         1         2      3         4    5  6    7
 * sure     1-0 2-6 2-7 4-2 5-1 6-5 8-4 9-3
 * possible 0-0 1-0 2-6 2-7 3-1 4-2 5-1 6-5 7-3 8-4 9-3
 * </pre>
 * ({@code admires} → stem {@code rahi} + present particle {@code me}; {@code the thin school}
 * → {@code gokeyo-hu niyoyi}; {@code behind the black cake} → {@code takape-hu dume ya}.)
 *
 * <p>Gold alignment ({@link AlignedPair}): every target word has at least one sure link —
 * the fused noun to its source noun, adjectives, conjunctions and postpositions to their
 * source words, both the verb stem and the tense particle to the inflected source verb. The
 * fused noun is also linked to its determiner, as a <em>possible</em> link (many-to-one: the
 * target word stands for a two-word source span, but only the noun is an unambiguous match).
 * Every source word is linked.
 *
 * <p>Lengths: a clause has 5 words at least ({@code the dog watched a cat}); with the
 * defaults (1–2 clauses, up to 2 adjectives per noun phrase, up to 2 prepositional phrases per
 * clause) sources range from 5 to 39 words.
 *
 * <p>Randomness is explicit: the constructor draws the target vocabulary from its generator,
 * {@link #sample} draws a sentence from its own; the same seeds give the same words and
 * sentences.
 */
public final class ReorderingGrammar {

  /**
   * The size of the task, with the defaults in {@link #DEFAULTS}.
   *
   * @param nouns noun vocabulary (default 100; real English nouns first, made-up ones beyond)
   * @param verbs verb vocabulary (default 50), each in past and present form
   * @param adjectives adjective vocabulary (default 50)
   * @param prepositions prepositions, 1 to 12 (default 12)
   * @param minClauses fewest clauses per sentence (default 1)
   * @param maxClauses most clauses per sentence (default 2)
   * @param maxAdjectives most adjectives per noun phrase (default 2)
   * @param maxPrepPhrases most prepositional phrases per clause (default 2)
   */
  public record Config(int nouns, int verbs, int adjectives, int prepositions, int minClauses,
      int maxClauses, int maxAdjectives, int maxPrepPhrases) {

    /** 100 nouns, 50 verbs, 50 adjectives, 12 prepositions; 1–2 clauses, ≤ 2 adj, ≤ 2 PPs. */
    public static final Config DEFAULTS = new Config(100, 50, 50, 12, 1, 2, 2, 2);

    public Config {
      check("nouns", nouns, 2, 5000);
      check("verbs", verbs, 1, 5000);
      check("adjectives", adjectives, 1, 5000);
      check("prepositions", prepositions, 1, Lexicon.PREPOSITIONS.size());
      check("minClauses", minClauses, 1, 10);
      check("maxClauses", maxClauses, minClauses, 10);
      check("maxAdjectives", maxAdjectives, 0, 5);
      check("maxPrepPhrases", maxPrepPhrases, 0, 5);
    }

    private static void check(String name, int v, int min, int max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException("ReorderingGrammar.Config: " + name + " must be in ["
            + min + ", " + max + "], got " + v);
      }
    }

    /** The longest source sentence this config can produce, in words. */
    public int maxSourceLength() {
      int np = 2 + maxAdjectives;
      return maxClauses * (2 * np + 1 + maxPrepPhrases * (1 + np)) + (maxClauses - 1);
    }
  }

  private final Config config;
  private final Lexicon lex;

  /**
   * A grammar with a target vocabulary drawn from {@code rng}.
   *
   * @param rng draws the made-up words (the same seed gives the same vocabulary)
   */
  public ReorderingGrammar(Config config, RandomGenerator rng) {
    this.config = config;
    this.lex = new Lexicon(config.nouns(), config.verbs(), config.adjectives(),
        config.prepositions(), rng);
  }

  /** The config. */
  public Config config() {
    return config;
  }

  /** Source vocabulary size: determiners, nouns, verb forms, adjectives, prepositions, ... */
  public int sourceVocabularySize() {
    return 3 + config.nouns() + 2 * config.verbs() + config.adjectives() + config.prepositions()
        + Lexicon.CONJUNCTIONS.size();
  }

  /** Target vocabulary size: fused nouns, verb stems, particles, adjectives, postpositions, ... */
  public int targetVocabularySize() {
    return 2 * config.nouns() + config.verbs() + 2 + config.adjectives() + config.prepositions()
        + Lexicon.CONJUNCTIONS.size();
  }

  /** One sentence pair with its alignment, drawn from {@code rng}. */
  public AlignedPair sample(RandomGenerator rng) {
    Builder b = new Builder();
    int clauses = between(rng, config.minClauses(), config.maxClauses());
    for (int c = 0; c < clauses; c++) {
      if (c > 0) {
        int k = rng.nextInt(Lexicon.CONJUNCTIONS.size());
        int s = b.src(Lexicon.CONJUNCTIONS.get(k), Role.CONJ);
        b.tgt(lex.tgtConjunctions.get(k), Role.CONJ, List.of(s), List.of());
      }
      clause(b, rng);
    }
    return b.build();
  }

  private void clause(Builder b, RandomGenerator rng) {
    // Source order S V O PP*; target order S' O' PP'* stem tense. Emit the source first,
    // remembering each constituent's target rendering, then emit the target in its order.
    List<Runnable> target = new ArrayList<>();
    target.add(nounPhrase(b, rng));
    int v = rng.nextInt(config.verbs());
    boolean isPast = rng.nextBoolean();
    String lemma = lex.verbs.get(v);
    int verb = b.src(isPast ? Lexicon.past(lemma) : Lexicon.present(lemma), Role.VERB);
    target.add(nounPhrase(b, rng));
    int pps = rng.nextInt(config.maxPrepPhrases() + 1);
    for (int i = 0; i < pps; i++) {
      int p = rng.nextInt(config.prepositions());
      int prep = b.src(lex.prepositions.get(p), Role.PREP);
      Runnable np = nounPhrase(b, rng);
      target.add(() -> {
        np.run();
        b.tgt(lex.tgtPostpositions.get(p), Role.POSTP, List.of(prep), List.of());
      });
    }
    target.add(() -> {
      b.tgt(lex.tgtVerbs.get(v), Role.VERB, List.of(verb), List.of());
      b.tgt(isPast ? lex.past : lex.present, Role.TENSE, List.of(verb), List.of());
    });
    target.forEach(Runnable::run);
  }

  /** Emits a source noun phrase now; returns the action that emits its target rendering. */
  private Runnable nounPhrase(Builder b, RandomGenerator rng) {
    boolean definite = rng.nextBoolean();
    int adjCount = rng.nextInt(config.maxAdjectives() + 1);
    int[] adjs = new int[adjCount];
    for (int i = 0; i < adjCount; i++) {
      adjs[i] = rng.nextInt(config.adjectives());
    }
    int n = rng.nextInt(config.nouns());
    String next = adjCount > 0 ? lex.adjectives.get(adjs[0]) : lex.nouns.get(n);
    String det = definite ? "the" : "aeiou".indexOf(next.charAt(0)) >= 0 ? "an" : "a";
    int detIndex = b.src(det, Role.DET);
    int[] adjIndex = new int[adjCount];
    for (int i = 0; i < adjCount; i++) {
      adjIndex[i] = b.src(lex.adjectives.get(adjs[i]), Role.ADJ);
    }
    int noun = b.src(lex.nouns.get(n), Role.NOUN);
    return () -> {
      b.tgt(lex.tgtNouns.get(n) + "-" + (definite ? lex.definite : lex.indefinite), Role.NOUN,
          List.of(noun), List.of(detIndex));
      for (int i = 0; i < adjCount; i++) {
        b.tgt(lex.tgtAdjectives.get(adjs[i]), Role.ADJ, List.of(adjIndex[i]), List.of());
      }
    };
  }

  private static int between(RandomGenerator rng, int min, int max) {
    return min + rng.nextInt(max - min + 1);
  }

  /** Collects tokens, roles and links as a sentence is generated. */
  private static final class Builder {
    final List<String> src = new ArrayList<>();
    final List<Role> srcRoles = new ArrayList<>();
    final List<String> tgt = new ArrayList<>();
    final List<Role> tgtRoles = new ArrayList<>();
    final List<Link> sure = new ArrayList<>();
    final List<Link> possible = new ArrayList<>();

    int src(String word, Role role) {
      src.add(word);
      srcRoles.add(role);
      return src.size() - 1;
    }

    void tgt(String word, Role role, List<Integer> sureTo, List<Integer> possibleTo) {
      int j = tgt.size();
      tgt.add(word);
      tgtRoles.add(role);
      for (int i : sureTo) {
        sure.add(new Link(i, j));
        possible.add(new Link(i, j));
      }
      for (int i : possibleTo) {
        possible.add(new Link(i, j));
      }
    }

    AlignedPair build() {
      return new AlignedPair(src, tgt, srcRoles, tgtRoles, sure, possible);
    }
  }
}
