package dev.walletwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.it.harness.Artifacts;
import dev.walletwatch.it.harness.JvmProcess;
import dev.walletwatch.it.harness.StatsdLine;
import dev.walletwatch.it.harness.UdpCapture;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The agent on a bitcoinj wallet: {@code Wallet.getBalance()} returns a {@code Coin} in satoshis,
 * and the gauge must arrive in BTC through {@code scale}, with the configured and derived tags.
 */
class BitcoinjWalletIT {

  private static final String MAIN = "dev.walletwatch.demo.bitcoinj.BitcoinjWalletApp";
  private static final String[] ARGS = {"--moves=+8,-3.1,+0.5", "--step=800ms"};

  @Test
  void coinBalanceArrivesInBtcWithTags() throws Exception {
    Path work = Artifacts.workDir("bitcoinj");
    Path config = work.resolve("bitcoinj-instrumentation.yml");
    try (var in = getClass().getResourceAsStream("/bitcoinj-instrumentation.yml")) {
      Files.copy(in, config);
    }

    String plainOutput;
    try (JvmProcess plain =
        JvmProcess.named("bitcoinj-plain")
            .classPath(Artifacts.demoAppsJar(), MAIN)
            .args(ARGS)
            .workDir(work)
            .start()) {
      assertThat(plain.awaitExit(Duration.ofSeconds(60))).as(plain.describe()).isZero();
      plainOutput = plain.stdout();
    }

    try (UdpCapture statsd = new UdpCapture();
        JvmProcess app =
            JvmProcess.named("bitcoinj-agent")
                .classPath(Artifacts.demoAppsJar(), MAIN)
                .agent(Artifacts.agentJar(), config)
                .env("DD_AGENT_HOST", "127.0.0.1")
                .env("DD_DOGSTATSD_PORT", Integer.toString(statsd.port()))
                .args(ARGS)
                .workDir(work)
                .start()) {
      assertThat(app.awaitExit(Duration.ofSeconds(60))).as(app.describe()).isZero();
      assertThat(app.stdout())
          .as("output with the agent equals output without")
          .isEqualTo(plainOutput);
      statsd.await(
          "a balance gauge of 5.4 BTC",
          line -> line.name().equals("quant.wallet.balance") && isNumber(line, "5.4"),
          Duration.ofSeconds(10));

      List<StatsdLine> gauges = statsd.gauges("quant.wallet.balance");
      for (StatsdLine gauge : gauges) {
        assertThat(gauge.tags()).as(gauge.raw()).containsEntry("currency", "btc");
        assertThat(gauge.tags()).as(gauge.raw()).containsEntry("network", "regtest");
        assertThat(gauge.tags()).as(gauge.raw()).containsEntry("service", "bitcoinj-wallet");
      }
      assertThat(distinctInOrder(gauges))
          .as("balances in BTC, in the order the wallet moved; received: %s", gauges)
          .usingElementComparator(BigDecimal::compareTo)
          .containsExactly(new BigDecimal("8"), new BigDecimal("4.9"), new BigDecimal("5.4"));
    }
  }

  private static boolean isNumber(StatsdLine line, String expected) {
    try {
      return line.number().compareTo(new BigDecimal(expected)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** Collapses repeats (flushes and resends of one value) into one entry per change. */
  private static List<BigDecimal> distinctInOrder(List<StatsdLine> gauges) {
    List<BigDecimal> values = new ArrayList<>();
    for (StatsdLine gauge : gauges) {
      BigDecimal value = gauge.number();
      if (values.isEmpty() || values.get(values.size() - 1).compareTo(value) != 0) {
        values.add(value);
      }
    }
    return values;
  }
}
