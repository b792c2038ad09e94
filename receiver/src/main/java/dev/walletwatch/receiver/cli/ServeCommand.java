package dev.walletwatch.receiver.cli;

import dev.walletwatch.receiver.Receiver;
import dev.walletwatch.receiver.config.ReceiverConfig;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code serve}: runs the webhook server and the delivery worker until stopped. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the webhook server and the delivery worker until the process is stopped (SIGTERM or"
          + " Ctrl-C).",
      "Exit codes: 2 for an unusable config, 1 when the server cannot start."
    })
public final class ServeCommand implements Callable<Integer> {
  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ReceiverConfig loaded = config.load(spec.commandLine().getErr());
    if (loaded == null) {
      return ConfigOption.EXIT_CONFIG;
    }
    Receiver receiver;
    try {
      receiver = Receiver.start(loaded, Clock.systemUTC());
    } catch (Exception e) {
      spec.commandLine().getErr().println("cannot start the receiver: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    receiver.close();
                  } catch (Exception e) {
                    System.err.println("error while stopping: " + e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "shutdown"));
    stopped.await();
    return 0;
  }
}
