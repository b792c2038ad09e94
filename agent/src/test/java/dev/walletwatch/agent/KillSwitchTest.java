package dev.walletwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KillSwitchTest {

  @ParameterizedTest(name = "property={0} variable={1}")
  @CsvSource(
      nullValues = "unset",
      value = {
        // Neither set, or set to true in any case: the agent runs.
        "unset, unset, ",
        "true, unset, ",
        "unset, TRUE, ",
        "' true ', true, ",
        // Either one set to false turns it off, and the reason names the setting.
        "false, unset, -Dwalletwatch.agent.enabled=false",
        "FALSE, true, -Dwalletwatch.agent.enabled=false",
        "unset, false, WALLETWATCH_ENABLED=false",
        "true, False, WALLETWATCH_ENABLED=false",
        // A value that is neither true nor false is read as false and quoted.
        "no, unset, -Dwalletwatch.agent.enabled='no'",
        "unset, 0, WALLETWATCH_ENABLED='0'",
      })
  void switchReadsPropertyAndVariable(String property, String variable, String expected) {
    String reason = KillSwitch.reasonOff(property, variable);

    if (expected == null) {
      assertThat(reason).isNull();
    } else {
      assertThat(reason).startsWith(expected);
    }
  }
}
