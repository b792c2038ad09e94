package dev.walletwatch.monitor.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletwatch.monitor.config.ConfigLoader;
import dev.walletwatch.monitor.config.MonitorsConfig;
import dev.walletwatch.monitor.datadog.WebhookPayload;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the local monitor with real UDP datagrams and a stand-in for the webhook receiver. */
class LocalMonitorTest {
  private static final String MONITOR = "BTC wallet balance below 5";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private final MockWebServer receiver = new MockWebServer();
  private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
  private LocalMonitor monitor;
  private InetSocketAddress statsd;
  private DatagramSocket sender;

  @BeforeEach
  void startReceiver() throws Exception {
    receiver.start(InetAddress.getLoopbackAddress(), 0);
    sender = new DatagramSocket();
  }

  @AfterEach
  void stopAll() throws Exception {
    if (monitor != null) {
      monitor.close();
    }
    sender.close();
    receiver.shutdown();
  }

  private void startMonitor(String query, String extraMonitorKeys) throws Exception {
    String yaml =
        "webhook:\n"
            + "  name: walletwatch\n"
            + "  url: "
            + receiver.url("/webhooks/datadog")
            + "\n"
            + "  token: ${TOKEN}\n"
            + "  timeout: 2s\n"
            + "monitors:\n"
            + "  - name: "
            + MONITOR
            + "\n"
            + "    query: \""
            + query
            + "\"\n"
            + "    message: \"{{#is_alert}}BTC balance {{value}} is below {{threshold}}.{{/is_alert}}"
            + "{{#is_recovery}}BTC balance is back at {{value}}.{{/is_recovery}}\"\n"
            + "    tags: [\"service:quant\"]\n"
            + extraMonitorKeys
            + "local:\n"
            + "  evaluateEvery: 100ms\n";
    Path file = directory.resolve("monitors.yml");
    Files.writeString(file, yaml);
    MonitorsConfig config = new ConfigLoader(Map.of("TOKEN", "test-token")).load(file);
    monitor =
        new LocalMonitor(
            config,
            new PrintWriter(new OutputStreamWriter(stdout, StandardCharsets.UTF_8), true),
            Clock.systemUTC(),
            Duration.ofMillis(50));
    statsd = monitor.start("127.0.0.1", 0);
  }

  /** Sends one gauge and waits until an evaluation that started after its arrival has finished. */
  private void sendAndAwaitEvaluation(String value) throws Exception {
    long accepted = monitor.samplesAccepted();
    byte[] datagram =
        ("quant.wallet.balance:" + value + "|g|#currency:btc,host:test\n")
            .getBytes(StandardCharsets.UTF_8);
    sender.send(new DatagramPacket(datagram, datagram.length, statsd));
    await().atMost(Duration.ofSeconds(5)).until(() -> monitor.samplesAccepted() > accepted);
    // A round already running may have missed the point; the round after it cannot.
    long evaluations = monitor.evaluations();
    await().atMost(Duration.ofSeconds(5)).until(() -> monitor.evaluations() >= evaluations + 2);
    assertThat(monitor.lastValue(MONITOR)).contains(new BigDecimal(value));
  }

