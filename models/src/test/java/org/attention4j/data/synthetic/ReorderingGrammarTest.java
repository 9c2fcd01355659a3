package org.attention4j.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReorderingGrammarTest {

  private static List<AlignedPair> samples(ReorderingGrammar.Config config, int n, long seed) {
    Random rng = new Random(seed);
    ReorderingGrammar g = new ReorderingGrammar(config, rng);
    List<AlignedPair> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(g.sample(rng));
    }
    return out;
  }

  private static final List<AlignedPair> PAIRS = samples(ReorderingGrammar.Config.DEFAULTS,
      2000, 7);

  private static List<Integer> sureSources(AlignedPair p, int target) {
    return p.sure().stream().filter(l -> l.target() == target).map(Link::source).toList();
  }

  private static List<Integer> possibleOnly(AlignedPair p, int target) {
    return p.possible().stream().filter(l -> l.target() == target && !p.sure().contains(l))
        .map(Link::source).toList();
  }

  @Test
  void sample_alignmentIsValid() {
    for (AlignedPair p : PAIRS) {
      for (Link l : p.possible()) {
        assertTrue(l.source() < p.source().size() && l.target() < p.target().size(), p.toString());
      }
      assertTrue(p.possible().containsAll(p.sure()));
      for (int j = 0; j < p.target().size(); j++) {
        assertFalse(sureSources(p, j).isEmpty(), "target word " + j + " unaligned: " + p);
      }
      Set<Integer> linkedSources = new HashSet<>();
      p.possible().forEach(l -> linkedSources.add(l.source()));
      assertEquals(p.source().size(), linkedSources.size(), "a source word unaligned: " + p);
    }
  }

  @Test
  void sample_lengthsSpanTheConfiguredRange() {
    int min = PAIRS.stream().mapToInt(p -> p.source().size()).min().orElseThrow();
    int max = PAIRS.stream().mapToInt(p -> p.source().size()).max().orElseThrow();
    assertEquals(5, min);
    assertTrue(max >= 30 && max <= ReorderingGrammar.Config.DEFAULTS.maxSourceLength(),
        "max " + max);
    assertEquals(39, ReorderingGrammar.Config.DEFAULTS.maxSourceLength());
  }

  @Test
  void sample_everyTargetClauseEndsWithItsVerbAndTense() {
    for (AlignedPair p : PAIRS) {
      List<Integer> ends = new ArrayList<>();
      for (int j = 0; j < p.target().size(); j++) {
        if (p.targetRoles().get(j) == Role.CONJ) {
          ends.add(j - 1);
        }
      }
      ends.add(p.target().size() - 1);
      List<Integer> sourceVerbs = new ArrayList<>();
      for (int i = 0; i < p.source().size(); i++) {
        if (p.sourceRoles().get(i) == Role.VERB) {
          sourceVerbs.add(i);
        }
      }
      assertEquals(sourceVerbs.size(), ends.size(), p.toString());
      for (int c = 0; c < ends.size(); c++) {
        int end = ends.get(c);
        assertEquals(Role.TENSE, p.targetRoles().get(end), p.toString());
        assertEquals(Role.VERB, p.targetRoles().get(end - 1), p.toString());
        // one source verb -> stem + particle (one-to-many)
        assertEquals(List.of(sourceVerbs.get(c)), sureSources(p, end));
        assertEquals(List.of(sourceVerbs.get(c)), sureSources(p, end - 1));
      }
    }
  }

  @Test
  void sample_sourceIsSvoWithVerbAfterSubject() {
    for (AlignedPair p : PAIRS) {
      // the first verb follows the first noun phrase: det adj* noun
      int i = 0;
      assertEquals(Role.DET, p.sourceRoles().get(i++));
      while (p.sourceRoles().get(i) == Role.ADJ) {
        i++;
      }
      assertEquals(Role.NOUN, p.sourceRoles().get(i++));
      assertEquals(Role.VERB, p.sourceRoles().get(i), p.toString());
    }
  }

  @Test
  void sample_adjectivesFollowTheirNoun() {
    for (AlignedPair p : PAIRS) {
      for (int j = 0; j < p.target().size(); j++) {
        if (p.targetRoles().get(j) != Role.ADJ) {
          continue;
        }
        Role before = p.targetRoles().get(j - 1);
        assertTrue(before == Role.NOUN || before == Role.ADJ, p.toString());
        // the adjective precedes the noun in the source
        int k = j - 1;
        while (p.targetRoles().get(k) != Role.NOUN) {
          k--;
        }
        assertTrue(sureSources(p, j).getFirst() < sureSources(p, k).getFirst(), p.toString());
      }
    }
  }

  @Test
  void sample_fusedNounAlsoAlignsToItsDeterminer() {
    for (AlignedPair p : PAIRS) {
      for (int j = 0; j < p.target().size(); j++) {
        if (p.targetRoles().get(j) != Role.NOUN) {
          continue;
        }
        int noun = sureSources(p, j).getFirst();
        assertEquals(Role.NOUN, p.sourceRoles().get(noun));
        List<Integer> dets = possibleOnly(p, j); // many-to-one: det + noun -> one word
        assertEquals(1, dets.size(), p.toString());
        assertEquals(Role.DET, p.sourceRoles().get(dets.getFirst()));
        assertTrue(dets.getFirst() < noun);
        assertTrue(p.target().get(j).contains("-"), p.target().get(j));
      }
    }
  }

  @Test
  void sample_prepositionsBecomePostpositions() {
    int seen = 0;
    for (AlignedPair p : PAIRS) {
      for (int j = 0; j < p.target().size(); j++) {
        if (p.targetRoles().get(j) != Role.POSTP) {
          continue;
        }
        seen++;
        int prep = sureSources(p, j).getFirst();
        assertEquals(Role.PREP, p.sourceRoles().get(prep));
        // the postposition comes right after its noun phrase, whose noun follows the prep
        int k = j - 1;
        while (p.targetRoles().get(k) == Role.ADJ) {
          k--;
        }
        assertEquals(Role.NOUN, p.targetRoles().get(k), p.toString());
        assertTrue(sureSources(p, k).getFirst() > prep, p.toString());
      }
    }
    assertTrue(seen > 1000, "postpositions seen: " + seen);
  }

  @Test
  void sample_articleAgreesWithNextWord() {
    for (AlignedPair p : PAIRS) {
      for (int i = 0; i < p.source().size(); i++) {
        String w = p.source().get(i);
        if (w.equals("a") || w.equals("an")) {
          boolean vowel = "aeiou".indexOf(p.source().get(i + 1).charAt(0)) >= 0;
          assertEquals(vowel ? "an" : "a", w, p.sourceText());
        }
      }
    }
  }

  @Test
  void sample_sameSeedsSameSentences() {
    List<AlignedPair> again = samples(ReorderingGrammar.Config.DEFAULTS, 2000, 7);
    assertEquals(PAIRS, again);
    assertFalse(PAIRS.equals(samples(ReorderingGrammar.Config.DEFAULTS, 2000, 8)));
  }

  @Test
  void sample_goldenFirstPair() {
    AlignedPair p = samples(ReorderingGrammar.Config.DEFAULTS, 1, 1).getFirst();
    // java.util.Random's algorithm is fixed by the JDK specification
    assertEquals(GOLDEN_SOURCE, p.sourceText());
    assertEquals(GOLDEN_TARGET, p.targetText());
    assertEquals(GOLDEN_SURE, p.surePharaoh());
  }

  static final String GOLDEN_SOURCE = "the warm goat bakes the mouse across the queen but the"
      + " angry gentle road guarded the dirty lake in a slow poor king with a happy box";
  static final String GOLDEN_TARGET = "maka-hu zopu yeka-hu tude-hu ko reme me zone peki-hu"
      + " nohuge danemu mono-hu buku marogu-yo sazebu pukeme mu nosata-yo moni mi potu we";
  static final String GOLDEN_SURE = "1-1 2-0 3-5 3-6 5-2 6-4 8-3 9-7 11-9 12-10 13-8 14-20 14-21"
      + " 16-12 17-11 18-16 20-14 21-15 22-13 23-19 25-18 26-17";

  @Test
  void new_largeVocabulary_makesUpDistinctWords() {
    ReorderingGrammar.Config big = new ReorderingGrammar.Config(400, 150, 120, 12, 1, 3, 2, 2);
    List<AlignedPair> pairs = samples(big, 3000, 3);
    Set<String> nouns = new HashSet<>();
    for (AlignedPair p : pairs) {
      for (int i = 0; i < p.source().size(); i++) {
        if (p.sourceRoles().get(i) == Role.NOUN) {
          nouns.add(p.source().get(i));
        }
      }
    }
    assertTrue(nouns.size() > 300, "distinct nouns: " + nouns.size());
    assertEquals(3 + 400 + 300 + 120 + 12 + 2, new ReorderingGrammar(big, new Random(0))
        .sourceVocabularySize());
    assertTrue(pairs.stream().anyMatch(p -> p.source().size() > 39));
  }

  @Test
  void config_badValue_fails() {
    assertEquals("ReorderingGrammar.Config: maxClauses must be in [2, 10], got 1",
        assertThrows(IllegalArgumentException.class,
            () -> new ReorderingGrammar.Config(100, 50, 50, 12, 2, 1, 2, 2)).getMessage());
    assertEquals("ReorderingGrammar.Config: prepositions must be in [1, 12], got 13",
        assertThrows(IllegalArgumentException.class,
            () -> new ReorderingGrammar.Config(100, 50, 50, 13, 1, 2, 2, 2)).getMessage());
  }
}
