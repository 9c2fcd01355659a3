package org.attention4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code attn demo}: end-to-end examples on the bundled public-domain corpus. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {"End-to-end examples that need no download.",
        "Without a subcommand, runs the default demo (translate)."},
    subcommands = {org.attention4j.cli.experiment.DemoTranslateCommand.class, DemoLmCommand.class})
final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    return spec.commandLine().getSubcommands().get("translate").execute();
  }
}
