package dev.walletwatch.monitor.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MonitorMessageTest {

  @Test
  void composeAppendsMentionAndValueLine() {
    assertThat(MonitorMessage.compose("  Low balance.\n", "@webhook-ww"))
        .isEqualTo(
            "Low balance.\n\n@webhook-ww\nwalletwatch value={{value}} threshold={{threshold}}");
    assertThat(MonitorMessage.compose("", "@webhook-ww"))
        .isEqualTo("@webhook-ww\nwalletwatch value={{value}} threshold={{threshold}}");
  }

  @Test
  void renderKeepsEveryDigit() {
    String rendered =
        MonitorMessage.render(
            "v={{value}} t={{ threshold }} raw={{{value}}}",
            Set.of(),
            new BigDecimal("4.9999999"),
            "5");

    assertThat(rendered).isEqualTo("v=4.9999999 t=5 raw=4.9999999");
  }

  @Test
  void renderWithoutValueLeavesItEmpty() {
    assertThat(
            MonitorMessage.render(
                "walletwatch value={{value}} threshold={{threshold}}", Set.of(), null, "-2.5"))
        .isEqualTo("walletwatch value= threshold=-2.5");
  }

  @Test
  void renderKeepsOnlyActiveBlocks() {
    String message =
        "{{#is_alert}}low{{#is_renotify}} again{{/is_renotify}}{{/is_alert}}"
            + "{{^is_alert}}not alert{{/is_alert}}"
            + "{{#is_recovery}}fine{{/is_recovery}}"
            + "{{#is_match \"currency\" \"btc\"}}kept as written{{/is_match}}";

    assertThat(MonitorMessage.render(message, Set.of("is_alert"), null, "5"))
        .isEqualTo("low{{#is_match \"currency\" \"btc\"}}kept as written{{/is_match}}");
    assertThat(MonitorMessage.render(message, Set.of("is_alert", "is_renotify"), null, "5"))
        .startsWith("low again{{#is_match");
    assertThat(MonitorMessage.render(message, Set.of("is_recovery"), null, "5"))
        .startsWith("not alertfine{{#is_match");
  }
}
