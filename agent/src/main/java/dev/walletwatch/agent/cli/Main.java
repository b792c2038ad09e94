package dev.walletwatch.agent.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The offline commands of the agent jar: {@code java -jar walletwatch-agent.jar validate|scan}.
 * They read class files and never load or run application code.
 */
@Command(
    name = "walletwatch-agent.jar",
    mixinStandardHelpOptions = true,
    description = "Offline checks for the walletwatch agent.",
    subcommands = {ValidateCommand.class, ScanCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs a command and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command and returns its exit status: 0 ok, 1 problems found, 2 usage error. */
  static int run(String... args) {
    return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
  }

  /** Runs a command writing to {@code out} and {@code err}; for tests. */
  static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine commandLine = new CommandLine(new Main());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        new CommandLine.IExecutionExceptionHandler() {
          @Override
          public int handleExecutionException(
              Exception exception, CommandLine command, CommandLine.ParseResult parseResult) {
            command
                .getErr()
                .println(command.getCommandName() + " failed: " + exception.getMessage());
            return 1;
          }
        });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command: validate or scan");
  }
}
