package dev.walletwatch.monitor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.monitor.config.Secret;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.Test;

class WebhookSenderTest {

  @Test
  void clientErrorIsNotRetried() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(new MockResponse().setResponseCode(400));
      server.enqueue(new MockResponse().setResponseCode(200));
      WebhookSender sender =
          new WebhookSender(
              server.url("/hook").toString(),
              Secret.of("t"),
              Duration.ofSeconds(2),
              Duration.ofMillis(1));

      WebhookSender.Outcome outcome = sender.deliver("1", "{}");

      assertThat(outcome.delivered()).isFalse();
      assertThat(outcome.attempts()).isEqualTo(1);
      assertThat(outcome.detail()).isEqualTo("HTTP 400");
      assertThat(server.getRequestCount()).isEqualTo(1);
      sender.close();
    }
  }

  @Test
  void wrongTokenNamesBothSettings() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      server.enqueue(new MockResponse().setResponseCode(401));
      WebhookSender sender =
          new WebhookSender(
              server.url("/hook").toString(),
              Secret.of("t"),
              Duration.ofSeconds(2),
              Duration.ofMillis(1));

      WebhookSender.Outcome outcome = sender.deliver("1", "{}");

      assertThat(outcome.delivered()).isFalse();
      assertThat(outcome.attempts()).isEqualTo(1);
      assertThat(outcome.detail())
          .startsWith("HTTP 401: ")
          .contains("webhook.token must equal the receiver's server.token")
          .contains("docs/troubleshooting.md#receiver-returns-401");
      sender.close();
    }
  }

  @Test
  void serverErrorsAreRetriedFiveTimes() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start(InetAddress.getLoopbackAddress(), 0);
      for (int i = 0; i < 7; i++) {
        server.enqueue(new MockResponse().setResponseCode(500));
      }
      WebhookSender sender =
          new WebhookSender(
              server.url("/hook").toString(),
              Secret.of("t"),
              Duration.ofSeconds(2),
              Duration.ofMillis(1));

      WebhookSender.Outcome outcome = sender.deliver("1", "{}");

      assertThat(outcome.delivered()).isFalse();
      assertThat(outcome.attempts()).isEqualTo(6);
      assertThat(server.getRequestCount()).isEqualTo(6);
      sender.close();
    }
  }

  @Test
  void connectionFailureIsRetried() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    WebhookSender sender =
        new WebhookSender(
            "http://127.0.0.1:" + closedPort + "/hook",
            Secret.of("t"),
            Duration.ofSeconds(2),
            Duration.ofMillis(1));

    WebhookSender.Outcome outcome = sender.deliver("1", "{}");

    assertThat(outcome.delivered()).isFalse();
    assertThat(outcome.attempts()).isEqualTo(6);
    assertThat(outcome.detail()).startsWith("request failed");
    sender.close();
  }
}
