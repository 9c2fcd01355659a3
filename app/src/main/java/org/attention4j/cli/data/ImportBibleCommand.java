package org.attention4j.cli.data;

import java.io.IOException;
import java.nio.file.Path;
import org.attention4j.data.corpus.BibleImporter;
import org.attention4j.data.corpus.CleaningOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code attn data import bible}: the bundled KJV -> RV1909 corpus, or one built from SWORD modules. */
@Command(name = "bible", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Imports verse-aligned Bibles (bundled KJV -> RV1909, or SWORD).",
        "Imports verse-aligned Bibles: by default the bundled King James ->",
        "Reina-Valera 1909 corpus (public domain); with --sword-dir, two installed",
        "SWORD modules (Debian: sword-text-kjv, sword-text-sparv). Splits are by book.",
        "Cleaning runs only when a cleaning option is given."})
final class ImportBibleCommand extends ImportCommandBase {
  @Option(names = "--sword-dir", paramLabel = "DIR", order = 1,
      description = "A SWORD directory, e.g. /usr/share/sword (needs --source and --target).")
  Path swordDir;

  @Option(names = "--source", paramLabel = "MOD", order = 2, description = "Source module, e.g. engKJV2006eb.")
  String sourceModule;

  @Option(names = "--target", paramLabel = "MOD", order = 3, description = "Target module, e.g. spaRV1909eb.")
  String targetModule;

  @Mixin CleaningMixin cleaning;

  @Override
  String source() {
    return "bible";
  }

  @Override
  Import prepare(String command) throws IOException {
    boolean any = swordDir != null || sourceModule != null || targetModule != null;
    boolean all = swordDir != null && sourceModule != null && targetModule != null;
    if (any && !all) {
      throw new IllegalArgumentException("--sword-dir, --source and --target go together (without them the bundled"
          + " KJV -> RV1909 corpus is imported)");
    }
    CleaningOptions clean = cleaning.given() ? cleaning.apply(CleaningOptions.DEFAULTS) : null;
    var options = new BibleImporter.Options(swordDir, sourceModule, targetModule, clean, command);
    if (swordDir != null) requireDirectory(swordDir, "SWORD directory");
    return out -> BibleImporter.build(options, out).summary();
  }
}
