package dev.walletwatch.receiver.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.receiver.datadog.Transition;
import dev.walletwatch.receiver.datadog.WebhookEvent;
import dev.walletwatch.receiver.rules.Decision.Action;
import dev.walletwatch.receiver.template.SmsTemplate;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RuleEngineTest {
  private static final Rule RULE =
      new Rule(
          "btc-low",
          "quant.wallet.balance",
          "12345",
          Map.of("currency", "btc"),
          new BigDecimal("5"),
          Set.of(Transition.TRIGGERED, Transition.RE_TRIGGERED, Transition.RENOTIFY),
          false,
          List.of("+8613800000000"),
          new SmsTemplate("SMS_000000", Map.of()),
          new SmsTemplate("SMS_000001", Map.of()),
          Duration.ZERO);

  private static final Rule NO_RECOVERY =
      new Rule(
          "no-recovery",
          "quant.wallet.balance",
          null,
          Map.of(),
          null,
          Set.of(Transition.TRIGGERED),
          false,
          List.of("+8613800000000"),
          new SmsTemplate("SMS_000000", Map.of()),
          null,
          Duration.ZERO);

  private static final Rule TESTS_AND_NO_DATA =
      new Rule(
          "tests",
          "quant.wallet.balance",
          null,
          Map.of(),
          new BigDecimal("5"),
          Set.of(Transition.TRIGGERED, Transition.NO_DATA, Transition.WARN),
          true,
          List.of("+8613800000000"),
          new SmsTemplate("SMS_000000", Map.of()),
          null,
          Duration.ZERO);

  static Stream<Arguments> cases() {
    return Stream.of(
        // The plain alert: right monitor, metric, scope and transition, value below the floor.
        Arguments.of(RULE, event(Transition.TRIGGERED, "4.2"), Action.SEND),
        // Re-Triggered and Renotify are listed, so they send as well.
        Arguments.of(RULE, event(Transition.RE_TRIGGERED, "4.2"), Action.SEND),
        Arguments.of(RULE, event(Transition.RENOTIFY, "1"), Action.SEND),
        // The value equals the floor: "below 5" is strict, so 5 does not send.
        Arguments.of(RULE, event(Transition.TRIGGERED, "5"), Action.IGNORE),
        // A value above the floor does not send even when Datadog reports Triggered.
        Arguments.of(RULE, event(Transition.TRIGGERED, "7.5"), Action.IGNORE),
        // No value in the message: Datadog's own threshold decided, so it sends.
        Arguments.of(RULE, event(Transition.TRIGGERED, null), Action.SEND),
        // Recovered sends the recovery template, whatever the value.
        Arguments.of(RULE, event(Transition.RECOVERED, "6"), Action.SEND_RECOVERY),
        // Recovered without a recovery template is recorded only.
        Arguments.of(NO_RECOVERY, event(Transition.RECOVERED, "6"), Action.IGNORE),
        // No Data and Warn are not listed by the rule: recorded only.
        Arguments.of(RULE, event(Transition.NO_DATA, null), Action.IGNORE),
        Arguments.of(RULE, event(Transition.WARN, "4.5"), Action.IGNORE),
        // A rule that lists No Data sends it.
        Arguments.of(TESTS_AND_NO_DATA, event(Transition.NO_DATA, null), Action.SEND),
        // A test notification does not send unless the rule sets test: true.
        Arguments.of(RULE, testEvent(Transition.TRIGGERED, "4.2"), Action.IGNORE),
        Arguments.of(TESTS_AND_NO_DATA, testEvent(Transition.TRIGGERED, "4.2"), Action.SEND),
        // A test notification still obeys below.
        Arguments.of(TESTS_AND_NO_DATA, testEvent(Transition.TRIGGERED, "9"), Action.IGNORE),
        // Unknown transition: nothing to act on.
        Arguments.of(RULE, event(null, "4.2"), Action.IGNORE),
        // Another monitor id does not match.
        Arguments.of(
            RULE, with(event(Transition.TRIGGERED, "4.2"), "999", null, null), Action.IGNORE),
        // Another metric does not match, nor does a longer metric name with the same prefix.
        Arguments.of(
            RULE,
            with(event(Transition.TRIGGERED, "4.2"), null, "quant.wallet.balance2", null),
            Action.IGNORE),
        // The scope lacks currency:btc (an ETH alert).
        Arguments.of(
            RULE,
            with(event(Transition.TRIGGERED, "4.2"), null, null, List.of("currency:eth")),
            Action.IGNORE),
        // Scope tags compare without regard to case.
        Arguments.of(
            RULE,
            with(event(Transition.TRIGGERED, "4.2"), null, null, List.of("Currency:BTC")),
            Action.SEND));
  }

  @ParameterizedTest(name = "[{index}] {2}")
  @MethodSource("cases")
  void decideTable(Rule rule, WebhookEvent event, Action expected) {
    Decision decision = RuleEngine.decide(event, rule);

    assertThat(decision.action()).as(decision.reason()).isEqualTo(expected);
    assertThat(decision.rule()).isEqualTo(rule.name());
    assertThat(decision.reason()).isNotBlank();
  }

  @Test
  void decideMatchesMetricInQuery() {
    WebhookEvent fromQuery =
        new WebhookEvent(
            "1",
            "12345",
            "",
            Transition.TRIGGERED,
            false,
            "error",
            "",
            "min(last_5m):min:quant.wallet.balance{currency:btc} < 5",
            List.of("currency:btc"),
            List.of(),
            "t",
            "",
            null,
            null,
            null,
            "",
            "",
            "");

    assertThat(RuleEngine.decide(fromQuery, RULE).action()).isEqualTo(Action.SEND);
  }

  @Test
  void decideReasonNamesValueAndFloor() {
    Decision decision = RuleEngine.decide(event(Transition.TRIGGERED, "7.5"), RULE);

    assertThat(decision.reason()).contains("7.5").contains("5");
  }

  @Test
  void decideAllWithoutRulesIgnores() {
    List<Decision> decisions = RuleEngine.decideAll(event(Transition.TRIGGERED, "1"), List.of());

    assertThat(decisions).singleElement().extracting(Decision::action).isEqualTo(Action.IGNORE);
  }

  private static WebhookEvent event(Transition transition, String value) {
    return new WebhookEvent(
        "1",
        "12345",
        "cycle",
        transition,
        false,
        "error",
        "quant.wallet.balance",
        "",
        List.of("currency:btc"),
        List.of("monitor"),
        "title",
        "",
        value == null ? null : new BigDecimal(value),
        new BigDecimal("5"),
        1L,
        "",
        "",
        "");
  }

  private static WebhookEvent testEvent(Transition transition, String value) {
    WebhookEvent e = event(transition, value);
    return new WebhookEvent(
        e.id(),
        e.alertId(),
        e.alertCycleKey(),
        e.transition(),
        true,
        e.alertType(),
        e.metric(),
        e.query(),
        e.scope(),
        e.tags(),
        "[TEST] " + e.title(),
        e.message(),
        e.value(),
        e.threshold(),
        e.dateMillis(),
        e.eventType(),
        e.orgId(),
        e.link());
  }

  private static WebhookEvent with(
      WebhookEvent e, String alertId, String metric, List<String> scope) {
    return new WebhookEvent(
        e.id(),
        alertId == null ? e.alertId() : alertId,
        e.alertCycleKey(),
        e.transition(),
        e.test(),
        e.alertType(),
        metric == null ? e.metric() : metric,
        e.query(),
        scope == null ? e.scope() : scope,
        e.tags(),
        e.title(),
        e.message(),
        e.value(),
        e.threshold(),
        e.dateMillis(),
        e.eventType(),
        e.orgId(),
        e.link());
  }
}
