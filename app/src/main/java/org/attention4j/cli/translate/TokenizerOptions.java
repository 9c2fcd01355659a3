package org.attention4j.cli.translate;

import java.util.ArrayList;
import java.util.List;
import org.attention4j.data.corpus.SentencePair;
import org.attention4j.text.BpeTrainer;
import org.attention4j.text.CharTokenizer;
import org.attention4j.text.Tokenizer;
import org.attention4j.text.WordTokenizer;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** How {@code attn train translate} builds its tokenizers from the training split. */
final class TokenizerOptions {
  static final List<String> KINDS = List.of("bpe", "word", "char");
  static final int DEFAULT_VOCAB = 8000;

  @Option(names = "--tokenizer", paramLabel = "KIND", order = 10,
      description = "bpe (byte-level BPE, min pair count 2), word (Moses-style words) or char (default: bpe).")
  String kind;

  @Option(names = "--vocab", paramLabel = "N", order = 11,
      description = "Most ids per tokenizer, 4 specials included; bpe needs >= 260 (default: " + DEFAULT_VOCAB + ").")
  Integer vocab;

  @Option(names = "--shared-vocab", order = 12,
      description = "One tokenizer for both languages, built from both sides (a transformer then shares its embeddings).")
  boolean shared;

  /** Whether any tokenizer option was given. */
  boolean given() {
    return kind != null || vocab != null || shared;
  }

  String kind() {
    return kind == null ? "bpe" : kind;
  }

  int vocab() {
    return vocab == null ? DEFAULT_VOCAB : vocab;
  }

  /**
   * Checks the options.
   *
   * @throws ParameterException naming the option
   */
  void check(CommandLine cl) {
    if (!KINDS.contains(kind())) {
      throw new ParameterException(cl, "unknown tokenizer '" + kind + "'; valid: " + String.join(", ", KINDS));
    }
    int min = kind().equals("bpe") ? BpeTrainer.MIN_VOCAB_SIZE : Tokenizer.SPECIALS.size() + 1;
    if (vocab() < min) {
      throw new ParameterException(cl, "--vocab must be >= " + min + " for the " + kind() + " tokenizer, got " + vocab());
    }
  }

  /** The source and target tokenizers (one object twice with {@code --shared-vocab}). */
  Tokenizer[] build(List<SentencePair> train) {
    List<String> sources = train.stream().map(SentencePair::source).toList();
    List<String> targets = train.stream().map(SentencePair::target).toList();
    if (shared) {
      List<String> both = new ArrayList<>(sources);
      both.addAll(targets);
      Tokenizer t = buildOne(both);
      return new Tokenizer[] {t, t};
    }
    return new Tokenizer[] {buildOne(sources), buildOne(targets)};
  }

  private Tokenizer buildOne(List<String> texts) {
    return switch (kind()) {
      case "bpe" -> BpeTrainer.train(texts, new BpeTrainer.Config(vocab(), 2));
      case "word" -> WordTokenizer.build(texts, 1, vocab());
      case "char" -> CharTokenizer.build(texts, 1, vocab());
      default -> throw new IllegalStateException("unchecked tokenizer kind " + kind);
    };
  }
}
