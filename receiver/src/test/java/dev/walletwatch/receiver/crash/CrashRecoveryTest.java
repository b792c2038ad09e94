package dev.walletwatch.receiver.crash;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.walletwatch.receiver.Main;
import dev.walletwatch.receiver.config.ConfigLoader;
import dev.walletwatch.receiver.sms.aliyun.AliyunStandIn;
import dev.walletwatch.receiver.sms.aliyun.AliyunStandIn.Exchange;
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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a receiver JVM with SIGKILL after it returned 200 and while its delivery is in flight, then
 * restarts it on the same store and checks the SMS goes out exactly once.
 *
 * <p>The {@code log} provider appends each message to {@code sms.log.file}. In the first run that
 * path is a named pipe with no reader, so opening it blocks: the worker has committed the row as
 * {@code sending} and hangs in the provider call, like a provider that never responds. The second
 * run finds a missing file, so the lookup says "not sent" and the message is written once.
 *
 * <p>The Aliyun case uses the real provider against {@link AliyunStandIn}, which records the SMS
 * and then never responds: the second run must find it with QuerySendDetails and not send again.
 */
@EnabledOnOs(OS.LINUX)
class CrashRecoveryTest {
  private static final String TOKEN = "crash-test-token-0123456789";
  private static final String KEY_ID = "LTAI-crash-test";
  private static final String SECRET = "crash-secret-0123456789abcdef";
  private static final Pattern STARTED = Pattern.compile("receiver\\.started address=\\S*:(\\d+)");

  @TempDir Path dir;
  private Process process;
  private AliyunStandIn aliyun;

  @AfterEach
  void kill() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroyForcibly().waitFor();
    }
    if (aliyun != null) {
      aliyun.close();
    }
  }

  @Test
  void killedMidSendDeliversOnceAfterRestart() throws Exception {
    Path sent = dir.resolve("sent.jsonl");
    Files.writeString(
        dir.resolve("receiver.yml"),
        """
        server: {host: 127.0.0.1, port: 0, token: "${TOKEN}", allow: ["127.0.0.1/32"]}
        store: walletwatch.db
        sms: {provider: log, log: {file: sent.jsonl}}
        delivery: {initialBackoff: 100ms, maxBackoff: 1s, pollInterval: 50ms}
        rules:
          - name: btc-low
            metric: quant.wallet.balance
            below: 5
            phones: ["+8613800000000"]
            template: SMS_000000
            params: {value: "{value}"}
        """,
        StandardCharsets.UTF_8);
    assertThat(new ProcessBuilder("mkfifo", sent.toString()).start().waitFor()).isZero();

    int port = startReceiver(dir.resolve("run1.log"));
    HttpResponse<String> answer = post(port);
    assertThat(answer.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> "sending".equals(deliveryState()));

    process.destroyForcibly().waitFor();
    assertThat(deliveryState()).isEqualTo("sending");
    Files.delete(sent);

    startReceiver(dir.resolve("run2.log"));
    await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(deliveryState()));

    List<String> lines = Files.readAllLines(sent, StandardCharsets.UTF_8);
    assertThat(lines)
        .singleElement()
        .asString()
        .contains(deliveryId())
        .contains("\"value\":\"4.2\"");
    assertThat(Files.readString(dir.resolve("run2.log"))).contains("delivery.recovered count=1");
  }

  @Test
  void killedWhileAliyunHangsSendsNoSecondSms() throws Exception {
    aliyun = AliyunStandIn.start(KEY_ID, SECRET);
    aliyun.acceptThenHangNext(1);
    // The read timeout outlasts the test, so the first run is still waiting when it is killed.
    Files.writeString(
        dir.resolve("receiver.yml"),
        """
        server: {host: 127.0.0.1, port: 0, token: "${TOKEN}", allow: ["127.0.0.1/32"]}
        store: walletwatch.db
        sms:
          provider: aliyun
          aliyun: {endpoint: "%s", signName: 云通信产品, signature: v3, readTimeout: 120s}
        delivery: {initialBackoff: 100ms, maxBackoff: 1s, pollInterval: 50ms}
        rules:
          - name: btc-low
            metric: quant.wallet.balance
            below: 5
            phones: ["+8613800000000"]
            template: SMS_000000
            params: {value: "{value}"}
        """
            .formatted(aliyun.endpoint()),
        StandardCharsets.UTF_8);
    Map<String, String> env =
        Map.of(ConfigLoader.ACCESS_KEY_ID_ENV, KEY_ID, ConfigLoader.ACCESS_KEY_SECRET_ENV, SECRET);

    int port = startReceiver(dir.resolve("run1.log"), env);
    assertThat(post(port).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> aliyun.accepted().size() == 1);

    process.destroyForcibly().waitFor();
    assertThat(deliveryState()).isEqualTo("sending");

    startReceiver(dir.resolve("run2.log"), env);
    await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(deliveryState()));

    assertThat(aliyun.accepted()).hasSize(1);
    assertThat(aliyun.accepted().get(0).outId()).isEqualTo(deliveryId());
    assertThat(aliyun.exchanges())
        .extracting(Exchange::action)
        .containsExactly("SendSms", "QuerySendDetails");
    assertThat(queryText("SELECT last_code FROM deliveries")).isEqualTo("lookup.FOUND");
    assertThat(Files.readString(dir.resolve("run2.log"))).contains("delivery.recovered count=1");
  }

  private int startReceiver(Path log) throws Exception {
    return startReceiver(log, Map.of());
  }

  private int startReceiver(Path log, Map<String, String> env) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "serve",
                "--config",
                dir.resolve("receiver.yml").toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().put("TOKEN", TOKEN);
    builder.environment().putAll(env);
    process = builder.start();
    int[] port = new int[1];
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              Matcher matcher = STARTED.matcher(Files.readString(log));
              if (matcher.find()) {
                port[0] = Integer.parseInt(matcher.group(1));
                return true;
              }
              assertThat(process.isAlive())
                  .as("receiver exited: " + Files.readString(log))
                  .isTrue();
              return false;
            });
    return port[0];
  }

  private HttpResponse<String> post(int port) throws Exception {
    String body =
        "{\"id\": \"crash-1\", \"alert_transition\": \"Triggered\", \"alert_metric\":"
            + " \"quant.wallet.balance\", \"text_only_msg\": \"walletwatch value=4.2 threshold=5\"}";
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/datadog"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }

  private String deliveryState() throws Exception {
    return queryText("SELECT state FROM deliveries");
  }

  private String deliveryId() throws Exception {
    return queryText("SELECT id FROM deliveries");
  }

  private String queryText(String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("walletwatch.db"));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }
}
