package dev.walletwatch.monitor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletwatch.monitor.datadog.WebhookPayload;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs plan and apply through the command line against a stateful fake of the Datadog API. */
class ApplyCommandTest {
  private static final String TOKEN = "token-abcdef-0123456789";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path directory;

  private final FakeDatadog datadog = new FakeDatadog();
  private final MockWebServer server = new MockWebServer();
  private final List<Duration> sleeps = new ArrayList<>();
  private final Map<String, String> environment = new HashMap<>();
  private Path file;
  private String stdout;
  private String stderr;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(datadog);
    server.start(InetAddress.getLoopbackAddress(), 0);
    environment.put("DD_API_KEY", FakeDatadog.API_KEY);
    environment.put("DD_APP_KEY", FakeDatadog.APP_KEY);
    environment.put("WALLETWATCH_WEBHOOK_TOKEN", TOKEN);
    file = directory.resolve("monitors.yml");
    writeConfig("5");
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private void writeConfig(String threshold) throws Exception {
    Files.writeString(
        file,
        "datadog:\n"
            + "  site: datadoghq.eu\n"
            + "  apiUrl: "
            + server.url("/")
            + "\n"
            + "  apiKey: ${DD_API_KEY}\n"
            + "  appKey: ${DD_APP_KEY}\n"
            + "webhook:\n"
            + "  name: walletwatch\n"
            + "  url: https://alerts.example.com/webhooks/datadog\n"
            + "  token: ${WALLETWATCH_WEBHOOK_TOKEN}\n"
            + "monitors:\n"
            + "  - name: BTC wallet balance below 5\n"
            + "    query: \"min(last_5m):min:quant.wallet.balance{currency:btc} < "
            + threshold
            + "\"\n"
            + "    message: \"BTC balance {{value}} is below {{threshold}}.\"\n"
            + "    notifyNoData: true\n"
            + "    noDataTimeframe: 10m\n"
            + "    renotifyInterval: 30m\n"
            + "    tags: [\"service:quant\"]\n");
  }

