package dev.walletwatch.monitor.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields in which an existing Datadog monitor differs from the desired one, and the PUT body
 * that changes only those. Fields apply does not set (other options, priority, restricted roles)
 * are left as they are.
 *
 * @param details one line per changed field
 * @param body the PUT body. When an option changed, it contains all current options with the
 *     desired ones merged in, since Datadog replaces the whole options object on PUT.
 */
record MonitorDiff(List<String> details, ObjectNode body) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Datadog reports a metric monitor as either type; both run the same query. */
  private static final Set<String> METRIC_MONITOR_TYPES = Set.of("query alert", "metric alert");

  static MonitorDiff compare(ObjectNode desired, JsonNode current) {
    List<String> details = new ArrayList<>();
    ObjectNode body = JSON.createObjectNode();

    String type = current.path("type").asText();
    if (!METRIC_MONITOR_TYPES.contains(type)) {
      body.put("type", desired.path("type").asText());
      details.add("type: " + Planner.quote(type) + " -> " + desired.path("type"));
    }
    for (String field : List.of("query", "message")) {
      String want = desired.path(field).asText();
      String have = current.path(field).asText();
      if (!want.equals(have)) {
        body.put(field, want);
        details.add(field + ": " + Planner.quote(have) + " -> " + Planner.quote(want));
      }
    }
    Set<String> wantTags = tags(desired.path("tags"));
    Set<String> haveTags = tags(current.path("tags"));
    if (!wantTags.equals(haveTags)) {
      body.set("tags", desired.path("tags"));
      details.add("tags: " + haveTags + " -> " + wantTags);
    }

    JsonNode wantOptions = desired.path("options");
    JsonNode haveOptions = current.path("options");
    List<String> optionDetails = compareOptions(wantOptions, haveOptions);
    if (!optionDetails.isEmpty()) {
      details.addAll(optionDetails);
      body.set("options", mergeOptions(wantOptions, haveOptions));
    }
    return new MonitorDiff(details, body);
  }

  private static List<String> compareOptions(JsonNode want, JsonNode have) {
    List<String> details = new ArrayList<>();
    JsonNode wantCritical = want.path("thresholds").path("critical");
    JsonNode haveCritical = have.path("thresholds").path("critical");
    if (!haveCritical.isNumber()
        || wantCritical.decimalValue().compareTo(haveCritical.decimalValue()) != 0) {
      details.add(
          "options.thresholds.critical: "
              + haveCritical.asText("none")
              + " -> "
              + wantCritical.decimalValue().toPlainString());
    }

    boolean wantNoData = want.path("notify_no_data").asBoolean();
    boolean haveNoData = have.path("notify_no_data").asBoolean(false);
    if (wantNoData != haveNoData) {
      details.add("options.notify_no_data: " + haveNoData + " -> " + wantNoData);
    }

    // Without a configured timeframe Datadog's own default stays, so only a set value is compared.
    if (want.has("no_data_timeframe")
        && want.path("no_data_timeframe").asLong() != have.path("no_data_timeframe").asLong(-1)) {
      details.add(
          "options.no_data_timeframe: "
              + have.path("no_data_timeframe").asText("none")
              + " -> "
              + want.path("no_data_timeframe").asLong());
    }

    // Datadog reports "no renotification" as null or 0.
    long wantRenotify = want.path("renotify_interval").asLong(0);
    long haveRenotify = have.path("renotify_interval").asLong(0);
    if (wantRenotify != haveRenotify) {
      details.add("options.renotify_interval: " + haveRenotify + " -> " + wantRenotify);
    }

    return details;
  }

  private static ObjectNode mergeOptions(JsonNode want, JsonNode have) {
    ObjectNode merged = have.isObject() ? ((ObjectNode) have).deepCopy() : JSON.createObjectNode();
    JsonNode haveThresholds = merged.path("thresholds");
    ObjectNode thresholds =
        haveThresholds.isObject() ? (ObjectNode) haveThresholds : JSON.createObjectNode();
    thresholds.set("critical", want.path("thresholds").path("critical"));
    merged.set("thresholds", thresholds);
    merged.set("notify_no_data", want.path("notify_no_data"));
    if (want.has("no_data_timeframe")) {
      merged.set("no_data_timeframe", want.path("no_data_timeframe"));
    }
    merged.set("renotify_interval", want.path("renotify_interval"));
    return merged;
  }

  private static Set<String> tags(JsonNode tags) {
    Set<String> result = new TreeSet<>();
    tags.forEach(tag -> result.add(tag.asText()));
    return result;
  }
}
