package dev.walletwatch.receiver.rules;

import dev.walletwatch.receiver.datadog.Transition;
import dev.walletwatch.receiver.template.SmsTemplate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One entry of {@code rules:}: which notifications it acts on and whom it texts.
 *
 * @param name unique name, used in decisions, flood control and {@code send-test --rule}
 * @param metric metric name matched against {@code $ALERT_METRIC}, the query or the message
 * @param monitorId monitor id matched against {@code $ALERT_ID}, or null for any monitor
 * @param scope tags ({@code key:value}) that the event's scope must contain
 * @param below the value must be below this to send, when the event carries the value; or null
 * @param transitions the transitions that send the alert template
 * @param test whether test notifications ({@code [TEST]}) send
 * @param phones numbers to text
 * @param template the alert template
 * @param recovery the template sent on {@code Recovered}, or null
 * @param repeatInterval at most one alert SMS per phone and rule within this time unless a recovery
 *     SMS came between; zero for no limit
 */
public record Rule(
    String name,
    String metric,
    String monitorId,
    Map<String, String> scope,
    BigDecimal below,
    Set<Transition> transitions,
    boolean test,
    List<String> phones,
    SmsTemplate template,
    SmsTemplate recovery,
    Duration repeatInterval) {

  public Rule {
    scope = Map.copyOf(scope);
    transitions = Set.copyOf(transitions);
    phones = List.copyOf(phones);
  }
}
