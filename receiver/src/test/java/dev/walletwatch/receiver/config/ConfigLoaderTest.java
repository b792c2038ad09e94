package dev.walletwatch.receiver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletwatch.receiver.datadog.Transition;
import dev.walletwatch.receiver.rules.Rule;
import dev.walletwatch.receiver.sms.aliyun.AliyunSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private static final Map<String, String> ENV =
      Map.of(
          "WALLETWATCH_WEBHOOK_TOKEN", "0123456789abcdef0123",
          "ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI-test-id",
          "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "test-secret-value");

  private ReceiverConfig load(String yaml, Map<String, String> env) throws Exception {
    Path file = dir.resolve("receiver.yml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return new ConfigLoader(env).load(file);
  }

  @Test
  void loadsExampleConfig() throws Exception {
    String example = Files.readString(Path.of("receiver.example.yml"), StandardCharsets.UTF_8);

    ReceiverConfig config = load(example, ENV);

    assertThat(config.server().port()).isEqualTo(8080);
    assertThat(config.server().token().matches("0123456789abcdef0123")).isTrue();
    assertThat(config.server().allow()).hasSize(1);
    assertThat(config.store()).isEqualTo(dir.resolve("walletwatch.db"));
    AliyunSettings aliyun = config.sms().aliyun();
    assertThat(aliyun.accessKeyId()).isEqualTo("LTAI-test-id");
    assertThat(aliyun.accessKeySecret().reveal()).isEqualTo("test-secret-value");
    assertThat(aliyun.signName()).isEqualTo("云通信产品");
    assertThat(aliyun.signature()).isEqualTo(AliyunSettings.SignatureVersion.V3);
    assertThat(aliyun.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(aliyun.readTimeout()).isEqualTo(Duration.ofSeconds(10));
    Rule rule = config.rule("btc-low");
    assertThat(rule.monitorId()).as("commented out, so the rule works with monitor local").isNull();
    assertThat(rule.scope()).containsEntry("currency", "btc");
    assertThat(rule.below()).isEqualByComparingTo("5");
    assertThat(rule.transitions())
        .containsExactlyInAnyOrder(
            Transition.TRIGGERED, Transition.RE_TRIGGERED, Transition.RENOTIFY);
    assertThat(rule.template().params()).containsKeys("name", "metric", "range", "value");
    assertThat(rule.recovery().code()).isEqualTo("SMS_000001");
    assertThat(rule.repeatInterval()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.statsd()).isNull();
  }

  @Test
  void secretNeverPrinted() throws Exception {
    String example = Files.readString(Path.of("receiver.example.yml"), StandardCharsets.UTF_8);

    ReceiverConfig config = load(example, ENV);

    assertThat(config.toString())
        .doesNotContain("0123456789abcdef0123")
        .doesNotContain("test-secret-value");
  }

  @Test
  void envDefaultAndMissingVariable() throws Exception {
    String yaml =
        """
        server: {port: "${PORT:-9090}", token: "${NOPE}"}
        store: ${STORE:-x.db}
        sms: {provider: log}
        rules: [{name: r, metric: m, phones: ["+8613800000000"], template: SMS_1}]
        """;

    assertThatThrownBy(() -> load(yaml, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("server.token")
        .hasMessageContaining("NOPE")
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(1));

    ReceiverConfig config = load(yaml, Map.of("NOPE", "0123456789abcdef0123"));
    assertThat(config.server().port()).isEqualTo(9090);
    assertThat(config.store()).isEqualTo(dir.resolve("x.db"));
  }

  @Test
  void everyProblemListedWithPath() throws Exception {
    String yaml =
        """
        server: {port: 70000, token: short, allow: ["10.0.0.0/33", "example.com"], idelTimeout: 5s}
        store: w.db
        sms: {provider: aliyun, aliyun: {signName: 签名, signature: v2, endpoint: "ftp://x"}}
        delivery: {initialBackoff: soon}
        rules:
          - name: r
            metric: m
            transitions: [Triggered, Exploded]
            phones: ["12ab"]
            template: SMS_1
            params: {a: "https://evil.example.com", b: "{valu}", c: "%s", d: "{value} at 10.0.0.1"}
            repeatInterval: 30 minutes
          - name: r
            phones: []
            template: SMS_2
        """
            .formatted("x".repeat(40));

    ConfigException error =
        (ConfigException)
            org.assertj.core.api.Assertions.catchThrowable(() -> load(yaml, Map.of()));

    assertThat(error).isNotNull();
    assertThat(error.problems())
        .anySatisfy(p -> assertThat(p).startsWith("server.port:"))
        .anySatisfy(p -> assertThat(p).startsWith("server.token:").contains("16"))
        .anySatisfy(p -> assertThat(p).startsWith("server.allow[0]:").contains("prefix length"))
        .anySatisfy(p -> assertThat(p).startsWith("server.allow[1]:"))
        .anySatisfy(p -> assertThat(p).startsWith("server.idelTimeout:").contains("unknown key"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("sms.aliyun.accessKeyId:")
                    .contains("ALIBABA_CLOUD_ACCESS_KEY_ID"))
        .anySatisfy(p -> assertThat(p).startsWith("sms.aliyun.accessKeySecret:"))
        .anySatisfy(p -> assertThat(p).startsWith("sms.aliyun.signature:").contains("v2"))
        .anySatisfy(p -> assertThat(p).startsWith("sms.aliyun.endpoint:"))
        .anySatisfy(p -> assertThat(p).startsWith("delivery.initialBackoff:").contains("soon"))
        .anySatisfy(p -> assertThat(p).startsWith("rules[0].transitions[1]:").contains("Exploded"))
        .anySatisfy(p -> assertThat(p).startsWith("rules[0].phones[0]:").doesNotContain("12ab"))
        .anySatisfy(p -> assertThat(p).startsWith("rules[0].params.a:").contains("URL"))
        .anySatisfy(p -> assertThat(p).startsWith("rules[0].params.b:").contains("{valu}"))
        .anySatisfy(p -> assertThat(p).startsWith("rules[0].params.c:").contains("40 characters"))
        .anySatisfy(p -> assertThat(p).startsWith("rules[0].params.d:").contains("10.0.0.1"))
        .anySatisfy(p -> assertThat(p).startsWith("rules[0].repeatInterval:"))
        .anySatisfy(
            p -> assertThat(p).startsWith("rules[1].name:").contains("duplicate rule name 'r'"))
        .anySatisfy(p -> assertThat(p).startsWith("rules[1]:").contains("metric or monitorId"))
        .anySatisfy(p -> assertThat(p).startsWith("rules[1].phones:").contains("empty"));
  }

  @Test
  void storePathNeedsNoSecrets() throws Exception {
    Path file = dir.resolve("receiver.yml");
    Files.writeString(
        file,
        """
        server: {token: "${WALLETWATCH_WEBHOOK_TOKEN}"}
        store: ${STORE_FILE:-w.db}
        sms: {provider: aliyun}
        rules: [{name: r, metric: m, phones: ["+8613800000000"], template: SMS_1}]
        """,
        StandardCharsets.UTF_8);

    Path store = new ConfigLoader(Map.of()).loadStorePath(file);

    assertThat(store).isEqualTo(dir.resolve("w.db"));
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .isInstanceOf(ConfigException.class);
  }

  @Test
  void storePathMissingIsReported() throws Exception {
    Path file = dir.resolve("receiver.yml");
    Files.writeString(file, "server: {port: 8080}\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).loadStorePath(file))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .singleElement()
                    .satisfies(p -> assertThat(p).startsWith("store:").contains("required")));
  }

  @Test
  void logProviderIgnoresAliyunBlock() throws Exception {
    String yaml =
        """
        server: {token: "0123456789abcdef0123"}
        store: w.db
        sms:
          provider: log
          log: {file: sent.jsonl}
          aliyun: {accessKeyId: "${UNSET_ID}"}
        statsd: {host: 127.0.0.1, port: 8125}
        rules: [{name: r, metric: m, phones: ["+8613800000000"], template: SMS_1}]
        """;

    ReceiverConfig config = load(yaml, Map.of());

    assertThat(config.sms().provider()).isEqualTo("log");
    assertThat(config.sms().logFile()).isEqualTo(dir.resolve("sent.jsonl"));
    assertThat(config.server().allow()).hasSize(2);
    assertThat(config.statsd().prefix()).isEqualTo("walletwatch.receiver");
    assertThat(config.delivery().maxAttempts()).isEqualTo(10);
  }

  @Test
  void invalidYamlReported() {
    assertThatThrownBy(() -> load("server: [unclosed", Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("invalid YAML");
  }
}
