package dev.walletwatch.monitor.cli;

import dev.walletwatch.monitor.config.DatadogSettings;
import dev.walletwatch.monitor.datadog.PlannedChange;
import dev.walletwatch.monitor.datadog.PlannedChange.Action;
import java.io.PrintWriter;
import java.util.List;

/** Prints a plan: one block per resource, then a count per action. */
final class PlanPrinter {
  private PlanPrinter() {}

  static void printTarget(PrintWriter out, DatadogSettings datadog) {
    out.println(
        "Datadog site "
            + datadog.site()
            + " at "
            + datadog.apiUrl()
            + ", API key "
            + datadog.apiKey()
            + ", application key "
            + datadog.appKey());
  }

  static void printChanges(PrintWriter out, List<PlannedChange> changes) {
    for (PlannedChange change : changes) {
      out.println(change.action().label() + " " + change.resource());
      for (String detail : change.details()) {
        out.println("    " + detail);
      }
    }
  }

  static String summary(List<PlannedChange> changes) {
    return count(changes, Action.CREATE)
        + " to create, "
        + count(changes, Action.UPDATE)
        + " to update, "
        + count(changes, Action.UNCHANGED)
        + " unchanged.";
  }

  static long count(List<PlannedChange> changes, Action action) {
    return changes.stream().filter(change -> change.action() == action).count();
  }
}
