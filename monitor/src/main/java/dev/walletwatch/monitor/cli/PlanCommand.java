package dev.walletwatch.monitor.cli;

import dev.walletwatch.monitor.datadog.PlannedChange;
import dev.walletwatch.monitor.datadog.Sleeper;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code plan FILE}: reads Datadog and prints what apply would change, changing nothing. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Reads the webhook, its token variables and the monitors (matched by name) from Datadog"
          + " and prints what apply would create, update or leave unchanged. Changes nothing."
    })
final class PlanCommand extends DatadogCommand {
  PlanCommand(Map<String, String> environment, Sleeper sleeper) {
    super(environment, sleeper);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<PlannedChange> changes = plan(out).changes();
    out.println("Plan: " + PlanPrinter.summary(changes));
    out.flush();
    return 0;
  }
}
