package org.attention4j.cli.data;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attn data import}: one subcommand per source of parallel text. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Imports parallel text into a corpus directory (train/dev/test.tsv.gz and",
        "corpus.json). Sources: the bundled or installed Bibles, installed gettext",
        "catalogs, your own TSV file, or a generated reordering task with gold alignments."},
    subcommands = {ImportBibleCommand.class, ImportGettextCommand.class, ImportTsvCommand.class,
        ImportSyntheticCommand.class})
final class DataImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing source; one of: " + String.join(", ", spec.subcommands().keySet()));
  }
}
