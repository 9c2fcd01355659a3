package org.attention4j.data.corpus;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The split of a pair from a hash of its (cleaned) source text: {@code h = first 8 bytes of
 * SHA-256(UTF-8 source), big-endian, as an unsigned number, mod 1000}; {@code h <
 * testPerMille} is test, {@code h < testPerMille + devPerMille} is dev, the rest train.
 *
 * <p>Hashing the source, not the id or the position, means the split of a sentence does not
 * depend on which packages or lines it came from or in what order: rebuilding from more
 * catalogs never moves a sentence between splits, and a source text is in one split only, so
 * no training source is ever seen again at test time.
 *
 * @param devPerMille share of dev, in thousandths; default 10 (1%)
 * @param testPerMille share of test, in thousandths; default 10 (1%)
 */
public record HashSplit(int devPerMille, int testPerMille) implements SplitPolicy {

  /** 1% dev, 1% test. */
  public static final HashSplit DEFAULT = new HashSplit(10, 10);

  public HashSplit {
    if (devPerMille < 0 || testPerMille < 0 || devPerMille + testPerMille > 1000) {
      throw new IllegalArgumentException("HashSplit: dev and test shares must be >= 0 and add"
          + " up to at most 1000 per mille, got dev " + devPerMille + ", test " + testPerMille);
    }
  }

  @Override
  public Split of(SentencePair pair) {
    return ofSource(pair.source());
  }

  /** The split of a source text. */
  public Split ofSource(String source) {
    long h = bucket(source);
    if (h < testPerMille) {
      return Split.TEST;
    }
    return h < testPerMille + devPerMille ? Split.DEV : Split.TRAIN;
  }

  /** The bucket 0..999 of a text (see the class comment). */
  public static int bucket(String text) {
    byte[] d = sha256().digest(text.getBytes(StandardCharsets.UTF_8));
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (d[i] & 0xFF);
    }
    return (int) Long.remainderUnsigned(v, 1000);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
