package org.attention4j.cli.data;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attn data}: the group of corpus commands. */
@Command(name = "data", mixinStandardHelpOptions = true,
    description = {"Builds the corpora that training reads.",
        "attn data import bible|gettext|tsv|synthetic ... --out DIR"},
    subcommands = {DataImportCommand.class})
public final class DataCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Creates the command; picocli instantiates it. */
  public DataCommand() {}

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing command; one of: " + String.join(", ", spec.subcommands().keySet()));
  }
}
