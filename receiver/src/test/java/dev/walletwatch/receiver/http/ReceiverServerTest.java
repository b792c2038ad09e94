package dev.walletwatch.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletwatch.receiver.Receiver;
import dev.walletwatch.receiver.config.ReceiverConfig;
import dev.walletwatch.receiver.testing.ScriptedSmsProvider;
import dev.walletwatch.receiver.testing.TestConfigs;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** The receiver through real Jetty on loopback with a real SQLite file. */
class ReceiverServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBHOOK =
      """
      {"id": "%s", "alert_id": "12345", "alert_transition": "Triggered",
       "alert_metric": "quant.wallet.balance", "alert_scope": "currency:btc",
       "alert_title": "[Triggered on {currency:btc}] BTC 余额低 🚨",
       "text_only_msg": "BTC 低\\nwalletwatch value=4.2 threshold=5", "date": "1606757621000"}
      """;

  @TempDir Path dir;
  private final ScriptedSmsProvider provider = new ScriptedSmsProvider();
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private Receiver receiver;

  private Receiver start(String allow) throws Exception {
    ReceiverConfig config = TestConfigs.load(dir, TestConfigs.yaml(allow, ""));
    // A small pool shows that slow or large requests do not tie up request threads.
    receiver = Receiver.start(config, Clock.systemUTC(), provider, 8);
    return receiver;
  }

  @AfterEach
  void stop() throws Exception {
    if (receiver != null) {
      receiver.close();
    }
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + receiver.address().getPort() + path);
  }

  private HttpResponse<String> post(String body, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(ReceiverHandler.WEBHOOK_PATH))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode health() throws Exception {
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/healthz")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private long count(String sql) throws Exception {
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("walletwatch.db"));
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Test
  void connectionsBeyondLimitWait() throws Exception {
    String yaml =
        TestConfigs.yaml("[\"127.0.0.1/32\"]", "")
            .replace("  idleTimeout: 5s\n", "  idleTimeout: 5s\n  maxConnections: 2\n");
    receiver = Receiver.start(TestConfigs.load(dir, yaml), Clock.systemUTC(), provider, 8);
    int port = receiver.address().getPort();

    try (Socket idle1 = new Socket("127.0.0.1", port);
        Socket idle2 = new Socket("127.0.0.1", port);
        Socket third = new Socket("127.0.0.1", port)) {
      third
          .getOutputStream()
          .write(
              "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
      third.setSoTimeout(1_000);

      // Both slots are held by idle connections, so the third waits in the accept queue.
      assertThatThrownBy(() -> third.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);

      idle1.close();
      third.setSoTimeout(5_000);
      String answer = new String(third.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);

      assertThat(answer).isEqualTo("HTTP/1.1 200");
    }
  }

  @Test
  void repeatedIdStoredAndSentOnce() throws Exception {
    start("[\"127.0.0.1/32\"]");

    HttpResponse<String> first = post(WEBHOOK.formatted("1001"), TestConfigs.TOKEN);
    HttpResponse<String> second = post(WEBHOOK.formatted("1001"), TestConfigs.TOKEN);

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(first.body()).get("status").asText()).isEqualTo("stored");
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(second.body()).get("status").asText()).isEqualTo("duplicate");
    assertThat(JSON.readTree(second.body()).get("event").asLong())
        .as("the duplicate names the event stored first")
        .isEqualTo(JSON.readTree(first.body()).get("event").asLong());
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> count("SELECT count(*) FROM deliveries WHERE state = 'sent'") == 2);
    assertThat(health().get("outboxDepth").asLong()).isZero();
    assertThat(provider.sends).as("one SMS per phone, not per request").hasSize(2);
    assertThat(provider.sends).extracting(m -> m.params().get("value")).containsOnly("4.2");
    assertThat(count("SELECT count(*) FROM events")).isEqualTo(1);
    assertThat(count("SELECT count(*) FROM decisions")).isEqualTo(1);
  }

  @Test
  void healthReportsStoreAndOutbox() throws Exception {
    start("[\"127.0.0.1/32\"]");

    JsonNode health = health();

    assertThat(health.get("store").asText()).isEqualTo("ok");
    assertThat(health.get("outboxDepth").asLong()).isZero();
    assertThat(health.get("oldestPendingAgeSeconds").isNull()).isTrue();
    assertThat(health.get("failedDeliveries").asLong()).isZero();
    assertThat(health.get("lastFailedCode").isNull()).isTrue();
  }

  @Test
  void missingOrWrongTokenIs401() throws Exception {
    start("[\"127.0.0.1/32\"]");

    HttpResponse<String> missing = post(WEBHOOK.formatted("1"), null);
    HttpResponse<String> wrong = post(WEBHOOK.formatted("1"), TestConfigs.TOKEN + "x");

    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(wrong.body()).get("error").asText())
        .endsWith("see docs/troubleshooting.md#receiver-returns-401");
    assertThat(count("SELECT count(*) FROM events")).isZero();
  }

  @Test
  void rejectedCallersLoggedAtWarnOnce() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(ReceiverHandler.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      start("[\"127.0.0.1/32\"]");
      post(WEBHOOK.formatted("1"), null);
      post(WEBHOOK.formatted("1"), "wrong-token-0123456789");
      receiver.close();
      receiver = null;
      start("[\"10.0.0.0/8\"]");
      post(WEBHOOK.formatted("1"), TestConfigs.TOKEN);
      post(WEBHOOK.formatted("1"), TestConfigs.TOKEN);
    } finally {
      logger.detachAppender(appender);
    }

    List<ILoggingEvent> rejected;
    synchronized (appender) {
      rejected =
          appender.list.stream()
              .filter(e -> e.getFormattedMessage().startsWith("webhook.rejected"))
              .toList();
    }
    // The second 401 and the second 403 fall within the throttle's interval.
    assertThat(rejected).hasSize(2);
    assertThat(rejected.get(0).getFormattedMessage()).contains("status=401");
    assertThat(rejected.get(0).getLevel()).isEqualTo(Level.WARN);
    assertThat(rejected.get(1).getFormattedMessage()).contains("status=403");
    assertThat(rejected.get(1).getLevel()).isEqualTo(Level.WARN);
  }

  @Test
  void callerOutsideAllowIs403() throws Exception {
    start("[\"10.0.0.0/8\", \"::1/128\"]");

    HttpResponse<String> response = post(WEBHOOK.formatted("1"), TestConfigs.TOKEN);

    assertThat(response.statusCode()).isEqualTo(403);
    String error = JSON.readTree(response.body()).get("error").asText();
    assertThat(error).contains("caller address 127.0.0.1 is not in server.allow");
    assertThat(error).contains("add it to server.allow as a CIDR such as 127.0.0.1/32");
    assertThat(error).endsWith("see docs/troubleshooting.md#receiver-returns-403");
    assertThat(count("SELECT count(*) FROM events")).isZero();
  }

  @Test
  void malformedJsonIs400WithMessage() throws Exception {
    start("[\"127.0.0.1/32\"]");

    HttpResponse<String> malformed =
        post("{\"id\": \"1\", \"alert_transition\": ", TestConfigs.TOKEN);
    HttpResponse<String> notWebhook = post("{\"hello\": \"world\"}", TestConfigs.TOKEN);
    HttpResponse<String> fine = post(WEBHOOK.formatted("2"), TestConfigs.TOKEN);

    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).get("error").asText()).contains("malformed JSON");
    assertThat(notWebhook.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(notWebhook.body()).get("error").asText())
        .contains("not a Datadog webhook");
    assertThat(fine.statusCode()).isEqualTo(200);
  }

  @Test
  void lockedStoreIs503ThenRecovers() throws Exception {
    start("[\"127.0.0.1/32\"]");
    try (Connection other =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("walletwatch.db"));
        Statement statement = other.createStatement()) {
      statement.execute("BEGIN EXCLUSIVE");

      HttpResponse<String> locked = post(WEBHOOK.formatted("3"), TestConfigs.TOKEN);

      assertThat(locked.statusCode()).isEqualTo(503);
      statement.execute("ROLLBACK");
    }

    HttpResponse<String> retried = post(WEBHOOK.formatted("3"), TestConfigs.TOKEN);

    assertThat(retried.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(retried.body()).get("status").asText()).isEqualTo("stored");
  }

  @Test
  void declaredHugeBodyIs413() throws Exception {
    start("[\"127.0.0.1/32\"]");

    try (Socket socket = connect()) {
      String head =
          "POST /webhooks/datadog HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + TestConfigs.TOKEN
              + "\r\nContent-Type: application/json\r\nContent-Length: "
              + (10 * 1024 * 1024)
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();

      assertThat(statusLine(socket.getInputStream())).contains(" 413 ");
    }
  }

  @Test
  void streamedHugeBodyIs413WhileOthersServed() throws Exception {
    start("[\"127.0.0.1/32\"]");

    try (Socket socket = connect()) {
      String head =
          "POST /webhooks/datadog HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + TestConfigs.TOKEN
              + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.US_ASCII));
      // Up to 10 MiB in 64 KiB chunks, from another thread, until the server stops reading.
      CompletableFuture<Void> writer =
          CompletableFuture.runAsync(
              () -> {
                byte[] chunk = new byte[64 * 1024];
                java.util.Arrays.fill(chunk, (byte) 'a');
                try {
                  for (int i = 0; i < 160; i++) {
                    out.write(
                        (Integer.toHexString(chunk.length) + "\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                  }
                } catch (java.io.IOException expected) {
                  // The server closed the connection after its 413 response.
                }
              });

      HttpResponse<String> other = post(WEBHOOK.formatted("4"), TestConfigs.TOKEN);

      assertThat(statusLine(socket.getInputStream())).contains(" 413 ");
      assertThat(other.statusCode()).isEqualTo(200);
      writer.get(30, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void slowClientsDoNotBlockOthers() throws Exception {
    start("[\"127.0.0.1/32\"]");
    String body = WEBHOOK.formatted("5");
    List<Socket> slow = new ArrayList<>();
    try {
      // More slow clients than the pool has threads, each stuck in the middle of its body.
      for (int i = 0; i < 12; i++) {
        Socket socket = connect();
        String head =
            "POST /webhooks/datadog HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + TestConfigs.TOKEN
                + "\r\nContent-Type: application/json\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length
                + "\r\n\r\n{";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        slow.add(socket);
      }
      // One more byte on each, as a one-byte-a-second client would send.
      for (Socket socket : slow) {
        socket.getOutputStream().write('"');
        socket.getOutputStream().flush();
      }

      HttpResponse<String> other = post(WEBHOOK.formatted("6"), TestConfigs.TOKEN);
      HttpResponse<String> health =
          client.send(
              HttpRequest.newBuilder(uri("/healthz")).build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(other.statusCode()).isEqualTo(200);
      assertThat(health.statusCode()).isEqualTo(200);
      // Served while every slow request was still open: none has received a response yet.
      for (Socket socket : slow) {
        assertThat(socket.getInputStream().available()).isZero();
      }
      // The slow requests never finish their bodies, so the read deadline ends each with 408.
      for (Socket socket : slow) {
        socket.setSoTimeout(20_000);
        assertThat(statusLine(socket.getInputStream())).contains(" 408 ");
      }
      assertThat(count("SELECT count(*) FROM events")).isEqualTo(1);
    } finally {
      for (Socket socket : slow) {
        socket.close();
      }
    }
  }

  @Test
  void unknownPathIs404() throws Exception {
    start("[\"127.0.0.1/32\"]");

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri("/webhooks/other")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(404);
  }

  @Test
  void formEncodedWebhookStored() throws Exception {
    start("[\"127.0.0.1/32\"]");
    String form =
        "id=form-1&alert_transition=Triggered&alert_metric=quant.wallet.balance"
            + "&alert_scope=currency%3Abtc&text_only_msg="
            + java.net.URLEncoder.encode(
                "BTC 低 walletwatch value=1.5 threshold=5", StandardCharsets.UTF_8);

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(uri(ReceiverHandler.WEBHOOK_PATH))
                .header("Authorization", "Bearer " + TestConfigs.TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(response.body()).get("deliveries").asInt()).isEqualTo(2);
    await().atMost(Duration.ofSeconds(10)).until(() -> provider.sends.size() == 2);
    assertThat(provider.sends).extracting(m -> m.params().get("value")).containsOnly("1.5");
  }

  @Test
  void ipv6CallerCheckedAgainstAllow() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(ipv6LoopbackAvailable(), "no IPv6 loopback here");
    String yaml = TestConfigs.yaml("[\"::1/128\"]", "").replace("host: 127.0.0.1", "host: \"::1\"");
    receiver = Receiver.start(TestConfigs.load(dir, yaml), Clock.systemUTC(), provider, 8);
    URI ipv6 =
        URI.create("http://[::1]:" + receiver.address().getPort() + ReceiverHandler.WEBHOOK_PATH);

    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(ipv6)
                .header("Authorization", "Bearer " + TestConfigs.TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString(WEBHOOK.formatted("v6")))
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
  }

  private static boolean ipv6LoopbackAvailable() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket()) {
      socket.bind(new InetSocketAddress("::1", 0));
      return true;
    } catch (java.io.IOException e) {
      return false;
    }
  }

  private Socket connect() throws Exception {
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress("127.0.0.1", receiver.address().getPort()), 5_000);
    socket.setSoTimeout(20_000);
    return socket;
  }

  private static String statusLine(InputStream in) throws Exception {
    StringBuilder line = new StringBuilder();
    int b;
    while ((b = in.read()) != -1 && b != '\n') {
      line.append((char) b);
    }
    return line.toString();
  }
}
