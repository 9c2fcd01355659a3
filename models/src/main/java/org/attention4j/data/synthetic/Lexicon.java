package org.attention4j.data.synthetic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The word lists of {@link ReorderingGrammar}: English source words (real words first, then
 * made-up English-looking ones when a larger vocabulary is asked for) and made-up target words
 * built from consonant-vowel syllables, each source lemma paired with one target word.
 */
final class Lexicon {

  static final List<String> NOUNS = List.of(
      "dog", "cat", "bird", "horse", "fish", "child", "woman", "man", "girl", "boy",
      "teacher", "doctor", "farmer", "king", "queen", "friend", "student", "baker", "sailor",
      "soldier", "house", "garden", "river", "forest", "mountain", "city", "village", "road",
      "bridge", "table", "chair", "window", "door", "book", "letter", "picture", "song", "story",
      "ship", "boat", "car", "train", "apple", "bread", "cake", "cheese", "flower", "tree",
      "stone", "box", "cup", "bottle", "key", "lamp", "clock", "hat", "coat", "shoe", "ball",
      "kite", "drum", "bell", "map", "coin", "ring", "knife", "spoon", "plate", "bed", "wall",
      "roof", "field", "lake", "island", "castle", "tower", "market", "school", "church", "farm",
      "kitchen", "room", "street", "hill", "valley", "beach", "cloud", "star", "moon", "wolf",
      "bear", "fox", "mouse", "lion", "tiger", "rabbit", "duck", "goat", "sheep", "owl");

  /** Regular verbs: past = lemma + "d" or "ed", present = lemma + "s" or "es". */
  static final List<String> VERBS = List.of(
      "like", "love", "watch", "help", "visit", "open", "close", "paint", "admire", "push",
      "pull", "wash", "follow", "call", "greet", "kick", "touch", "climb", "cross", "fill",
      "cook", "bake", "borrow", "collect", "deliver", "discover", "explore", "guard", "hunt",
      "join", "kiss", "lift", "mend", "miss", "order", "pack", "pick", "plant", "protect",
      "reach", "remember", "repair", "rescue", "save", "search", "serve", "share", "trust",
      "want", "warn");

  static final List<String> ADJECTIVES = List.of(
      "big", "small", "old", "young", "red", "blue", "green", "black", "white", "happy", "sad",
      "tall", "short", "long", "quiet", "loud", "brave", "clever", "kind", "proud", "rich",
      "poor", "warm", "cold", "dark", "bright", "heavy", "strong", "weak", "fast", "slow",
      "soft", "hard", "sweet", "sour", "dirty", "empty", "full", "new", "round", "square",
      "thin", "wide", "narrow", "deep", "gentle", "wild", "calm", "busy", "angry");

  static final List<String> PREPOSITIONS = List.of(
      "in", "on", "with", "near", "under", "behind", "from", "to", "over", "beside", "through",
      "across");

  static final List<String> CONJUNCTIONS = List.of("and", "but");

  private static final String[] EN_ONSETS = {"b", "bl", "br", "d", "dr", "f", "fl", "g", "gr",
      "h", "j", "k", "l", "m", "n", "p", "pl", "r", "s", "sl", "st", "t", "tr", "v", "w"};
  private static final String[] EN_VOWELS = {"a", "e", "i", "o", "u", "ea", "oo"};
  private static final String[] EN_CODAS = {"b", "ck", "d", "g", "k", "l", "m", "n", "nd", "p",
      "rn", "sk", "t", "nt"};
  private static final String[] TGT_CONSONANTS = {"k", "s", "t", "n", "h", "m", "y", "r", "w",
      "g", "z", "d", "b", "p"};
  private static final String[] TGT_VOWELS = {"a", "i", "u", "e", "o"};

