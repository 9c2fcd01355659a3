package org.attention4j.cli.translate;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attn train}: the group of training commands ({@code attn train translate ...}). */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Trains models.", "attn train translate --corpus DIR --model TYPE --out DIR"},
    subcommands = {TrainTranslateCommand.class})
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Creates the command; picocli instantiates it. */
  public TrainCommand() {}

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing command; one of: " + String.join(", ", spec.subcommands().keySet()));
  }
}
