package dev.walletwatch.agent.gauge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScaleTest {

  @ParameterizedTest
  @CsvSource({
    // identity
    "1, 4.9999999, 4.9999999",
    // satoshis to BTC: divides by 1e8, so the result is the double nearest 4.9999999
    "0.00000001, 499999990, 4.9999999",
    "1e-8, 2100000012345678, 21000000.12345678",
    "0.001, 1, 0.001",
    // multipliers
    "1000, 0.5, 500",
    "2.5, 2, 5",
    // 1/0.3 has no finite decimal expansion, so it multiplies
    "0.3, 10, 3",
  })
  void scaleApplies(String scale, double value, double expected) {
    assertThat(Scale.of(new BigDecimal(scale)).apply(value)).isEqualTo(expected);
  }
}
