package dev.walletwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.it.harness.Artifacts;
import dev.walletwatch.it.harness.JvmProcess;
import dev.walletwatch.it.harness.StatsdLine;
import dev.walletwatch.it.harness.UdpCapture;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The agent in a Spring Boot executable jar, where XChange sits in a nested jar under {@code
 * BOOT-INF/lib} and is loaded by Spring Boot's launcher class loader. The top-level {@code
 * instrumentation.yml} must still find {@code Wallet.getBalance(Currency)} and report it.
 */
class SpringBootJarIT {

  private static final String[] ARGS = {"--moves=-3.1", "--step=1500ms", "--tail=1500ms"};

  @Test
  void agentReportsFromNestedJar() throws Exception {
    var work = Artifacts.workDir("spring-boot");

    String plainOutput;
    try (JvmProcess plain =
        JvmProcess.named("boot-plain")
            .jar(Artifacts.demoBootJar())
            .args(ARGS)
            .workDir(work)
            .start()) {
      assertThat(plain.awaitExit(Duration.ofSeconds(60))).as(plain.describe()).isZero();
      plainOutput = plain.stdout();
    }
    assertThat(plainOutput).contains("sell 3.1 BTC");

    try (UdpCapture statsd = new UdpCapture();
        JvmProcess app =
            JvmProcess.named("boot-agent")
                .jar(Artifacts.demoBootJar())
                .agent(Artifacts.agentJar(), Artifacts.instrumentationYml())
                .env("DD_AGENT_HOST", "127.0.0.1")
                .env("DD_DOGSTATSD_PORT", Integer.toString(statsd.port()))
                .args(ARGS)
                .workDir(work)
                .start()) {
      assertThat(app.awaitExit(Duration.ofSeconds(60))).as(app.describe()).isZero();
      assertThat(app.stdout()).isEqualTo(plainOutput);

      StatsdLine low =
          statsd.await(
              "BTC balance 4.9 from the nested XChange jar",
              line ->
                  line.name().equals("quant.wallet.balance")
                      && line.hasTag("currency", "btc")
                      && line.number().compareTo(new BigDecimal("4.9")) == 0,
              Duration.ofSeconds(10));
      assertThat(low.tags()).containsEntry("exchange", "simulated");
      assertThat(statsd.gauges("quant.wallet.balance"))
          .as("the ETH series is reported apart from BTC")
          .anyMatch(line -> line.hasTag("currency", "eth") && line.number().intValue() == 20);
    }
  }
}
