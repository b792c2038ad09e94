package dev.walletwatch.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.walletwatch.monitor.datadog.DatadogClient;
import dev.walletwatch.monitor.datadog.PlannedChange;
import dev.walletwatch.monitor.datadog.PlannedChange.Action;
import dev.walletwatch.monitor.datadog.Sleeper;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code apply FILE}: plans, then sends each planned create or update to Datadog in order. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Creates or updates the webhook, its secret token variable and every monitor so that"
          + " Datadog matches the monitors file. Sends only the fields that differ, so a second"
          + " run sends nothing."
    })
final class ApplyCommand extends DatadogCommand {
  ApplyCommand(Map<String, String> environment, Sleeper sleeper) {
    super(environment, sleeper);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Planned planned = plan(out);
    DatadogClient client = planned.client();
    List<PlannedChange> changes = planned.changes();

    for (PlannedChange change : changes) {
      if (change.action() == Action.UNCHANGED) {
        continue;
      }
      JsonNode answer = client.send(change.method(), change.path(), change.body());
      String verb = change.action() == Action.CREATE ? "created " : "updated ";
      String id =
          answer.path("id").isMissingNode() ? "" : " (id " + answer.path("id").asText() + ")";
      out.println(verb + change.resource() + (change.action() == Action.CREATE ? id : ""));
      out.flush();
    }
    long sent = changes.size() - PlanPrinter.count(changes, Action.UNCHANGED);
    out.println(
        sent == 0
            ? "Apply complete: nothing to change."
            : "Apply complete: "
                + PlanPrinter.count(changes, Action.CREATE)
                + " created, "
                + PlanPrinter.count(changes, Action.UPDATE)
                + " updated, "
                + PlanPrinter.count(changes, Action.UNCHANGED)
                + " unchanged.");
    out.flush();
    return 0;
  }
}
