package dev.walletwatch.monitor.local;

import dev.walletwatch.monitor.config.MonitorDefinition;
import dev.walletwatch.monitor.config.WebhookSettings;
import dev.walletwatch.monitor.datadog.MonitorMessage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.CRC32;

/** Fills the Datadog template variables of one notification, as Datadog would for the monitor. */
final class AlertEvents {
  private AlertEvents() {}

  /**
   * Returns a stable numeric id for {@code monitor}, in place of the Datadog monitor id: the CRC-32
   * of its name, so that a restart gives the same {@code alert_id}.
   */
  static String alertId(MonitorDefinition monitor) {
    CRC32 crc = new CRC32();
    crc.update(monitor.name().getBytes(StandardCharsets.UTF_8));
    return Long.toString(crc.getValue());
  }

  /**
   * Returns the variables (keyed without {@code $}) of one notification.
   *
   * @param previous the status before this transition, which decides the kind of recovery
   * @param eventId the new event's id
   * @param cycleKey the id shared by the events from trigger to recovery
   * @param value the observed value, or null when there is none (no data)
   */
  static Map<String, String> variables(
      MonitorDefinition monitor,
      WebhookSettings webhook,
      Transition transition,
      Status previous,
      String eventId,
      String cycleKey,
      BigDecimal value,
      Instant now) {
    String alertId = alertId(monitor);
    String composed = MonitorMessage.compose(monitor.message(), webhook.mention());
    String epochMillis = Long.toString(now.toEpochMilli());
    String scope = monitor.query().scope();

    Map<String, String> variables = new HashMap<>();
    variables.put("ID", eventId);
    variables.put("ALERT_ID", alertId);
    variables.put("ALERT_CYCLE_KEY", cycleKey);
    variables.put("ALERT_TRANSITION", transition.title());
    variables.put("ALERT_TYPE", transition.alertType());
    variables.put("ALERT_METRIC", monitor.query().metric());
    variables.put("ALERT_QUERY", monitor.query().text());
    variables.put("ALERT_SCOPE", scope);
    variables.put("ALERT_TITLE", title(monitor, transition));
    String text =
        MonitorMessage.render(
            composed, conditions(transition, previous), value, monitor.query().thresholdText());
    variables.put("TEXT_ONLY_MSG", text);
    variables.put("TAGS", String.join(", ", monitor.tags()));
    variables.put("DATE", epochMillis);
    variables.put("LAST_UPDATED", epochMillis);
    // The local evaluator has no event page; the link names the monitor and event instead.
    variables.put("LINK", "walletwatch-local:monitor/" + alertId + "/event/" + eventId);
    // No Datadog organisation exists locally.
    variables.put("ORG_ID", "0");
    return variables;
  }

  /**
   * Returns the message conditions that hold for {@code transition}, such as {@code is_alert},
   * named as in Datadog's {@code {{#is_alert}}} blocks.
   */
  static Set<String> conditions(Transition transition, Status previous) {
    return switch (transition) {
      case TRIGGERED -> Set.of("is_alert");
      case RE_TRIGGERED -> Set.of("is_alert", "is_renotify");
      case NO_DATA -> Set.of("is_no_data");
      case RE_NO_DATA -> Set.of("is_no_data", "is_renotify");
      case RECOVERED ->
          previous == Status.NO_DATA
              ? Set.of("is_recovery", "is_no_data_recovery")
              : Set.of("is_recovery", "is_alert_recovery");
    };
  }

  /** Returns a title in Datadog's form, such as {@code [Triggered on {currency:btc}] NAME}. */
  static String title(MonitorDefinition monitor, Transition transition) {
    if (monitor.query().tags().isEmpty()) {
      return "[" + transition.title() + "] " + monitor.name();
    }
    String tags = String.join(",", monitor.query().tags());
    return "[" + transition.title() + " on {" + tags + "}] " + monitor.name();
  }
}