  private List<JsonNode> takeEvents(int count) throws Exception {
    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      RecordedRequest request = receiver.takeRequest(10, TimeUnit.SECONDS);
      assertThat(request).as("webhook request %d", i + 1).isNotNull();
      assertThat(request.getMethod()).isEqualTo("POST");
      assertThat(request.getPath()).isEqualTo("/webhooks/datadog");
      assertThat(request.getHeader("Authorization")).isEqualTo("Bearer test-token");
      assertThat(request.getHeader("Content-Type")).startsWith("application/json");
      events.add(JSON.readTree(request.getBody().readUtf8()));
    }
    return events;
  }

  @Test
  void seriesDippingBelowThresholdTriggersThenRecovers() throws Exception {
    receiver.enqueue(new MockResponse().setResponseCode(200));
    receiver.enqueue(new MockResponse().setResponseCode(200));
    startMonitor("last(last_1m):min:quant.wallet.balance{currency:btc} < 5", "");

    for (String value : List.of("8", "6", "4.9", "4.9", "6")) {
      sendAndAwaitEvaluation(value);
    }
    List<JsonNode> events = takeEvents(2);

    JsonNode triggered = events.get(0);
    JsonNode recovered = events.get(1);
    assertThat(triggered.path("alert_transition").asText()).isEqualTo("Triggered");
    assertThat(triggered.path("alert_type").asText()).isEqualTo("error");
    assertThat(recovered.path("alert_transition").asText()).isEqualTo("Recovered");
    assertThat(recovered.path("alert_type").asText()).isEqualTo("success");
    for (JsonNode event : events) {
      for (String key : WebhookPayload.FIELDS.keySet()) {
        assertThat(event.path(key).isTextual()).as(key + " is a string").isTrue();
        assertThat(event.path(key).asText()).as(key + " is filled").isNotEmpty();
      }
      assertThat(event.size()).isEqualTo(WebhookPayload.FIELDS.size());
      assertThat(event.path("alert_metric").asText()).isEqualTo("quant.wallet.balance");
      assertThat(event.path("alert_query").asText())
          .isEqualTo("last(last_1m):min:quant.wallet.balance{currency:btc} < 5");
      assertThat(event.path("alert_scope").asText()).isEqualTo("currency:btc");
      assertThat(event.path("tags").asText()).isEqualTo("service:quant");
      assertThat(Long.parseLong(event.path("date").asText()))
          .isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(60_000L));
    }
    assertThat(triggered.path("alert_title").asText())
        .isEqualTo("[Triggered on {currency:btc}] " + MONITOR);
    assertThat(triggered.path("text_only_msg").asText())
        .isEqualTo(
            "BTC balance 4.9 is below 5.\n\n@webhook-walletwatch\n"
                + "walletwatch value=4.9 threshold=5");
    assertThat(recovered.path("text_only_msg").asText())
        .isEqualTo(
            "BTC balance is back at 6.\n\n@webhook-walletwatch\n"
                + "walletwatch value=6 threshold=5");
    assertThat(triggered.path("id").asText()).isNotEqualTo(recovered.path("id").asText());
    assertThat(triggered.path("alert_id").asText()).isEqualTo(recovered.path("alert_id").asText());
    assertThat(triggered.path("alert_cycle_key").asText())
        .isEqualTo(recovered.path("alert_cycle_key").asText());

    // A few more rounds at 6 send nothing more.
    long evaluations = monitor.evaluations();
    await().atMost(Duration.ofSeconds(5)).until(() -> monitor.evaluations() >= evaluations + 3);
    assertThat(receiver.getRequestCount()).isEqualTo(2);
    String[] lines = stdout.toString(StandardCharsets.UTF_8).strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).contains("Triggered \"" + MONITOR + "\" value=4.9");
    assertThat(lines[1]).contains("Recovered \"" + MONITOR + "\" value=6");
  }

  @Test
  void stoppedSeriesSendsNoData() throws Exception {
    receiver.enqueue(new MockResponse().setResponseCode(200));
    startMonitor(
        "last(last_2s):min:quant.wallet.balance{currency:btc} < 5",
        "    notifyNoData: true\n    noDataTimeframe: 2s\n");

    sendAndAwaitEvaluation("8");
    List<JsonNode> events = takeEvents(1);

    JsonNode noData = events.get(0);
    assertThat(noData.path("alert_transition").asText()).isEqualTo("No Data");
    assertThat(noData.path("alert_title").asText())
        .isEqualTo("[No Data on {currency:btc}] " + MONITOR);
    assertThat(noData.path("text_only_msg").asText()).endsWith("walletwatch value= threshold=5");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("No Data \"" + MONITOR + "\"");
  }

  @Test
  void receiverErrorIsRetriedWithSameEvent() throws Exception {
    receiver.enqueue(new MockResponse().setResponseCode(503));
    receiver.enqueue(new MockResponse().setResponseCode(200));
    startMonitor("last(last_1m):min:quant.wallet.balance{currency:btc} < 5", "");

    sendAndAwaitEvaluation("4.9999999");
    List<JsonNode> attempts = takeEvents(2);

    assertThat(attempts.get(0)).isEqualTo(attempts.get(1));
    assertThat(attempts.get(1).path("alert_transition").asText()).isEqualTo("Triggered");
    assertThat(attempts.get(1).path("text_only_msg").asText())
        .endsWith("walletwatch value=4.9999999 threshold=5");
    assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("value=4.9999999");
  }
}