  private int run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine commandLine = MonitorCommand.commandLine(environment, sleeps::add);
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    stdout = out.toString();
    stderr = err.toString();
    assertThat(stdout + stderr)
        .doesNotContain(TOKEN)
        .doesNotContain(FakeDatadog.API_KEY)
        .doesNotContain(FakeDatadog.APP_KEY);
    return exitCode;
  }

  private FakeDatadog.Mutation mutation(String method, String pathPrefix) {
    return datadog.mutations.stream()
        .filter(m -> m.method().equals(method) && m.path().startsWith(pathPrefix))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + method + " " + pathPrefix));
  }

  @Test
  void applyCreatesEverythingThenNothing() throws Exception {
    assertThat(run("apply", file.toString())).as(stderr).isEqualTo(0);

    assertThat(datadog.mutations).hasSize(4);
    JsonNode token =
        mutation("POST", "/api/v1/integration/webhooks/configuration/custom-variables").body();
    assertThat(token.path("name").asText()).isEqualTo("WALLETWATCH_WEBHOOK_TOKEN");
    assertThat(token.path("value").asText()).isEqualTo(TOKEN);
    assertThat(token.path("is_secret").asBoolean()).isTrue();
    assertThat(
            datadog.variables.get("WALLETWATCH_WEBHOOK_TOKEN_FINGERPRINT").path("value").asText())
        .startsWith("pbkdf2-sha256:")
        .doesNotContain(TOKEN);

    JsonNode webhook =
        mutation("POST", "/api/v1/integration/webhooks/configuration/webhooks").body();
    assertThat(webhook.path("name").asText()).isEqualTo("walletwatch");
    assertThat(webhook.path("url").asText())
        .isEqualTo("https://alerts.example.com/webhooks/datadog");
    assertThat(webhook.path("payload").asText()).isEqualTo(WebhookPayload.TEMPLATE);
    assertThat(JSON.readTree(webhook.path("payload").asText()).path("alert_transition").asText())
        .isEqualTo("$ALERT_TRANSITION");
    assertThat(
            JSON.readTree(webhook.path("custom_headers").asText()).path("Authorization").asText())
        .isEqualTo("Bearer $WALLETWATCH_WEBHOOK_TOKEN");
    assertThat(webhook.path("encode_as").asText()).isEqualTo("json");

    JsonNode monitor = mutation("POST", "/api/v1/monitor").body();
    assertThat(monitor.path("name").asText()).isEqualTo("BTC wallet balance below 5");
    assertThat(monitor.path("type").asText()).isEqualTo("query alert");
    assertThat(monitor.path("query").asText())
        .isEqualTo("min(last_5m):min:quant.wallet.balance{currency:btc} < 5");
    assertThat(monitor.path("message").asText())
        .isEqualTo(
            "BTC balance {{value}} is below {{threshold}}.\n\n@webhook-walletwatch\n"
                + "walletwatch value={{value}} threshold={{threshold}}");
    assertThat(monitor.path("tags").toString()).isEqualTo("[\"service:quant\"]");
    JsonNode options = monitor.path("options");
    assertThat(options.path("thresholds").path("critical").decimalValue())
        .isEqualByComparingTo("5");
    assertThat(options.path("notify_no_data").asBoolean()).isTrue();
    assertThat(options.path("no_data_timeframe").asInt()).isEqualTo(10);
    assertThat(options.path("renotify_interval").asInt()).isEqualTo(30);
    assertThat(stdout).contains("created monitor \"BTC wallet balance below 5\" (id 1001)");

    datadog.mutations.clear();
    assertThat(run("apply", file.toString())).as(stderr).isEqualTo(0);

    assertThat(datadog.mutations).isEmpty();
    assertThat(stdout).contains("Apply complete: nothing to change.");
  }

  @Test
  void planPrintsChangesAndSendsNothing() {
    assertThat(run("plan", file.toString())).as(stderr).isEqualTo(0);

    assertThat(datadog.mutations).isEmpty();
    assertThat(stdout)
        .contains("Datadog site datadoghq.eu at http://")
        .contains("API key <secret>, application key <secret>")
        .contains("+ create custom variable WALLETWATCH_WEBHOOK_TOKEN\n    value: <secret>")
        .contains("+ create webhook walletwatch")
        .contains("+ create monitor \"BTC wallet balance below 5\"")
        .contains("Plan: 4 to create, 0 to update, 0 unchanged.");

    assertThat(run("apply", file.toString())).isEqualTo(0);
    assertThat(run("plan", file.toString())).isEqualTo(0);
    assertThat(stdout).contains("Plan: 0 to create, 0 to update, 4 unchanged.");
  }

  @Test
  void changedThresholdUpdatesOnlyMonitor() throws Exception {
    assertThat(run("apply", file.toString())).isEqualTo(0);
    datadog.mutations.clear();
    writeConfig("4.5");

    assertThat(run("apply", file.toString())).as(stderr).isEqualTo(0);

    assertThat(datadog.mutations).hasSize(1);
    FakeDatadog.Mutation update = datadog.mutations.get(0);
    assertThat(update.method()).isEqualTo("PUT");
    assertThat(update.path()).isEqualTo("/api/v1/monitor/1001");
    assertThat(update.body().path("query").asText()).endsWith("< 4.5");
    assertThat(update.body().has("message")).isFalse();
    JsonNode options = update.body().path("options");
    assertThat(options.path("thresholds").path("critical").decimalValue())
        .isEqualByComparingTo("4.5");
    // Options apply does not manage survive the update.
    assertThat(options.path("new_host_delay").asInt()).isEqualTo(300);
    assertThat(stdout).contains("query: ").contains("options.thresholds.critical: 5.0 -> 4.5");
  }

  @Test
  void changedTokenRewritesSecretOnce() throws Exception {
    assertThat(run("apply", file.toString())).isEqualTo(0);
    datadog.mutations.clear();
    environment.put("WALLETWATCH_WEBHOOK_TOKEN", "another-token-9876543210");

    assertThat(run("apply", file.toString())).as(stderr).isEqualTo(0);

    assertThat(datadog.mutations)
        .extracting(FakeDatadog.Mutation::method, FakeDatadog.Mutation::path)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "PUT",
                "/api/v1/integration/webhooks/configuration/custom-variables/"
                    + "WALLETWATCH_WEBHOOK_TOKEN"),
            org.assertj.core.groups.Tuple.tuple(
                "PUT",
                "/api/v1/integration/webhooks/configuration/custom-variables/"
                    + "WALLETWATCH_WEBHOOK_TOKEN_FINGERPRINT"));
    assertThat(datadog.variables.get("WALLETWATCH_WEBHOOK_TOKEN").path("value").asText())
        .isEqualTo("another-token-9876543210");

    datadog.mutations.clear();
    assertThat(run("apply", file.toString())).isEqualTo(0);
    assertThat(datadog.mutations).isEmpty();
  }

  @Test
  void forbiddenKeyExitsWithMessage() {
    environment.put("DD_API_KEY", "wrong-key");

    assertThat(run("apply", file.toString())).isEqualTo(1);

    assertThat(stderr)
        .startsWith("error: Datadog rejected the API or application key (HTTP 403)")
        .contains("datadog.apiKey and datadog.appKey")
        .doesNotContain("\tat ");
    assertThat(datadog.mutations).isEmpty();
  }

  @Test
  void rateLimitWaitsForResetThenSucceeds() {
    datadog.fail(
        "GET /api/v1/monitor",
        2,
        FakeDatadog.error(429, "Too many requests").setHeader("X-RateLimit-Reset", "7"));

    assertThat(run("apply", file.toString())).as(stderr).isEqualTo(0);

    assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
    assertThat(datadog.monitors).hasSize(1);
  }

  @Test
  void rateLimitGivesUpAfterRetries() {
    datadog.fail(
        "GET /api/v1/monitor",
        100,
        FakeDatadog.error(429, "Too many requests").setHeader("X-RateLimit-Reset", "3"));

    assertThat(run("apply", file.toString())).isEqualTo(1);

    assertThat(sleeps).hasSize(5);
    assertThat(stderr).contains("still exceeded (HTTP 429) after 5 retries of GET /api/v1/monitor");
    assertThat(datadog.monitors).isEmpty();
  }

  @Test
  void serverErrorExitsWithMessage() {
    datadog.fail("POST /api/v1/monitor", 1, FakeDatadog.error(503, "Service Unavailable"));

    assertThat(run("apply", file.toString())).isEqualTo(1);

    assertThat(stderr)
        .startsWith("error: Datadog failed with HTTP 503 for POST /api/v1/monitor")
        .contains("Datadog's errors: Service Unavailable")
        .doesNotContain("\tat ");
  }

  @Test
  void invalidConfigExitsWithTwo() throws Exception {
    Files.writeString(file, Files.readString(file).replace("datadoghq.eu", "datadoghq.moon"));

    assertThat(run("plan", file.toString())).isEqualTo(2);

    assertThat(stderr)
        .contains("datadog.site")
        .contains("unknown Datadog site \"datadoghq.moon\"")
        .contains("ddog-gov.com");
    assertThat(server.getRequestCount()).isZero();
  }
}
