package dev.walletwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.agent.testing.UdpCollector;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class StartupChecksTest {

  @Test
  void closedPortIsReported() throws Exception {
    int port;
    try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }

    String warning =
        StartupChecks.probe(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));

    assertThat(warning).contains("nothing listens on UDP", ":" + port, "statsd.port");
  }

  @Test
  void listeningPortPassesAndReceivesStartCount() throws Exception {
    try (UdpCollector statsd = new UdpCollector()) {
      String warning =
          StartupChecks.probe(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), statsd.port()));

      assertThat(warning).isNull();
      assertThat(statsd.awaitLines(1)).containsExactly(StartupChecks.START_COUNT);
    }
  }

  @Test
  void configPathComesFromArgumentOrEnvironment() {
    assertThat(WalletwatchAgent.configPath("config=/etc/ww.yml", "/env.yml"))
        .isEqualTo("/etc/ww.yml");
    assertThat(WalletwatchAgent.configPath("/etc/ww.yml", null)).isEqualTo("/etc/ww.yml");
    assertThat(WalletwatchAgent.configPath(null, "/env.yml")).isEqualTo("/env.yml");
    assertThat(WalletwatchAgent.configPath("", " ")).isNull();
  }
}
