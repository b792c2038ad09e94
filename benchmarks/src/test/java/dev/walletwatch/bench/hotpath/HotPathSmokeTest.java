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
 * JVMs forked with the built agent jar, whose stderr must show the woven method. It measures
 * nothing; the figures come from {@code benchmarks/scripts/hotpath.sh}, which also checks that the
 * gauges reach a UDP socket.
 */
class HotPathSmokeTest {

  @Test
  void benchmarkRunsWithAgentWoven(@TempDir Path dir) throws Exception {
    Path agentJar = Path.of(System.getProperty("walletwatch.agent.jar"));
    assertThat(agentJar).isRegularFile();
    Path output = dir.resolve("jmh.txt");
    HotPathRunner runner =
        new HotPathRunner(
                agentJar, 1, 0, 1, TimeValue.milliseconds(500), null, "100ms", "decimal.*")
            .writingOutputTo(output);
    HotPathRunner.Scenario scenario;
    // The sink only keeps the agent's datagrams on a socket of this test.
    try (UdpSink sink = new UdpSink()) {
      Path config = runner.writeConfig(dir.resolve("smoke.yml"), sink.port());
      scenario = runner.run("smoke", 1, config);
    }

    assertThat(scenario.results()).containsOnlyKeys("decimalWoven", "decimalPlain");
    assertThat(scenario.score("decimalWoven")).isPositive();
    assertThat(scenario.allocatedBytes("decimalWoven")).isNotNaN();
    assertThat(Files.readString(output))
        .contains("[walletwatch] woven " + WovenWallet.class.getName() + ".balanceDecimal()");
    assertThat(Files.readString(output)).doesNotContain("PlainWallet");
  }
}
