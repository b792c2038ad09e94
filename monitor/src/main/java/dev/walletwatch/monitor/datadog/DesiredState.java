package dev.walletwatch.monitor.datadog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletwatch.monitor.config.ConfigException;
import dev.walletwatch.monitor.config.MonitorDefinition;
import dev.walletwatch.monitor.config.MonitorsConfig;
import dev.walletwatch.monitor.config.WebhookSettings;
import java.time.Duration;

/** Builds the Datadog API bodies that monitors.yml describes. */
final class DesiredState {
  /** The monitor type of a metric monitor; older API versions and Terraform use "metric alert". */
  static final String MONITOR_TYPE = "query alert";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DesiredState() {}

  /** Returns the {@code custom_headers} value: the token as a reference to the custom variable. */
  static String customHeaders(WebhookSettings webhook) {
    ObjectNode headers = JSON.createObjectNode();
    headers.put("Authorization", "Bearer $" + webhook.tokenVariable());
    return headers.toString();
  }

  /** Returns the webhook body for POST or PUT, without secrets. */
  static ObjectNode webhook(WebhookSettings webhook) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", webhook.name());
    body.put("url", webhook.url());
    body.put("payload", WebhookPayload.TEMPLATE);
    body.put("custom_headers", customHeaders(webhook));
    body.put("encode_as", "json");
    return body;
  }

  /**
   * Returns the monitor body for POST.
   *
   * @throws ConfigException when a timeframe is not a whole number of minutes
   */
  static ObjectNode monitor(MonitorsConfig config, MonitorDefinition monitor) {
    ObjectNode body = JSON.createObjectNode();
    body.put("name", monitor.name());
    body.put("type", MONITOR_TYPE);
    body.put("query", monitor.query().text());
    body.put("message", MonitorMessage.compose(monitor.message(), config.webhook().mention()));
    ArrayNode tags = body.putArray("tags");
    monitor.tags().forEach(tags::add);
    body.set("options", options(config, monitor));
    return body;
  }

  private static ObjectNode options(MonitorsConfig config, MonitorDefinition monitor) {
    ObjectNode options = JSON.createObjectNode();
    // Datadog rejects a monitor whose critical threshold differs from the query's number.
    options.putObject("thresholds").put("critical", monitor.query().threshold());
    options.put("notify_no_data", monitor.notifyNoData());
    if (monitor.notifyNoData() && monitor.noDataTimeframe() != null) {
      options.put(
          "no_data_timeframe",
          minutes(config, monitor, "noDataTimeframe", monitor.noDataTimeframe()));
    }
    if (monitor.renotifyInterval() != null) {
      options.put(
          "renotify_interval",
          minutes(config, monitor, "renotifyInterval", monitor.renotifyInterval()));
    } else {
      options.putNull("renotify_interval");
    }
    return options;
  }

  private static long minutes(
      MonitorsConfig config, MonitorDefinition monitor, String key, Duration duration) {
    if (duration.toSeconds() % 60 != 0 || duration.toMillis() % 1000 != 0) {
      throw new ConfigException(
          config.file()
              + ": "
              + monitor.path()
              + "."
              + key
              + ": Datadog takes whole minutes, so write a value such as 10m (the local command"
              + " accepts seconds)");
    }
    return duration.toMinutes();
  }
}
