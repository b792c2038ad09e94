package dev.walletwatch.receiver.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletwatch.receiver.Main;
import dev.walletwatch.receiver.Receiver;
import dev.walletwatch.receiver.config.ConfigLoader;
import dev.walletwatch.receiver.config.ReceiverConfig;
import dev.walletwatch.receiver.http.ReceiverHandler;
import dev.walletwatch.receiver.sms.aliyun.AliyunStandIn;
import dev.walletwatch.receiver.sms.aliyun.AliyunStandIn.Exchange;
import dev.walletwatch.receiver.sms.aliyun.AliyunStandIn.SentSms;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * The whole receiver against the Aliyun stand-in: a webhook through real Jetty into a real SQLite
 * file, the delivery worker, the real {@code AliyunSmsProvider} with its own OkHttp client, and
 * {@link AliyunStandIn} on loopback, which checks each request's signature and parameters. Only the
 * config is test-specific: tiny backoffs and a one-second read timeout keep the class fast.
 */
class AliyunEndToEndTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "e2e-token-0123456789abcdef";
  private static final String KEY_ID = "LTAI-e2e-test";
  private static final String SECRET = "e2e-secret-0123456789abcdef";
  private static final String PHONE = "+8613812345678";
  private static final String WEBHOOK =
      """
      {"id": "%s", "alert_id": "12345", "alert_transition": "Triggered",
       "alert_metric": "quant.wallet.balance", "alert_scope": "currency:btc",
       "alert_title": "[Triggered on {currency:btc}] BTC 余额低",
       "text_only_msg": "BTC 低\\nwalletwatch value=4.2 threshold=5", "date": "1606757621000"}
      """;

  @TempDir Path dir;
  private AliyunStandIn aliyun;
  private Receiver receiver;
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @BeforeEach
  void startStandIn() throws Exception {
    aliyun = AliyunStandIn.start(KEY_ID, SECRET);
  }

  @AfterEach
  void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
    aliyun.close();
  }

  private Path writeConfig(String signature, String deferWait) throws Exception {
    String yaml =
        """
        server: {host: 127.0.0.1, port: 0, token: "${TOKEN}", allow: ["127.0.0.1/32"]}
        store: walletwatch.db
        sms:
          provider: aliyun
          aliyun:
            endpoint: %s
            signName: 云通信产品
            signature: %s
            connectTimeout: 2s
            readTimeout: 1s
        delivery:
          initialBackoff: 50ms
          maxBackoff: 200ms
          maxAttempts: 10
          deferWait: %s
          pollInterval: 50ms
        rules:
          - name: btc-low
            metric: quant.wallet.balance
            scope: {currency: btc}
            below: 5
            phones: ["%s"]
            template: SMS_000000
            params: {name: "值班", metric: "btc", range: "5", value: "{value}"}
        """
            .formatted(aliyun.endpoint(), signature, deferWait, PHONE);
    Path file = dir.resolve("receiver.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  private static Map<String, String> env() {
    return Map.of(
        "TOKEN",
        TOKEN,
        ConfigLoader.ACCESS_KEY_ID_ENV,
        KEY_ID,
        ConfigLoader.ACCESS_KEY_SECRET_ENV,
        SECRET);
  }

  private void start(String signature) throws Exception {
    start(signature, "300ms");
  }

  private void start(String signature, String deferWait) throws Exception {
    ReceiverConfig config = new ConfigLoader(env()).load(writeConfig(signature, deferWait));
    receiver = Receiver.start(config, Clock.systemUTC());
  }

  private HttpResponse<String> post(String id) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(uri(ReceiverHandler.WEBHOOK_PATH))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + TOKEN)
            .POST(HttpRequest.BodyPublishers.ofString(WEBHOOK.formatted(id)))
            .build();
    return client.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + receiver.address().getPort() + path);
  }

  private JsonNode health() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri(ReceiverHandler.HEALTH_PATH)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private String query(String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("walletwatch.db"));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  /** Waits until the only delivery reaches {@code state}, and returns its id. */
  private String awaitDelivery(String state) throws Exception {
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> state.equals(query("SELECT state FROM deliveries")));
    assertThat(query("SELECT count(*) FROM deliveries")).isEqualTo("1");
    return query("SELECT id FROM deliveries");
  }

  private List<String> sendCodes() {
    return aliyun.exchanges().stream()
        .filter(e -> e.action().equals("SendSms"))
        .map(Exchange::responseCode)
        .toList();
  }

  private List<String> actions() {
    return aliyun.exchanges().stream().map(Exchange::action).toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"v3", "v1"})
  void webhookBelowThresholdSendsOneSms(String signature) throws Exception {
    start(signature);

    HttpResponse<String> answer = post("e2e-1");

    assertThat(answer.statusCode()).isEqualTo(200);
    String deliveryId = awaitDelivery("sent");
    SentSms sms = aliyun.accepted().get(0);
    assertThat(aliyun.accepted()).hasSize(1);
    assertThat(sms.phone()).isEqualTo(PHONE);
    assertThat(sms.signName()).isEqualTo("云通信产品");
    assertThat(sms.templateCode()).isEqualTo("SMS_000000");
    assertThat(sms.params())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("name", "值班", "metric", "btc", "range", "5", "value", "4.2"));
    assertThat(sms.outId()).isEqualTo(deliveryId);
    assertThat(query("SELECT provider_id FROM deliveries")).isEqualTo(sms.bizId());
    assertThat(sendCodes()).containsExactly("OK");
  }

  @Test
  void throttlingThenAcceptedSendsOnce() throws Exception {
    aliyun.failNext(2, "Throttling.User");
    start("v1");

    post("e2e-throttle");

    awaitDelivery("sent");
    assertThat(aliyun.accepted()).hasSize(1);
    assertThat(sendCodes()).containsExactly("Throttling.User", "Throttling.User", "OK");
    assertThat(query("SELECT attempts FROM deliveries")).isEqualTo("3");
  }

  @Test
  void serverErrorsThenAcceptedSendsOnce() throws Exception {
    aliyun.serverErrorNext(3);
    start("v3");

    post("e2e-500");

    awaitDelivery("sent");
    assertThat(aliyun.accepted()).hasSize(1);
    assertThat(sendCodes())
        .containsExactly("isp.SYSTEM_ERROR", "isp.SYSTEM_ERROR", "isp.SYSTEM_ERROR", "OK");
  }

  @Test
  void lostResponseIsFoundByLookupNotResent() throws Exception {
    aliyun.acceptThenHangNext(1);
    start("v1");

    post("e2e-lost-response");

    String deliveryId = awaitDelivery("sent");
    assertThat(aliyun.accepted()).hasSize(1);
    assertThat(aliyun.accepted().get(0).outId()).isEqualTo(deliveryId);
    assertThat(sendCodes()).as("no second SendSms").containsExactly("accept-then-hang");
    assertThat(actions()).containsExactly("SendSms", "QuerySendDetails");
    assertThat(query("SELECT last_code FROM deliveries")).isEqualTo("lookup.FOUND");
  }

  @Test
  void hangWithoutSendingIsLookedUpThenResent() throws Exception {
    aliyun.hangNext(1);
    start("v3");

    post("e2e-hang");

    String deliveryId = awaitDelivery("sent");
    assertThat(aliyun.accepted()).hasSize(1);
    assertThat(aliyun.accepted().get(0).outId()).isEqualTo(deliveryId);
    assertThat(actions()).containsExactly("SendSms", "QuerySendDetails", "SendSms");
    assertThat(sendCodes()).containsExactly("hang", "OK");
  }

  @Test
  void flowControlDefersThenSends() throws Exception {
    aliyun.failNext(1, "isv.BUSINESS_LIMIT_CONTROL");
    // Long enough to see the deferred row, which backoffs of 50 ms would hide.
    start("v1", "2s");

    post("e2e-flow-control");

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> "isv.BUSINESS_LIMIT_CONTROL".equals(query("SELECT last_code FROM deliveries")));
    assertThat(query("SELECT state FROM deliveries")).isEqualTo("pending");
    assertThat(query("SELECT last_detail FROM deliveries"))
        .contains("flow control isv.BUSINESS_LIMIT_CONTROL, deferring")
        .endsWith("see docs/troubleshooting.md#isvbusiness_limit_control");
    awaitDelivery("sent");
    assertThat(aliyun.accepted()).hasSize(1);
    assertThat(sendCodes()).containsExactly("isv.BUSINESS_LIMIT_CONTROL", "OK");
    assertThat(query("SELECT last_code FROM deliveries")).isEqualTo("OK");
  }

  @Test
  void permanentErrorFailsVisibly() throws Exception {
    aliyun.failNext(1, "isv.SMS_TEMPLATE_ILLEGAL");
    start("v3");

    post("e2e-permanent");

    awaitDelivery("failed");
    assertThat(aliyun.accepted()).isEmpty();
    assertThat(sendCodes()).as("no retry after a permanent error").hasSize(1);
    JsonNode health = health();
    assertThat(health.get("failedDeliveries").asLong()).isEqualTo(1);
    assertThat(health.get("lastFailedCode").asText()).isEqualTo("isv.SMS_TEMPLATE_ILLEGAL");
    assertThat(health.get("outboxDepth").asLong()).isZero();

    // The command reads the process environment, so this copy contains the values themselves.
    Path literal = dir.resolve("receiver.yml");
    Files.writeString(
        literal,
        Files.readString(literal)
            .replace("${TOKEN}", TOKEN)
            .replace(
                "    signName:",
                "    accessKeyId: "
                    + KEY_ID
                    + "\n    accessKeySecret: "
                    + SECRET
                    + "\n    signName:"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine history = new CommandLine(new Main());
    history.setOut(new PrintWriter(out, true));
    history.setErr(new PrintWriter(err, true));
    int exit = history.execute("history", "-c", literal.toString(), "--limit", "5");

    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("failed attempts=1 code=isv.SMS_TEMPLATE_ILLEGAL")
        .contains("see docs/troubleshooting.md#signature-or-template-not-approved")
        .contains("138****5678")
        .doesNotContain(PHONE);
  }

  @Test
  void repeatedIdSendsOnce() throws Exception {
    start("v1");

    HttpResponse<String> first = post("e2e-repeat");
    awaitDelivery("sent");
    HttpResponse<String> second = post("e2e-repeat");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(second.body()).get("status").asText()).isEqualTo("duplicate");
    assertThat(query("SELECT count(*) FROM events")).isEqualTo("1");
    assertThat(query("SELECT count(*) FROM deliveries")).isEqualTo("1");
    assertThat(aliyun.accepted()).hasSize(1);
  }
}
