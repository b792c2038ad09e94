package dev.walletwatch.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.receiver.Receiver;
import dev.walletwatch.receiver.config.ReceiverConfig;
import dev.walletwatch.receiver.testing.ScriptedSmsProvider;
import dev.walletwatch.receiver.testing.TestConfigs;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Self-metrics reach a real UDP socket standing in for the Datadog Agent's DogStatsD port. */
class SelfMetricsTest {
  @TempDir Path dir;

  @Test
  void countersSentOverUdp() throws Exception {
    try (DatagramSocket agent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      agent.setSoTimeout(15_000);
      String yaml =
          TestConfigs.yaml("[\"127.0.0.1/32\"]", "")
              + "statsd: {host: 127.0.0.1, port: "
              + agent.getLocalPort()
              + "}\n";
      ReceiverConfig config = TestConfigs.load(dir, yaml);
      try (Receiver receiver =
          Receiver.start(config, Clock.systemUTC(), new ScriptedSmsProvider(), 8)) {
        HttpClient client = HttpClient.newHttpClient();
        URI uri =
            URI.create("http://127.0.0.1:" + receiver.address().getPort() + "/webhooks/datadog");
        client.send(
            HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + TestConfigs.TOKEN)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"m1\",\"alert_transition\":\"Triggered\",\"alert_metric\":\"quant.wallet.balance\","
                            + "\"alert_scope\":\"currency:btc\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        client.send(
            HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
            HttpResponse.BodyHandlers.ofString());

        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[8192];
        while (!(seen.toString().contains("walletwatch.receiver.webhooks.accepted")
            && seen.toString().contains("walletwatch.receiver.webhooks.rejected")
            && seen.toString().contains("walletwatch.receiver.deliveries.sent")
            && seen.toString().contains("walletwatch.receiver.outbox.depth"))) {
          DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
          try {
            agent.receive(packet);
          } catch (SocketTimeoutException e) {
            break;
          }
          seen.append(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
        }

        assertThat(seen.toString())
            .contains("walletwatch.receiver.webhooks.accepted")
            .contains("walletwatch.receiver.webhooks.rejected")
            .contains("status:401")
            .contains("walletwatch.receiver.deliveries.sent")
            .contains("walletwatch.receiver.outbox.depth")
            .doesNotContain("+8613800000000");
      }
    }
  }
}
