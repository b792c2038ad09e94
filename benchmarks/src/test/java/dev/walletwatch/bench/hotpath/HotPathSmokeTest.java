package dev.walletwatch.bench.hotpath;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.bench.support.UdpSink;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Proves the hot-path benchmark still starts: one short JMH iteration of the BigDecimal pair in
 * JVMs forked with the built agent jar, and the woven method's gauge arriving at a UDP socket. It
 * measures nothing; the figures come from {@code benchmarks/scripts/hotpath.sh}.
 */
class HotPathSmokeTest {

  @Test
  void benchmarkRunsWithAgentAndReports(@TempDir Path dir) throws Exception {
    Path agentJar = Path.of(System.getProperty("walletwatch.agent.jar"));
    assertThat(agentJar).isRegularFile();
    HotPathRunner runner =
        new HotPathRunner(
            agentJar, 1, 0, 1, TimeValue.milliseconds(500), null, "100ms", "decimal.*");

    try (UdpSink sink = new UdpSink()) {
      Path config = runner.writeConfig(dir.resolve("smoke.yml"), sink.port());
      HotPathRunner.Scenario scenario = runner.run("smoke", 1, config);

      assertThat(scenario.results()).containsOnlyKeys("decimalWoven", "decimalPlain");
      assertThat(scenario.score("decimalWoven")).isPositive();
      assertThat(scenario.allocatedBytes("decimalWoven")).isNotNaN();
      // The forks have exited; a datagram sent during the iteration is already queued.
      for (int i = 0; i < 20 && !sink.metrics().contains("bench.decimal"); i++) {
        Thread.sleep(100);
      }
      assertThat(sink.metrics()).contains("bench.decimal");
    }
    assertThat(Files.readString(dir.resolve("smoke.yml"))).contains(WovenWallet.class.getName());
  }
}
