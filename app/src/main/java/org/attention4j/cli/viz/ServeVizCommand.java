package org.attention4j.cli.viz;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.attention4j.serve.AttentionServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code attn serve-viz}: serves the attention explorer live ({@link AttentionServer}): type a
 * sentence, the model translates it, and the page shows every attention map. Binds {@code
 * 127.0.0.1} unless {@code --host} says otherwise; stops on Ctrl-C (or when its thread is
 * interrupted, in-process), letting running requests finish.
 */
@Command(name = "serve-viz", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serves a live page: type a sentence, explore its attention.",
        "Serves a page where a typed sentence is translated and its attention",
        "explored live. Binds 127.0.0.1 (this machine only) unless --host is given.",
        "Ctrl-C stops it."})
public final class ServeVizCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "DIR", order = 1,
      description = "Translation checkpoint, or a run directory with best/ or last/ inside.")
  Path model;

  @Option(names = "--port", paramLabel = "P", defaultValue = "8088", order = 2,
      description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = AttentionServer.DEFAULT_HOST, order = 3,
      description = {"Address to bind (default: ${DEFAULT-VALUE}, this machine only).",
          "0.0.0.0 exposes the model to your network: anyone who reaches the port can use it."})
  String host;

  @Option(names = "--input", paramLabel = "TEXT", order = 4,
      description = "The sentence the page opens with (default: \"" + "the dog watched a cat" + "\").")
  String input;

  /** Creates the command; picocli instantiates it. */
  public ServeVizCommand() {}

  @Override
  public Integer call() throws IOException {
    if (port < 0 || port > 65535) throw new ParameterException(spec.commandLine(), "--port must be in 0..65535, got " + port);
    if (host.isBlank()) throw new ParameterException(spec.commandLine(), "--host is empty");
    LoadedModel loaded = LoadedModel.load(model);
    PrintWriter o = spec.commandLine().getOut();
    String first = input != null && !input.isBlank() ? input.strip() : Inputs.DEFAULT_SENTENCES.getFirst();
    AttentionServer server = AttentionServer.start(new ProbeExplainer(loaded), host, port, first, line -> {
      o.println(line);
      o.flush();
    });
    Thread hook = new Thread(server::close, "attn-serve-viz-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    o.println("model: " + loaded.describe());
    o.println("serving the attention explorer at " + server.uri() + " (Ctrl-C stops)");
    if (!server.uri().getHost().startsWith("127.") && !server.uri().getHost().equals("[0:0:0:0:0:0:0:1]")) {
      o.println("warning: bound to " + host + ": other machines that reach this port can use the model");
    }
    o.flush();
    try {
      server.awaitStop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      server.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is exiting: the hook is running or has run
      }
      o.println("stopped");
      o.flush();
    }
    return 0;
  }
}
