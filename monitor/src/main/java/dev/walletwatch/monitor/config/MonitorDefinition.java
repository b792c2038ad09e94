package dev.walletwatch.monitor.config;

import dev.walletwatch.monitor.query.MetricQuery;
import java.time.Duration;
import java.util.List;

/**
 * One monitor from the {@code monitors} list.
 *
 * @param path the YAML path, such as {@code monitors[0]}, for error messages
 * @param name the monitor's name, which {@code apply} uses to find it in Datadog
 * @param query the parsed query
 * @param message the message as written, without the webhook mention and the value line
 * @param notifyNoData whether a series that stops reporting notifies
 * @param noDataTimeframe how long without points means no data, or null for Datadog's default of
 *     twice the query window
 * @param renotifyInterval how long a monitor stays in alert or no data before it notifies again, or
 *     null to notify once
 * @param tags the monitor's tags
 */
public record MonitorDefinition(
    String path,
    String name,
    MetricQuery query,
    String message,
    boolean notifyNoData,
    Duration noDataTimeframe,
    Duration renotifyInterval,
    List<String> tags) {

  public MonitorDefinition {
    tags = List.copyOf(tags);
  }

  /** Returns {@link #noDataTimeframe()}, or twice the query window when it is not set. */
  public Duration effectiveNoDataTimeframe() {
    return noDataTimeframe != null ? noDataTimeframe : query.window().multipliedBy(2);
  }
}
