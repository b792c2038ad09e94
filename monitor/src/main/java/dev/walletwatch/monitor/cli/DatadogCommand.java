package dev.walletwatch.monitor.cli;

import dev.walletwatch.monitor.config.ConfigLoader;
import dev.walletwatch.monitor.config.DatadogSettings;
import dev.walletwatch.monitor.config.MonitorsConfig;
import dev.walletwatch.monitor.datadog.DatadogClient;
import dev.walletwatch.monitor.datadog.PlannedChange;
import dev.walletwatch.monitor.datadog.Planner;
import dev.walletwatch.monitor.datadog.Sleeper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The part that {@code plan} and {@code apply} share: the monitors file argument, loading it, and
 * reading Datadog to print the planned changes.
 */
abstract class DatadogCommand implements Callable<Integer> {
  private final Map<String, String> environment;
  private final Sleeper sleeper;

  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "the monitors file, such as monitors.yml")
  private Path file;

  DatadogCommand(Map<String, String> environment, Sleeper sleeper) {
    this.environment = environment;
    this.sleeper = sleeper;
  }

  /** The Datadog client and the changes planned against what it read. */
  record Planned(DatadogClient client, List<PlannedChange> changes) {}

  /**
   * Loads the file, reads Datadog, and prints the target and each planned change to {@code out}.
   */
  Planned plan(PrintWriter out) {
    MonitorsConfig config = new ConfigLoader(environment).load(file);
    DatadogSettings datadog = config.datadog();
    PlanPrinter.printTarget(out, datadog);
    DatadogClient client = new DatadogClient(datadog, sleeper);
    List<PlannedChange> changes = Planner.plan(config, client);
    PlanPrinter.printChanges(out, changes);
    out.flush();
    return new Planned(client, changes);
  }
}
