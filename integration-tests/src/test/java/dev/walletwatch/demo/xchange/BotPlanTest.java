package dev.walletwatch.demo.xchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BotPlanTest {

  @Test
  void defaultsGoBelowFiveAndBack() {
    BotPlan plan = BotPlan.parse();
    BigDecimal balance = plan.btc();
    BigDecimal lowest = balance;
    for (BigDecimal move : plan.moves()) {
      balance = balance.add(move);
      lowest = lowest.min(balance);
    }
    assertThat(lowest).isEqualByComparingTo("4.9");
    assertThat(balance).isEqualByComparingTo("5.9");
  }

  @Test
  void parseReadsEveryOption() {
    BotPlan plan =
        BotPlan.parse(
            "--btc=8",
            "--eth=3",
            "--usdt=1",
            "--moves=-3.0000001,+1",
            "--step=250ms",
            "--poll=50ms",
            "--tail=2s");
    assertThat(plan.eth()).isEqualByComparingTo("3");
    assertThat(plan.usdt()).isEqualByComparingTo("1");
    assertThat(plan.moves()).containsExactly(new BigDecimal("-3.0000001"), new BigDecimal("1"));
    assertThat(plan.step()).isEqualTo(Duration.ofMillis(250));
    assertThat(plan.poll()).isEqualTo(Duration.ofMillis(50));
    assertThat(plan.tail()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void emptyMovesMeansNoTrades() {
    assertThat(BotPlan.parse("--moves=").moves()).isEqualTo(List.of());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--speed=2       | unknown option --speed",
        "moves=-1        | expected --name=value",
        "--btc=-1        | cannot be negative",
        "--btc=lots      | expected a decimal number",
        "--moves=-1,0    | non-zero BTC amount",
        "--step=2 hours  | expected a duration",
      })
  void parseRejectsBadInputByName(String argument, String message) {
    assertThatThrownBy(() -> BotPlan.parse(argument))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(message);
  }
}
