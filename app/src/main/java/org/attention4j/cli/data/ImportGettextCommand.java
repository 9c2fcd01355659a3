package org.attention4j.cli.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.attention4j.data.corpus.HashSplit;
import org.attention4j.data.gettext.GettextImporter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code attn data import gettext}: English -> LANG pairs from the installed .mo catalogs, read in place. */
@Command(name = "gettext", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Imports English -> LANG pairs from installed gettext catalogs.",
        "Imports English -> LANG message pairs from the gettext catalogs installed on",
        "this machine (<locale-dir>/<LANG>/LC_MESSAGES/*.mo of git, coreutils,",
        "apt...), read in place. One translation per message (the most frequent);",
        "split by hash."})
final class ImportGettextCommand extends ImportCommandBase {
  @Option(names = "--lang", paramLabel = "LANG", required = true, order = 1,
      description = "Target language as a locale directory name: zh_CN, fr, de, es, ja.")
  String lang;

  @Option(names = "--locale-dir", paramLabel = "DIR", order = 2,
      description = "A locale directory; repeat for several (default: /usr/share/locale and, if present,"
          + " /usr/share/locale-langpack).")
  List<Path> localeDirs = new ArrayList<>();

  @Option(names = "--domains", paramLabel = "NAME", split = ",", order = 3,
      description = "Read only these catalogs (file names without .mo), comma-separated.")
  Set<String> domains = Set.of();

  @Option(names = "--exclude-domains", paramLabel = "NAME", split = ",", order = 4,
      description = "Skip these catalogs, comma-separated.")
  Set<String> excludeDomains = Set.of();

  @Option(names = "--no-strip-accelerators", order = 5, description = "Keep _File-style accelerator markers.")
  boolean keepAccelerators;

  @Option(names = "--no-split-lines", order = 6, description = "Keep multi-line messages whole.")
  boolean keepLines;

  @Option(names = "--legacy-charsets", order = 7,
      description = "Also read catalogs in charsets other than UTF-8 (EUC-JP, ISO-8859-1, ...).")
  boolean legacyCharsets;

  @Option(names = "--dev-permille", paramLabel = "N", order = 8, defaultValue = "10",
      description = "Dev pairs per thousand (default: ${DEFAULT-VALUE}).")
  int devPermille;

  @Option(names = "--test-permille", paramLabel = "N", order = 9, defaultValue = "10",
      description = "Test pairs per thousand (default: ${DEFAULT-VALUE}).")
  int testPermille;

  @Mixin CleaningMixin cleaning;

  @Override
  String source() {
    return "gettext";
  }

  @Override
  Import prepare(String command) throws IOException {
    List<Path> roots = localeDirs.isEmpty() ? GettextImporter.Options.system(lang).localeRoots() : localeDirs;
    var options = new GettextImporter.Options(roots, lang, domains, excludeDomains, !keepAccelerators, !keepLines,
        legacyCharsets, cleaning.apply(GettextImporter.DEFAULT_CLEANING), new HashSplit(devPermille, testPermille),
        command);
    for (Path root : roots) requireDirectory(root, "locale directory");
    return out -> GettextImporter.build(options, out).summary();
  }
}
