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
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plan FILE}: reads Datadog and prints what apply would change, changing nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the webhook, its token variables and the monitors (matched by name) from Datadog"
          + " and prints what apply would create, update or leave unchanged. Changes nothing."
    })
final class PlanCommand implements Callable<Integer> {
  private final Map<String, String> environment;
  private final Sleeper sleeper;

  @Spec private CommandSpec spec;

  @Parameters(
      index = "0",
      paramLabel = "FILE",
      description = "the monitors file, such as monitors.yml")
  private Path file;

  PlanCommand(Map<String, String> environment, Sleeper sleeper) {
    this.environment = environment;
    this.sleeper = sleeper;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    MonitorsConfig config = new ConfigLoader(environment).load(file);
    DatadogSettings datadog = config.datadog();
    PlanPrinter.printTarget(out, datadog);
    List<PlannedChange> changes = Planner.plan(config, new DatadogClient(datadog, sleeper));
    PlanPrinter.printChanges(out, changes);
    out.println("Plan: " + PlanPrinter.summary(changes));
    out.flush();
    return 0;
  }
}
