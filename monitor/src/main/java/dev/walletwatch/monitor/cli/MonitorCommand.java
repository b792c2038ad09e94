package dev.walletwatch.monitor.cli;

import dev.walletwatch.monitor.config.ConfigException;
import dev.walletwatch.monitor.datadog.DatadogException;
import dev.walletwatch.monitor.datadog.Sleeper;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level command; it only groups the subcommands. */
@Command(
    name = "walletwatch-monitor",
    mixinStandardHelpOptions = true,
    version = "walletwatch-monitor 0.1.0",
    description = {
      "Creates the Datadog monitors and webhook that monitors.yml describes, or runs the same"
          + " monitors on this machine."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:a Datadog request or the local listener failed",
      "2:invalid command line or monitors file"
    })
public final class MonitorCommand implements Runnable {
  /** Exit code for an invalid monitors file, the same as picocli's for an invalid command line. */
  static final int CONFIG_ERROR = 2;

  /** Exit code for a failed Datadog request or local run. */
  static final int RUNTIME_ERROR = 1;

  @Spec private CommandSpec spec;

  private MonitorCommand() {}

  /**
   * Builds the command line.
   *
   * @param environment the variables that {@code ${VAR}} references in monitors.yml resolve to
   * @param sleeper waits before a rate-limited Datadog request is retried
   */
  public static CommandLine commandLine(Map<String, String> environment, Sleeper sleeper) {
    CommandLine commandLine = new CommandLine(new MonitorCommand());
    commandLine.addSubcommand(new PlanCommand(environment, sleeper));
    commandLine.addSubcommand(new ApplyCommand(environment, sleeper));
    commandLine.addSubcommand(new LocalCommand(environment));
    commandLine.setExecutionExceptionHandler(MonitorCommand::handle);
    return commandLine;
  }

  private static int handle(
      Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
    PrintWriter err = command.getErr();
    if (failure instanceof ConfigException) {
      err.println("error: " + failure.getMessage());
      return CONFIG_ERROR;
    }
    if (failure instanceof DatadogException) {
      err.println("error: " + failure.getMessage());
      return RUNTIME_ERROR;
    }
    err.println("error: unexpected failure in " + command.getCommandName() + ": " + failure);
    failure.printStackTrace(err);
    return RUNTIME_ERROR;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "missing command: use plan, apply or local");
  }
}
