package org.attention4j.cli.data;

import org.attention4j.data.corpus.HashSplit;
import org.attention4j.data.synthetic.ReorderingGrammar;
import org.attention4j.data.synthetic.SyntheticImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code attn data import synthetic}: a generated SVO -> SOV reordering task with gold alignments. */
@Command(name = "synthetic", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Generates a reordering task with gold word alignments.",
        "Generates a translation task with gold word alignments: an English-like",
        "SVO language to a made-up SOV one (verbs last, adjectives after nouns,",
        "postpositions). Also writes <split>.sure.txt and <split>.possible.txt",
        "(Pharaoh alignments) for the alignment error rate."})
final class ImportSyntheticCommand extends ImportCommandBase {
  private static final ReorderingGrammar.Config D = ReorderingGrammar.Config.DEFAULTS;

  @Option(names = "--seed", paramLabel = "N", order = 1, defaultValue = "42",
      description = "Seed of everything random (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--pairs", paramLabel = "N", order = 2, defaultValue = "20000",
      description = "Distinct pairs to generate, all splits (default: ${DEFAULT-VALUE}).")
  int pairs;

  @Option(names = "--nouns", paramLabel = "N", order = 3, description = "Noun vocabulary (default: 100).")
  Integer nouns;

  @Option(names = "--verbs", paramLabel = "N", order = 4, description = "Verb vocabulary (default: 50).")
  Integer verbs;

  @Option(names = "--adjectives", paramLabel = "N", order = 5, description = "Adjective vocabulary (default: 50).")
  Integer adjectives;

  @Option(names = "--prepositions", paramLabel = "N", order = 6, description = "Prepositions, 1..12 (default: 12).")
  Integer prepositions;

  @Option(names = "--min-clauses", paramLabel = "N", order = 7, description = "Fewest clauses per sentence (default: 1).")
  Integer minClauses;

  @Option(names = "--max-clauses", paramLabel = "N", order = 8, description = "Most clauses per sentence (default: 2).")
  Integer maxClauses;

  @Option(names = "--max-adjectives", paramLabel = "N", order = 9,
      description = "Most adjectives per noun phrase (default: 2).")
  Integer maxAdjectives;

  @Option(names = "--max-prep-phrases", paramLabel = "N", order = 10,
      description = "Most prepositional phrases per clause (default: 2).")
  Integer maxPrepPhrases;

  @Option(names = "--dev-permille", paramLabel = "N", order = 11, defaultValue = "50",
      description = "Dev pairs per thousand (default: ${DEFAULT-VALUE}).")
  int devPermille;

  @Option(names = "--test-permille", paramLabel = "N", order = 12, defaultValue = "50",
      description = "Test pairs per thousand (default: ${DEFAULT-VALUE}).")
  int testPermille;

  @Override
  String source() {
    return "synthetic";
  }

  @Override
  Import prepare(String command) {
    var grammar = new ReorderingGrammar.Config(or(nouns, D.nouns()), or(verbs, D.verbs()), or(adjectives, D.adjectives()),
        or(prepositions, D.prepositions()), or(minClauses, D.minClauses()), or(maxClauses, D.maxClauses()),
        or(maxAdjectives, D.maxAdjectives()), or(maxPrepPhrases, D.maxPrepPhrases()));
    var options = new SyntheticImporter.Options(grammar, seed, pairs, new HashSplit(devPermille, testPermille), command);
    return out -> SyntheticImporter.build(options, out).summary();
  }

  private static int or(Integer given, int fallback) {
    return given != null ? given : fallback;
  }
}
