package dev.walletwatch.monitor.datadog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One resource's difference between monitors.yml and Datadog, and the request that removes it.
 *
 * @param action what apply does with the resource
 * @param resource the resource, such as {@code webhook walletwatch}
 * @param details one line per changed field, secrets shown as {@code <secret>}
 * @param method the HTTP method, or null when unchanged
 * @param path the API path, or null when unchanged
 * @param body the request body, or null when unchanged
 */
public record PlannedChange(
    Action action,
    String resource,
    List<String> details,
    String method,
    String path,
    ObjectNode body) {

  /** The step apply takes for one resource. */
  public enum Action {
    CREATE("+ create"),
    UPDATE("~ update"),
    UNCHANGED("= unchanged");

    private final String label;

    Action(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public PlannedChange {
    details = List.copyOf(details);
  }

  static PlannedChange unchanged(String resource) {
    return new PlannedChange(Action.UNCHANGED, resource, List.of(), null, null, null);
  }
}
