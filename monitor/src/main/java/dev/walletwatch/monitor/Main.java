package dev.walletwatch.monitor;

import dev.walletwatch.monitor.cli.MonitorCommand;
import dev.walletwatch.monitor.datadog.Sleeper;

/**
 * Entry point of {@code walletwatch-monitor.jar}: {@code plan}, {@code apply} and {@code local}.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int exitCode = MonitorCommand.commandLine(System.getenv(), Sleeper.THREAD).execute(args);
    System.exit(exitCode);
  }
}
