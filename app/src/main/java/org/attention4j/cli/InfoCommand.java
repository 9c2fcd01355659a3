package org.attention4j.cli;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.attention4j.io.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code attn info}: the JDK, CPU, vector and threading facts that decide how fast kernels run. */
@Command(name = "info", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Shows the JDK, CPU, SIMD, vector lanes and threads kernels run with.",
        "Also: java.home, OS, logical cores, where the thread count came from, max heap."})
final class InfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @ParentCommand AttnCommand root;

  @Option(names = "--json", description = "Print one JSON line instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    SystemInfo info = SystemInfo.collect(root.threadSource());
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(info.toMap(), false));
    } else {
      for (Map.Entry<String, String> row : info.toRows().entrySet()) {
        out.printf("%-12s %s%n", row.getKey(), row.getValue());
      }
    }
    out.flush();
    return Main.EXIT_OK;
  }
}
