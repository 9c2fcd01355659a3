package org.attention4j.cli.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.attention4j.data.corpus.CleaningOptions;
import org.attention4j.data.corpus.HashSplit;
import org.attention4j.data.tsv.TsvImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code attn data import tsv}: your own pairs, one {@code source TAB target} per line. */
@Command(name = "tsv", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Imports your own parallel text (source TAB target).",
        "Imports your own parallel text: UTF-8 (or gzipped), one pair per line,",
        "source TAB target, no quoting. Pair ids are line:N; split by hash of the",
        "source."})
final class ImportTsvCommand extends ImportCommandBase {
  @Parameters(index = "0", paramLabel = "FILE", description = "The TSV file.")
  Path file;

  @Option(names = "--source-lang", paramLabel = "CODE", required = true, order = 1,
      description = "Language of the first column, e.g. en.")
  String sourceLang;

  @Option(names = "--target-lang", paramLabel = "CODE", required = true, order = 2,
      description = "Language of the second column, e.g. de.")
  String targetLang;

  @Option(names = "--skip-header", order = 3, description = "The first line holds column names.")
  boolean skipHeader;

  @Option(names = "--license", paramLabel = "TEXT", order = 4, description = "The text's license, for corpus.json.")
  String license;

  @Option(names = "--dev-permille", paramLabel = "N", order = 5, defaultValue = "10",
      description = "Dev pairs per thousand (default: ${DEFAULT-VALUE}).")
  int devPermille;

  @Option(names = "--test-permille", paramLabel = "N", order = 6, defaultValue = "10",
      description = "Test pairs per thousand (default: ${DEFAULT-VALUE}).")
  int testPermille;

  @Mixin CleaningMixin cleaning;

  @Override
  String source() {
    return "tsv";
  }

  @Override
  Import prepare(String command) throws IOException {
    var options = new TsvImporter.Options(sourceLang, targetLang, skipHeader, cleaning.apply(CleaningOptions.DEFAULTS),
        new HashSplit(devPermille, testPermille), license, command);
    if (!Files.isRegularFile(file)) throw new NoSuchFileException(file.toString(), null, "no such file");
    return out -> TsvImporter.build(file, options, out).summary();
  }
}
