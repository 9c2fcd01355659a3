package org.attention4j.text;

import java.util.List;

/**
 * Text to ids and back. Every tokenizer has the four special tokens {@code <pad>}, {@code <unk>},
 * {@code <s>} (begin of sentence) and {@code </s>} (end of sentence); the ones this package builds
 * give them ids 0, 1, 2 and 3.
 *
 * <ul>
 *   <li>{@link #encode} adds no {@code <s>}/{@code </s>}; {@link #encodeWithBosEos} does. The
 *       literal texts {@code <pad>}, {@code <unk>}, {@code <s>}, {@code </s>} in the input encode
 *       as those special tokens, as in the Hugging Face {@code tokenizers} library.</li>
 *   <li>{@link #decode} skips {@code <pad>}, {@code <s>} and {@code </s>} and writes {@code <unk>}
 *       as the text {@code "<unk>"}.</li>
 *   <li>{@link #tokens} gives one string per id of {@link #encode}, for display and alignment
 *       (see each implementation for how a token is spelled).</li>
 * </ul>
 *
 * <p>Implementations are immutable and safe to share between threads. {@link TokenizerJson}
 * saves and loads each of them as a Hugging Face {@code tokenizer.json}.
 */
public interface Tokenizer {
  /** Padding. */
  String PAD = "<pad>";
  /** Unknown token. */
  String UNK = "<unk>";
  /** Begin of sentence. */
  String BOS = "<s>";
  /** End of sentence. */
  String EOS = "</s>";
  /** The special tokens in the order of their ids in vocabularies built here. */
  List<String> SPECIALS = List.of(PAD, UNK, BOS, EOS);

  /** The ids of {@code text}, without {@code <s>}/{@code </s>}. */
  int[] encode(String text);

  /**
   * The text of {@code ids}: padding and sentence markers are skipped, unknowns read {@code <unk>}.
   *
   * @throws IllegalArgumentException if an id is outside {@code [0, vocabSize())}
   */
  String decode(int[] ids);

  /** One string per id of {@link #encode}{@code (text)}. */
  List<String> tokens(String text);

  /** The token strings and their ids. */
  Vocabulary vocabulary();

  /** {@code <s>}, the ids of {@code text}, {@code </s>}. */
  default int[] encodeWithBosEos(String text) {
    int[] ids = encode(text);
    int[] out = new int[ids.length + 2];
    out[0] = bosId();
    System.arraycopy(ids, 0, out, 1, ids.length);
    out[out.length - 1] = eosId();
    return out;
  }

  /** Number of ids, special tokens included. */
  default int vocabSize() {
    return vocabulary().size();
  }

  default int padId() {
    return vocabulary().padId();
  }

  default int unkId() {
    return vocabulary().unkId();
  }

  default int bosId() {
    return vocabulary().bosId();
  }

  default int eosId() {
    return vocabulary().eosId();
  }
}
