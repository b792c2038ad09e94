package dev.walletwatch.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PatternsTest {

  @ParameterizedTest
  @CsvSource({
    "com.acme.trading.Wallet, com.acme.trading.Wallet, true",
    "com.acme.trading.Wallet, com.acme.trading.WalletX, false",
    // .. spans any number of packages, including none
    "com.acme..*Wallet, com.acme.Wallet, true",
    "com.acme..*Wallet, com.acme.trading.Wallet, true",
    "com.acme..*Wallet, com.acme.a.b.c.SpotWallet, true",
    "com.acme..*Wallet, com.acmex.Wallet, false",
    "com.acme..*Wallet, com.acme.trading.WalletView, false",
    // * stays within one segment
    "com.acme.*.Wallet, com.acme.trading.Wallet, true",
    "com.acme.*.Wallet, com.acme.a.b.Wallet, false",
    "com.acme.Outer$Inner, com.acme.Outer$Inner, true",
  })
  void classPatternMatches(String pattern, String className, boolean expected) {
    assertThat(ClassPattern.parse(pattern).matches(className)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "balanceOf|balanceOf|",
        "balanceOf()|balanceOf|''",
        "balanceOf(java.lang.String)|balanceOf|java.lang.String",
        "transfer(java.lang.String, long, byte[])|transfer|java.lang.String;long;byte[]",
      })
  void methodSpecParses(String text, String name, String types) {
    MethodSpec spec = MethodSpec.parse(text);

    assertThat(spec.name()).isEqualTo(name);
    if (types == null) {
      assertThat(spec.parameterTypes()).isNull();
    } else if (types.isEmpty()) {
      assertThat(spec.parameterTypes()).isEmpty();
    } else {
      assertThat(spec.parameterTypes()).containsExactly(types.split(";"));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "return, RETURN, -1, 0",
    "return.total, RETURN, -1, 1",
    "arg0, ARGUMENT, 0, 0",
    "arg12.balance.amount, ARGUMENT, 12, 2",
    "this.account.balance, THIS, -1, 2",
  })
  void valuePathParses(String text, ValuePath.Root root, int argument, int steps) {
    ValuePath path = ValuePath.parse(text);

    assertThat(path.root()).isEqualTo(root);
    assertThat(path.argumentIndex()).isEqualTo(argument);
    assertThat(path.steps()).hasSize(steps);
  }

  @ParameterizedTest
  @CsvSource({"500ms, 500", "10s, 10000", "5m, 300000", "1h, 3600000"})
  void durationParses(String text, long millis) {
    assertThat(Durations.parseMillis(text)).isEqualTo(millis);
  }
}
