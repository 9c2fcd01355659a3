package org.attention4j.data.bible;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rebuilds the bundled corpus from the Debian modules in /usr/share/sword and checks it is
 * the committed file, byte for byte; skipped where the modules are not installed.
 */
class RealBibleCorpusTest {

  private static final Path SWORD = Path.of("/usr/share/sword");

  @Test
  void build_debianModules_reproducesBundledFileByteForByte(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isRegularFile(SWORD.resolve("mods.d/engKJV2006eb.conf"))
        && Files.isRegularFile(SWORD.resolve("mods.d/spaRV1909eb.conf")),
        "Debian sword-text-kjv / sword-text-sparv not installed");
    Path out = dir.resolve("kjv-rv1909.tsv.gz");
    BuildStats stats = BibleCorpusBuilder.build(SWORD, "engKJV2006eb", "spaRV1909eb", out);

    assertEquals(List.of(), stats.emptyInSource());
    assertEquals(18, stats.emptyInTarget().size());
    assertEquals(194, stats.misaligned().size());
    assertTrue(stats.misaligned().containsAll(List.of("Num.13.1", "Job.39.1", "Job.40.19",
        "Jonah.2.1", "Jonah.2.10", "Hos.12.14")));
    assertEquals(List.of("2Sam.20.25", "Acts.19.40"), stats.merged());
    assertEquals(0, stats.dropCapsSource());
    assertEquals(1188, stats.dropCapsTarget());
    assertEquals(177, stats.trainDuplicates());
    assertEquals(29095, stats.train());
    assertEquals(498, stats.dev());
    assertEquals(1118, stats.test());

    byte[] bundled;
    try (InputStream in = BundledBible.class.getResourceAsStream(BundledBible.RESOURCE)) {
      bundled = in.readAllBytes();
    }
    assertArrayEquals(bundled, Files.readAllBytes(out),
        "rebuilt corpus differs from " + BundledBible.RESOURCE + " (a different zlib, or the"
            + " modules or the code changed: rebuild and commit it)");
  }
}
