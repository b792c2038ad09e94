package dev.walletwatch.receiver.intake;

import dev.walletwatch.receiver.datadog.InvalidPayloadException;
import dev.walletwatch.receiver.datadog.PayloadParser;
import dev.walletwatch.receiver.datadog.WebhookEvent;
import dev.walletwatch.receiver.rules.Decision;
import dev.walletwatch.receiver.rules.Rule;
import dev.walletwatch.receiver.rules.RuleEngine;
import dev.walletwatch.receiver.store.EventLog;
import dev.walletwatch.receiver.store.NewDelivery;
import dev.walletwatch.receiver.store.StorageException;
import dev.walletwatch.receiver.template.Placeholder;
import dev.walletwatch.receiver.template.SmsTemplate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns one webhook body into stored rows: parses it, applies the rules, renders the templates, and
 * commits the event, its decisions and its outbox rows in one transaction. Nothing is sent here;
 * the delivery worker picks the rows up after the commit.
 */
public final class WebhookIntake {
  /** Flood-control kind of a delivery from a {@code SEND} decision. */
  public static final String KIND_ALERT = "alert";

  /** Flood-control kind of a delivery from a {@code SEND_RECOVERY} decision. */
  public static final String KIND_RECOVERY = "recovery";

  private final PayloadParser parser = new PayloadParser();
  private final List<Rule> rules;
  private final EventLog events;
  private final Clock clock;
  private final Runnable onNewDeliveries;

  public WebhookIntake(List<Rule> rules, EventLog events, Clock clock, Runnable onNewDeliveries) {
    this.rules = List.copyOf(rules);
    this.events = events;
    this.clock = clock;
    this.onNewDeliveries = onNewDeliveries;
  }

  /**
   * The outcome of one webhook.
   *
   * @param event the parsed event
   * @param stored what the store wrote; a duplicate wrote nothing
   * @param decisions one decision per rule
   */
  public record Result(WebhookEvent event, EventLog.Accepted stored, List<Decision> decisions) {}

  /** Parses, decides and stores {@code body}; returns once the rows are committed. */
  public Result accept(byte[] body, String contentType)
      throws InvalidPayloadException, StorageException {
    WebhookEvent event = parser.parse(body, contentType);
    List<Decision> decisions = RuleEngine.decideAll(event, rules);
    List<NewDelivery> deliveries = new ArrayList<>();
    for (Decision decision : decisions) {
      if (decision.sends()) {
        deliveries.addAll(deliveriesFor(event, decision));
      }
    }
    EventLog.Accepted stored =
        events.accept(event, body, contentType, decisions, deliveries, clock.instant());
    if (!stored.deliveryIds().isEmpty()) {
      onNewDeliveries.run();
    }
    return new Result(event, stored, decisions);
  }

  private List<NewDelivery> deliveriesFor(WebhookEvent event, Decision decision) {
    Rule rule =
        rules.stream().filter(r -> r.name().equals(decision.rule())).findFirst().orElseThrow();
    boolean recovery = decision.action() == Decision.Action.SEND_RECOVERY;
    SmsTemplate template = recovery ? rule.recovery() : rule.template();
    Map<String, String> params = template.render(placeholderValues(event, rule));
    List<NewDelivery> out = new ArrayList<>();
    for (String phone : rule.phones()) {
      out.add(
          new NewDelivery(
              rule.name(),
              recovery ? KIND_RECOVERY : KIND_ALERT,
              phone,
              template.code(),
              params,
              rule.repeatInterval()));
    }
    return out;
  }

  /** Returns the event's values for the template placeholders; a missing value is empty. */
  public static Map<Placeholder, String> placeholderValues(WebhookEvent event, Rule rule) {
    Map<Placeholder, String> values = new EnumMap<>(Placeholder.class);
    values.put(Placeholder.VALUE, event.value() == null ? "" : event.value().toPlainString());
    values.put(
        Placeholder.THRESHOLD, event.threshold() == null ? "" : event.threshold().toPlainString());
    values.put(
        Placeholder.METRIC,
        event.metric().isEmpty() && rule.metric() != null ? rule.metric() : event.metric());
    values.put(Placeholder.SCOPE, String.join(",", event.scope()));
    values.put(
        Placeholder.TRANSITION, event.transition() == null ? "" : event.transition().label());
    values.put(Placeholder.TITLE, event.title());
    values.put(Placeholder.MONITOR_ID, event.alertId());
    return values;
  }
}
