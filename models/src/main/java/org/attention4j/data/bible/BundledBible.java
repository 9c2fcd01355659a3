package org.attention4j.data.bible;

import java.io.IOException;
import java.io.InputStream;

/**
 * The KJV → Reina-Valera 1909 parallel corpus that ships on the classpath
 * ({@value #RESOURCE}): about 30,700 verse pairs in English and Spanish, public domain,
 * built by {@link BibleCorpusBuilder} from the Debian SWORD modules engKJV2006eb and
 * spaRV1909eb and split by book ({@link BibleSplit}).
 *
 * <pre>{@code
 * BibleCorpus bible = BundledBible.load();
 * bible.train().size();  // training pairs
 * bible.test().getFirst().source();  // "And it came to pass in the days when the judges ruled, ..."
 * }</pre>
 */
public final class BundledBible {

  /** The classpath resource. */
  public static final String RESOURCE = "/org/attention4j/data/bible/kjv-rv1909.tsv.gz";

  private static final String REBUILD = "rebuild it with: java -cp models/target/classes "
      + "org.attention4j.data.bible.BibleCorpusBuilder /usr/share/sword engKJV2006eb "
      + "spaRV1909eb models/src/main/resources" + RESOURCE;

  private static volatile BibleCorpus cached;

  private BundledBible() {}

  /**
   * The bundled corpus (read once, then shared; the corpus is immutable).
   *
   * @throws IllegalStateException if the resource is missing or corrupt; the message
   *     names the resource, the line and what is wrong
   */
  public static BibleCorpus load() {
    BibleCorpus c = cached;
    if (c == null) {
      synchronized (BundledBible.class) {
        c = cached;
        if (c == null) {
          c = load(RESOURCE);
          cached = c;
        }
      }
    }
    return c;
  }

  /** Reads a corpus resource (tests point this at broken copies). */
  static BibleCorpus load(String resource) {
    try (InputStream in = BundledBible.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("BundledBible: classpath resource " + resource
            + " is missing; " + REBUILD);
      }
      return BibleCorpusFile.read(in, resource);
    } catch (IOException e) {
      throw new IllegalStateException("BundledBible: " + e.getMessage() + "; " + REBUILD, e);
    }
  }
}
