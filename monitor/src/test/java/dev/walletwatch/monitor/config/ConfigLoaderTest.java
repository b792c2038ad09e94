package dev.walletwatch.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {
  private static final String EXAMPLE =
      "datadog:\n"
          + "  site: datadoghq.com\n"
          + "  apiKey: ${DD_API_KEY}\n"
          + "  appKey: ${DD_APP_KEY}\n"
          + "webhook:\n"
          + "  name: walletwatch\n"
          + "  url: https://alerts.example.com/webhooks/datadog\n"
          + "  token: ${WALLETWATCH_WEBHOOK_TOKEN}\n"
          + "monitors:\n"
          + "  - name: BTC wallet balance below 5\n"
          + "    query: \"min(last_5m):min:quant.wallet.balance{currency:btc} < 5\"\n"
          + "    message: \"BTC balance {{value}} is below {{threshold}}.\"\n"
          + "    notifyNoData: true\n"
          + "    noDataTimeframe: 10m\n"
          + "    renotifyInterval: 30m\n"
          + "    tags: [\"service:quant\"]\n";

  private static final Map<String, String> ENVIRONMENT =
      Map.of("DD_API_KEY", "api-1", "DD_APP_KEY", "app-2", "WALLETWATCH_WEBHOOK_TOKEN", "tok-3");

  @TempDir Path directory;

  private MonitorsConfig load(String yaml, Map<String, String> environment) throws Exception {
    Path file = directory.resolve("monitors.yml");
    Files.writeString(file, yaml);
    return new ConfigLoader(environment).load(file);
  }

  @Test
  void loadsIssueExample() throws Exception {
    MonitorsConfig config = load(EXAMPLE, ENVIRONMENT);

    DatadogSettings datadog = config.datadog();
    assertThat(datadog.site()).isEqualTo("datadoghq.com");
    assertThat(datadog.apiUrl()).isEqualTo("https://api.datadoghq.com");
    assertThat(datadog.apiKey().reveal()).isEqualTo("api-1");
    assertThat(datadog.appKey().reveal()).isEqualTo("app-2");
    assertThat(datadog.toString()).doesNotContain("api-1").doesNotContain("app-2");

    WebhookSettings webhook = config.webhook();
    assertThat(webhook.name()).isEqualTo("walletwatch");
    assertThat(webhook.mention()).isEqualTo("@webhook-walletwatch");
    assertThat(webhook.token().reveal()).isEqualTo("tok-3");
    assertThat(webhook.token().toString()).isEqualTo("<secret>");
    assertThat(webhook.tokenVariable()).isEqualTo("WALLETWATCH_WEBHOOK_TOKEN");
    assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(15));

    assertThat(config.monitors()).hasSize(1);
    MonitorDefinition monitor = config.monitors().get(0);
    assertThat(monitor.path()).isEqualTo("monitors[0]");
    assertThat(monitor.query().metric()).isEqualTo("quant.wallet.balance");
    assertThat(monitor.notifyNoData()).isTrue();
    assertThat(monitor.noDataTimeframe()).isEqualTo(Duration.ofMinutes(10));
    assertThat(monitor.renotifyInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(monitor.tags()).containsExactly("service:quant");
    assertThat(config.local().evaluateEvery()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void appliesDefaultsAndOverrides() throws Exception {
    String yaml =
        EXAMPLE
                .replace("datadoghq.com", "${DD_SITE:-ap1.datadoghq.com}")
                .replace("  apiKey:", "  apiUrl: http://127.0.0.1:9999/\n  apiKey:")
                .replace("  token:", "  timeout: 3s\n  tokenVariable: WW_TOKEN\n  token:")
            + "local:\n  evaluateEvery: 200ms\n";

    MonitorsConfig config = load(yaml, ENVIRONMENT);

    assertThat(config.datadog().site()).isEqualTo("ap1.datadoghq.com");
    assertThat(config.datadog().apiUrl()).isEqualTo("http://127.0.0.1:9999");
    assertThat(config.webhook().timeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(config.webhook().tokenVariable()).isEqualTo("WW_TOKEN");
    assertThat(config.local().evaluateEvery()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void mapsEverySiteToApiHost() throws Exception {
    for (String site : DatadogSites.SITES) {
      MonitorsConfig config = load(EXAMPLE.replace("datadoghq.com", site), ENVIRONMENT);

      assertThat(config.datadog().apiUrl()).isEqualTo("https://api." + site);
    }
  }

  @Test
  void missingDatadogKeysFailOnlyWhenUsed() throws Exception {
    MonitorsConfig config = load(EXAMPLE, Map.of("WALLETWATCH_WEBHOOK_TOKEN", "tok-3"));

    assertThat(config.webhook().token().reveal()).isEqualTo("tok-3");
    assertThatThrownBy(config::datadog)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("datadog.apiKey")
        .hasMessageContaining("environment variable DD_API_KEY is not set");
  }

  static Stream<Arguments> invalidFiles() {
    return Stream.of(
        Arguments.of(
            EXAMPLE.replace("  token: ${WALLETWATCH_WEBHOOK_TOKEN}", "  token: ${MISSING_TOKEN}"),
            "webhook.token: environment variable MISSING_TOKEN is not set"),
        Arguments.of(
            EXAMPLE.replace("< 5\"", "== 5\""),
            "monitors[0].query: \"min(last_5m):min:quant.wallet.balance{currency:btc} == 5\":"
                + " unsupported comparator \"==\""),
        Arguments.of(
            EXAMPLE.replace("noDataTimeframe: 10m", "noDataTimeframe: 10 minutes"),
            "monitors[0].noDataTimeframe: \"10 minutes\" is not a duration"),
        Arguments.of(
            EXAMPLE.replace("notifyNoData: true", "notifyNoData: sometimes"),
            "monitors[0].notifyNoData: \"sometimes\" is not true or false"),
        Arguments.of(
            EXAMPLE.replace("    tags:", "    tag:"),
            "monitors[0].tag: unknown key; valid keys here: message, name, noDataTimeframe,"
                + " notifyNoData, query, renotifyInterval, tags"),
        Arguments.of(
            EXAMPLE.replace("  url: https://alerts", "  url: ftp://alerts"),
            "webhook.url: \"ftp://alerts.example.com/webhooks/datadog\" is not an http or https URL"),
        Arguments.of(
            EXAMPLE.replace("name: walletwatch", "name: wallet watch"),
            "webhook.name: \"wallet watch\" is not a valid webhook name"),
        Arguments.of(
            EXAMPLE + EXAMPLE.substring(EXAMPLE.indexOf("  - name")),
            "monitors[1].name: another monitor is already named \"BTC wallet balance below 5\""),
        Arguments.of(
            EXAMPLE.substring(0, EXAMPLE.indexOf("monitors:")) + "monitors: []\n",
            "monitors: define at least one monitor"),
        Arguments.of(EXAMPLE.replace("  name: walletwatch\n", ""), "webhook.name: missing value"),
        Arguments.of(
            EXAMPLE.replace("  - name: BTC wallet balance below 5", "  - name: 12"),
            "monitors[0].name: expected a string, found \"12\"; put the value in quotes"),
        Arguments.of("- just\n- a list\n", "the file must be a YAML mapping"),
        Arguments.of("datadog: [unclosed\n", "invalid YAML"));
  }

  @ParameterizedTest
  @MethodSource("invalidFiles")
  void rejectsInvalidFile(String yaml, String expectedMessage) {
    assertThatThrownBy(() -> load(yaml, ENVIRONMENT))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("monitors.yml")
        .hasMessageContaining(expectedMessage);
  }

  @Test
  void rejectsUnknownSiteListingValidOnes() throws Exception {
    MonitorsConfig config = load(EXAMPLE.replace("datadoghq.com", "datadoghq.us"), ENVIRONMENT);

    assertThatThrownBy(config::datadog)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("datadog.site: unknown Datadog site \"datadoghq.us\"")
        .hasMessageContaining(String.join(", ", DatadogSites.SITES));
  }

  @Test
  void reportsMissingFile() {
    Path missing = directory.resolve("absent.yml");

    assertThatThrownBy(() -> new ConfigLoader(ENVIRONMENT).load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessage(missing + ": file not found");
  }

  @Test
  void substitutesDefaultsLikeShell() {
    Map<String, String> environment = Map.of("SET", "x", "EMPTY", "");

    assertThat(EnvSubstitution.substitute("${SET}-${SET:-d}", environment, "k")).isEqualTo("x-x");
    assertThat(EnvSubstitution.substitute("${EMPTY:-d}", environment, "k")).isEqualTo("d");
    assertThat(EnvSubstitution.substitute("${UNSET:-}", environment, "k")).isEmpty();
    assertThat(EnvSubstitution.substitute("${EMPTY}", environment, "k")).isEmpty();
    assertThat(EnvSubstitution.substitute("a $HOME b", environment, "k")).isEqualTo("a $HOME b");
  }
}
