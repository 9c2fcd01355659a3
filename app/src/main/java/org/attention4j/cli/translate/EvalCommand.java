package org.attention4j.cli.translate;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code attn eval}: the group of evaluation commands ({@code attn eval translate ...}). */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Scores trained models on held-out data.", "attn eval translate --model DIR --corpus DIR"},
    subcommands = {EvalTranslateCommand.class})
public final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  /** Creates the command; picocli instantiates it. */
  public EvalCommand() {}

  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(),
        "missing command; one of: " + String.join(", ", spec.subcommands().keySet()));
  }
}
