package dev.walletwatch.receiver.datadog;

import java.math.BigDecimal;
import java.util.List;

/**
 * One Datadog webhook notification, parsed from either the walletwatch payload or Datadog's default
 * payload. Text fields are never null (empty when the payload left them out); the others are null
 * when unknown.
 *
 * @param id Datadog's event id ({@code $ID}), the idempotency key; may be empty
 * @param alertId the monitor id ({@code $ALERT_ID})
 * @param alertCycleKey id shared by the events from trigger to recovery
 * @param transition from {@code alert_transition}, else from the title; null when neither names one
 * @param test true for a test notification ({@code [TEST]} in the title)
 * @param alertType {@code error}, {@code warning}, {@code success} or {@code info}
 * @param metric the metric name ({@code $ALERT_METRIC})
 * @param query the monitor query ({@code $ALERT_QUERY})
 * @param scope the triggering tags, from {@code alert_scope} or the title's {@code on {...}} part
 * @param tags the event tags ({@code $TAGS}); a bare tag such as {@code monitor} stays as is
 * @param title the alert or event title
 * @param message the event text ({@code text_only_msg} or {@code body})
 * @param value the measured value from the {@code walletwatch value=...} line
 * @param threshold the threshold from that line, else from the query
 * @param dateMillis event time in epoch milliseconds ({@code $DATE})
 * @param eventType {@code $EVENT_TYPE} when the payload has it
 * @param orgId the Datadog organization id
 * @param link the event URL
 */
public record WebhookEvent(
    String id,
    String alertId,
    String alertCycleKey,
    Transition transition,
    boolean test,
    String alertType,
    String metric,
    String query,
    List<String> scope,
    List<String> tags,
    String title,
    String message,
    BigDecimal value,
    BigDecimal threshold,
    Long dateMillis,
    String eventType,
    String orgId,
    String link) {

  public WebhookEvent {
    scope = List.copyOf(scope);
    tags = List.copyOf(tags);
  }
}
