package dev.walletwatch.agent.gauge;

import static org.assertj.core.api.Assertions.assertThat;

import com.timgroup.statsd.StatsDClient;
import dev.walletwatch.agent.config.AgentConfig;
import dev.walletwatch.agent.config.ConfigLoader;
import java.io.ByteArrayInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The connection follows the host's address. DNS is replaced by a resolver the test controls,
 * mapping the host to two loopback addresses (127.0.0.1 and 127.0.0.2) where real UDP sockets
 * listen on the same port.
 */
class StatsdConnectionTest {

  private static final long INTERVAL = 1_000;

  private static AgentConfig config(int port) throws Exception {
    String yaml =
        "statsd:\n  host: statsd.test\n  port: "
            + port
            + "\n"
            + "gauges:\n  - name: a.b\n    class: a.B\n    method: m\n";
    return new ConfigLoader(Map.of())
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
  }

  private static String receive(DatagramSocket socket) throws Exception {
    socket.setSoTimeout(5_000);
    DatagramPacket packet = new DatagramPacket(new byte[1024], 1024);
    socket.receive(packet);
    return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8).trim();
  }

  @Test
  void movedHostGetsNewClient() throws Exception {
    InetAddress first = InetAddress.getByName("127.0.0.1");
    InetAddress second = InetAddress.getByName("127.0.0.2");
    try (DatagramSocket oldAgent = new DatagramSocket(0, first);
        DatagramSocket newAgent = new DatagramSocket(oldAgent.getLocalPort(), second)) {
      AtomicReference<InetAddress> dns = new AtomicReference<>(first);
      StatsdConnection connection =
          new StatsdConnection(
              config(oldAgent.getLocalPort()).statsd(), host -> dns.get(), INTERVAL);

      StatsDClient before = connection.client(0);
      before.gauge("g", 1);
      assertThat(receive(oldAgent)).isEqualTo("g:1|g");

      dns.set(second);
      assertThat(connection.client(INTERVAL - 1)).as("within the interval").isSameAs(before);
      StatsDClient after = connection.client(INTERVAL);
      after.gauge("g", 2);

      assertThat(after).isNotSameAs(before);
      assertThat(connection.address())
          .isEqualTo(new InetSocketAddress(second, oldAgent.getLocalPort()));
      assertThat(receive(newAgent)).isEqualTo("g:2|g");
      after.stop();
    }
  }

  @Test
  void unresolvedHostHasNoClientUntilItResolves() throws Exception {
    try (DatagramSocket agent = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
      AtomicReference<InetAddress> dns = new AtomicReference<>();
      StatsdConnection connection =
          new StatsdConnection(
              config(agent.getLocalPort()).statsd(),
              host -> {
                if (dns.get() == null) {
                  throw new UnknownHostException(host);
                }
                return dns.get();
              },
              INTERVAL);

      assertThat(connection.client(0)).isNull();

      dns.set(InetAddress.getLoopbackAddress());
      StatsDClient client = connection.client(INTERVAL);

      assertThat(client).isNotNull();
      client.gauge("g", 4.9999999);
      assertThat(receive(agent)).isEqualTo("g:4.9999999|g");
      client.stop();
    }
  }
}