  final List<String> nouns;
  final List<String> verbs;
  final List<String> adjectives;
  final List<String> prepositions;
  final List<String> tgtNouns;
  final List<String> tgtVerbs;
  final List<String> tgtAdjectives;
  final List<String> tgtPostpositions;
  final List<String> tgtConjunctions;
  final String definite;
  final String indefinite;
  final String past;
  final String present;

  Lexicon(int nounCount, int verbCount, int adjectiveCount, int prepositionCount,
      RandomGenerator rng) {
    Set<String> used = new HashSet<>();
    used.addAll(List.of("the", "a", "an"));
    used.addAll(CONJUNCTIONS);
    used.addAll(PREPOSITIONS);
    nouns = english(NOUNS, nounCount, used, rng);
    verbs = english(VERBS, verbCount, used, rng);
    adjectives = english(ADJECTIVES, adjectiveCount, used, rng);
    prepositions = PREPOSITIONS.subList(0, prepositionCount);
    for (String v : verbs) { // inflected forms must not collide with other words either
      used.add(past(v));
      used.add(present(v));
    }
    Set<String> tgt = new HashSet<>();
    definite = target(1, 1, tgt, rng);
    indefinite = target(1, 1, tgt, rng);
    past = target(1, 1, tgt, rng);
    present = target(1, 1, tgt, rng);
    tgtPostpositions = targets(prepositionCount, 1, 1, tgt, rng);
    tgtConjunctions = targets(CONJUNCTIONS.size(), 2, 2, tgt, rng);
    tgtNouns = targets(nounCount, 2, 3, tgt, rng);
    tgtVerbs = targets(verbCount, 2, 2, tgt, rng);
    tgtAdjectives = targets(adjectiveCount, 2, 3, tgt, rng);
  }

  static String past(String lemma) {
    return lemma + (lemma.endsWith("e") ? "d" : "ed");
  }

  static String present(String lemma) {
    boolean sibilant = lemma.endsWith("s") || lemma.endsWith("sh") || lemma.endsWith("ch")
        || lemma.endsWith("x");
    return lemma + (sibilant ? "es" : "s");
  }

  private static List<String> english(List<String> real, int n, Set<String> used,
      RandomGenerator rng) {
    List<String> out = new ArrayList<>();
    for (String w : real) {
      if (out.size() == n) {
        break;
      }
      if (used.add(w)) {
        out.add(w);
      }
    }
    while (out.size() < n) {
      String w = EN_ONSETS[rng.nextInt(EN_ONSETS.length)] + EN_VOWELS[rng.nextInt(EN_VOWELS.length)]
          + EN_CODAS[rng.nextInt(EN_CODAS.length)];
      if (rng.nextBoolean()) {
        w += EN_VOWELS[rng.nextInt(EN_VOWELS.length)] + EN_CODAS[rng.nextInt(EN_CODAS.length)];
      }
      if (!w.endsWith("e") && used.add(w) && used.add(past(w)) && used.add(present(w))) {
        out.add(w);
      }
    }
    return out;
  }

  private static List<String> targets(int n, int minSyllables, int maxSyllables,
      Set<String> used, RandomGenerator rng) {
    List<String> out = new ArrayList<>(n);
    while (out.size() < n) {
      out.add(target(minSyllables, maxSyllables, used, rng));
    }
    return out;
  }

  private static String target(int minSyllables, int maxSyllables, Set<String> used,
      RandomGenerator rng) {
    for (int attempt = 0; ; attempt++) {
      int syllables = minSyllables + rng.nextInt(maxSyllables - minSyllables + 1)
          + attempt / 1000; // grow when a length runs out of fresh words
      StringBuilder w = new StringBuilder();
      for (int s = 0; s < syllables; s++) {
        w.append(TGT_CONSONANTS[rng.nextInt(TGT_CONSONANTS.length)])
            .append(TGT_VOWELS[rng.nextInt(TGT_VOWELS.length)]);
      }
      if (used.add(w.toString())) {
        return w.toString();
      }
    }
  }
}
