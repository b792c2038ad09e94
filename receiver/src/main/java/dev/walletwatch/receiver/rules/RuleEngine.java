package dev.walletwatch.receiver.rules;

import dev.walletwatch.receiver.datadog.Transition;
import dev.walletwatch.receiver.datadog.WebhookEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides, for each rule, whether an event sends an SMS. A pure function of the event and the
 * rules: no clock, no store, so every decision can be replayed from what was stored.
 */
public final class RuleEngine {
  private RuleEngine() {}

  /** Returns one decision per rule, or a single ignore decision when there are no rules. */
  public static List<Decision> decideAll(WebhookEvent event, List<Rule> rules) {
    if (rules.isEmpty()) {
      return List.of(new Decision(Decision.Action.IGNORE, null, "no rules configured"));
    }
    List<Decision> decisions = new ArrayList<>(rules.size());
    for (Rule rule : rules) {
      decisions.add(decide(event, rule));
    }
    return decisions;
  }

  /** Returns what {@code rule} does with {@code event}, and why. */
  public static Decision decide(WebhookEvent event, Rule rule) {
    String mismatch = mismatch(event, rule);
    if (mismatch != null) {
      return Decision.ignore(rule, mismatch);
    }
    Transition transition = event.transition();
    if (transition == null) {
      return Decision.ignore(
          rule, "transition unknown: neither alert_transition nor the title names one");
    }
    if (event.test() && !rule.test()) {
      return Decision.ignore(rule, "test notification; set test: true on the rule to send tests");
    }
    if (transition == Transition.RECOVERED) {
      if (rule.recovery() == null) {
        return Decision.ignore(rule, "Recovered, and the rule has no recovery template");
      }
      return new Decision(
          Decision.Action.SEND_RECOVERY, rule.name(), "Recovered: sending the recovery template");
    }
    if (!rule.transitions().contains(transition)) {
      return Decision.ignore(
          rule, "transition " + transition.label() + " is not in the rule's transitions");
    }
    if (rule.below() != null && event.value() != null) {
      if (event.value().compareTo(rule.below()) >= 0) {
        return Decision.ignore(
            rule,
            "value "
                + event.value().toPlainString()
                + " is not below "
                + rule.below().toPlainString());
      }
      return new Decision(
          Decision.Action.SEND,
          rule.name(),
          transition.label()
              + ": value "
              + event.value().toPlainString()
              + " is below "
              + rule.below().toPlainString());
    }
    String valueNote =
        rule.below() == null ? "" : " (no value in the message, so below is not checked)";
    return new Decision(
        Decision.Action.SEND, rule.name(), transition.label() + " matches the rule" + valueNote);
  }

  /** Returns why the event is not about this rule's monitor, metric or scope, or null. */
  private static String mismatch(WebhookEvent event, Rule rule) {
    if (rule.monitorId() != null && !rule.monitorId().equals(event.alertId().trim())) {
      return "monitor id "
          + (event.alertId().isEmpty() ? "missing" : "'" + event.alertId() + "'")
          + " is not "
          + rule.monitorId();
    }
    if (rule.metric() != null && !mentionsMetric(event, rule.metric())) {
      return "metric " + rule.metric() + " is not the event's metric, query or message";
    }
    for (Map.Entry<String, String> tag : rule.scope().entrySet()) {
      String wanted = tag.getKey() + ":" + tag.getValue();
      List<String> have = event.scope().isEmpty() ? event.tags() : event.scope();
      if (have.stream().noneMatch(t -> t.equalsIgnoreCase(wanted))) {
        return "scope " + have + " lacks " + wanted;
      }
    }
    return null;
  }

  private static boolean mentionsMetric(WebhookEvent event, String metric) {
    if (!event.metric().isEmpty()) {
      return event.metric().equals(metric);
    }
    // A metric name is a whole token: quant.wallet.balance must not match quant.wallet.balance2.
    Pattern token =
        Pattern.compile("(?<![A-Za-z0-9_.])" + Pattern.quote(metric) + "(?![A-Za-z0-9_])");
    return token.matcher(event.query()).find()
        || token.matcher(event.message().replace("\\_", "_")).find();
  }
}
