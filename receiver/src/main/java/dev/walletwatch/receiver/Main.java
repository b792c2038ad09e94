package dev.walletwatch.receiver;

import dev.walletwatch.receiver.cli.CheckConfigCommand;
import dev.walletwatch.receiver.cli.HistoryCommand;
import dev.walletwatch.receiver.cli.SendTestCommand;
import dev.walletwatch.receiver.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code walletwatch-receiver.jar}: dispatches to the subcommands. */
@Command(
    name = "walletwatch-receiver",
    mixinStandardHelpOptions = true,
    version = "walletwatch receiver 0.1.0",
    description =
        "Receives Datadog webhooks, decides by rules and sends SMS through a durable outbox.",
    subcommands = {
      ServeCommand.class,
      CheckConfigCommand.class,
      SendTestCommand.class,
      HistoryCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command: serve, check-config, send-test or history");
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new Main()).execute(args));
  }
}
