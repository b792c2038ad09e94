package dev.walletwatch.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigLoaderTest {

  private static final String GAUGE =
      "gauges:\n"
          + "  - name: quant.wallet.balance\n"
          + "    class: com.acme.trading.Wallet\n"
          + "    method: balanceOf(java.lang.String)\n";

  @TempDir Path dir;

  private static AgentConfig load(String yaml, Map<String, String> env) throws ConfigException {
    return new ConfigLoader(env)
        .load(
            new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "instrumentation.yml");
  }

  private static AgentConfig load(String yaml) throws ConfigException {
    return load(yaml, Map.of());
  }

  @Test
  void fullExampleParses() throws Exception {
    AgentConfig config =
        load(
            "statsd:\n"
                + "  host: localhost\n"
                + "  port: 8125\n"
                + "  prefix: \"\"\n"
                + "  tags: [\"team:quant\"]\n"
                + "  flushInterval: 1s\n"
                + "  resendInterval: 10s\n"
                + "gauges:\n"
                + "  - name: quant.wallet.balance\n"
                + "    class: com.acme.trading.Wallet\n"
                + "    method: balanceOf(java.lang.String)\n"
                + "    subtypes: false\n"
                + "    value: return\n"
                + "    scale: 1\n"
                + "    tags:\n"
                + "      currency: ${arg0}\n"
                + "      exchange: simulated\n"
                + "    maxSeries: 100\n");

    assertThat(config.statsd().host()).isEqualTo("localhost");
    assertThat(config.statsd().port()).isEqualTo(8125);
    assertThat(config.statsd().tags()).containsExactly("team:quant");
    assertThat(config.statsd().flushIntervalMillis()).isEqualTo(1000);
    assertThat(config.statsd().resendIntervalMillis()).isEqualTo(10_000);
    GaugeConfig gauge = config.gauges().get(0);
    assertThat(gauge.name()).isEqualTo("quant.wallet.balance");
    assertThat(gauge.classPattern().isExact()).isTrue();
    assertThat(gauge.method().parameterTypes()).containsExactly("java.lang.String");
    assertThat(gauge.value().root()).isEqualTo(ValuePath.Root.RETURN);
    assertThat(gauge.scale()).isEqualByComparingTo(BigDecimal.ONE);
    assertThat(gauge.tags()).hasSize(2);
    assertThat(gauge.tags().get(0).expression().argumentIndex()).isEqualTo(0);
    assertThat(gauge.tags().get(1).literal()).isEqualTo("simulated");
    assertThat(gauge.maxSeries()).isEqualTo(100);
  }

  @Test
  void defaultsApplyWhenOmitted() throws Exception {
    AgentConfig config = load(GAUGE);

    assertThat(config.statsd().host()).isEqualTo("localhost");
    assertThat(config.statsd().port()).isEqualTo(8125);
    assertThat(config.statsd().prefix()).isEmpty();
    assertThat(config.statsd().flushIntervalMillis()).isEqualTo(1000);
    assertThat(config.statsd().resendIntervalMillis()).isEqualTo(10_000);
    assertThat(config.gracePeriodMillis()).isEqualTo(60_000);
    assertThat(config.gauges().get(0).subtypes()).isFalse();
    assertThat(config.gauges().get(0).value().toString()).isEqualTo("return");
    assertThat(config.gauges().get(0).maxSeries()).isEqualTo(100);
  }

  @Test
  void environmentOverridesHostPortAndAddsTags() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("DD_AGENT_HOST", "statsd.internal");
    env.put("DD_DOGSTATSD_PORT", "9125");
    env.put("DD_TAGS", "region:EU, desk:btc  pod:a");

    AgentConfig config =
        load("statsd:\n  host: localhost\n  port: 8125\n  tags: [team:quant]\n" + GAUGE, env);

    assertThat(config.statsd().host()).isEqualTo("statsd.internal");
    assertThat(config.statsd().port()).isEqualTo(9125);
    assertThat(config.statsd().tags())
        .containsExactly("team:quant", "region:eu", "desk:btc", "pod:a");
  }

  @Test
  void prefixJoinsWithDot() throws Exception {
    AgentConfig config = load("statsd:\n  prefix: acme.\n" + GAUGE);

    assertThat(config.statsd().metricName("quant.wallet.balance"))
        .isEqualTo("acme.quant.wallet.balance");
  }

  static Stream<Arguments> badConfigs() {
    return Stream.of(
        // unknown key inside a gauge
        Arguments.of(GAUGE + "    valeu: return\n", "gauges[0].valeu: unknown key"),
        // unknown top-level key
        Arguments.of("statsdd: {}\n" + GAUGE, "statsdd: unknown key"),
        // unknown statsd key
        Arguments.of("statsd:\n  hots: x\n" + GAUGE, "statsd.hots: unknown key"),
        // missing required keys
        Arguments.of("gauges:\n  - name: a.b\n    method: m\n", "gauges[0].class: is missing"),
        Arguments.of("gauges:\n  - class: a.B\n    method: m\n", "gauges[0].name: is missing"),
        Arguments.of("gauges:\n  - name: a.b\n    class: a.B\n", "gauges[0].method: is missing"),
        // no gauges at all
        Arguments.of("statsd:\n  port: 8125\n", "gauges: is missing"),
        Arguments.of("gauges: []\n", "gauges: is empty"),
        Arguments.of("gauges: x\n", "gauges: is not a list"),
        // value paths
        Arguments.of(
            GAUGE + "    value: retrun\n",
            "gauges[0].value: 'retrun' does not start with return, argN or this"),
        Arguments.of(
            GAUGE + "    value: return..total\n",
            "gauges[0].value: 'return..total' has an invalid step"),
        // durations
        Arguments.of(
            "statsd:\n  flushInterval: 10\n" + GAUGE,
            "statsd.flushInterval: '10' is not a positive duration"),
        Arguments.of(
            "statsd:\n  flushInterval: 0s\n" + GAUGE,
            "statsd.flushInterval: '0s' is not a positive duration"),
        Arguments.of("statsd:\n  flushInterval: 1d\n" + GAUGE, "500ms, 10s, 5m or 1h"),
        Arguments.of(
            "statsd:\n  flushInterval: 10s\n  resendInterval: 1s\n" + GAUGE,
            "statsd.resendInterval: is shorter than statsd.flushInterval"),
        // numbers
        Arguments.of(
            "statsd:\n  port: 70000\n" + GAUGE,
            "statsd.port: '70000' is not a whole number from 1 to 65535"),
        Arguments.of(
            GAUGE + "    maxSeries: 0\n", "gauges[0].maxSeries: '0' is not a whole number"),
        Arguments.of(GAUGE + "    scale: abc\n", "gauges[0].scale: 'abc' is not a number"),
        Arguments.of(GAUGE + "    scale: 0\n", "gauges[0].scale: is 0"),
        Arguments.of(
            GAUGE + "    subtypes: yes please\n",
            "gauges[0].subtypes: 'yes please' is not true or false"),
        // names
        Arguments.of(
            "gauges:\n  - name: 1bad\n    class: a.B\n    method: m\n",
            "gauges[0].name: '1bad' is not a valid metric name"),
        Arguments.of(
            "gauges:\n  - name: a.b\n    class: com.acme...X\n    method: m\n",
            "gauges[0].class: 'com.acme...X' is not a class name or pattern"),
        Arguments.of(
            "gauges:\n  - name: a.b\n    class: a.B\n    method: m(String\n",
            "gauges[0].method: 'm(String' is not a method"),
        // tags
        Arguments.of(
            GAUGE + "    tags:\n      1x: y\n", "gauges[0].tags.1x: '1x' is not a valid tag key"),
        Arguments.of(
            GAUGE + "    tags:\n      c: coin-${arg0}\n",
            "gauges[0].tags.c: 'coin-${arg0}' mixes text and an expression"),
        Arguments.of(
            GAUGE + "    tags:\n      c: ${ret}\n",
            "gauges[0].tags.c: 'ret' does not start with return"),
        Arguments.of(
            GAUGE + "    tags:\n      a: ${arg0}\n      b: ${arg1}\n      c: ${this.x}\n",
            "gauges[0].tags: tag expressions read 3 different roots"),
        Arguments.of("statsd:\n  tags: team:quant\n" + GAUGE, "statsd.tags: is not a list"),
        // YAML itself
        Arguments.of("gauges: [\n", "invalid YAML"),
        Arguments.of("", "file is empty"),
        Arguments.of("- a\n- b\n", "(top level): is not a mapping"),
        Arguments.of(GAUGE + "    name: again\n", "invalid YAML"));
  }

  @ParameterizedTest
  @MethodSource("badConfigs")
  void badConfigNamesFileAndPath(String yaml, String expected) {
    assertThatThrownBy(() -> load(yaml))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems())
                  .anySatisfy(p -> assertThat(p).startsWith("instrumentation.yml: "));
              assertThat(e.problems()).anySatisfy(p -> assertThat(p).contains(expected));
            });
  }

  @Test
  void badPortInEnvironmentNamesVariable() {
    assertThatThrownBy(() -> load(GAUGE, Map.of("DD_DOGSTATSD_PORT", "http")))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "environment variable DD_DOGSTATSD_PORT: 'http' is not a port number; set it to a"
                            + " number from 1 to 65535 or unset it"));
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    String yaml = "statsd:\n  port: -1\n  colour: red\ngauges:\n  - name: a.b\n    class: a.B\n";

    assertThatThrownBy(() -> load(yaml))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(3));
  }

  @Test
  void missingFileSaysHowToPassOne() {
    Path missing = dir.resolve("nope.yml");

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(missing))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e ->
                assertThat(e.problems().get(0))
                    .startsWith(missing + ": file not found")
                    .contains("config=PATH"));
  }

  @Test
  void aliasBombIsRejected() throws Exception {
    StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
    String previous = "a";
    for (int i = 0; i < 10; i++) {
      String name = "l" + i;
      yaml.append(name).append(": &").append(name).append(" [");
      for (int j = 0; j < 9; j++) {
        yaml.append(j == 0 ? "" : ", ").append('*').append(previous);
      }
      yaml.append("]\n");
      previous = name;
    }
    Path file = dir.resolve("bomb.yml");
    Files.writeString(file, yaml);

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> assertThat(e.problems().get(0)).contains("invalid YAML", "aliases"));
  }

  @Test
  void oversizedFileIsRejected() throws Exception {
    Path file = dir.resolve("big.yml");
    Files.write(file, new byte[ConfigLoader.MAX_FILE_BYTES + 1]);

    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(file))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.problems().get(0)).contains("larger than"));
  }

  @Test
  void javaTagsAreNotInstantiated() {
    String yaml = "x: !!java.io.File /tmp\n" + GAUGE;

    assertThatThrownBy(() -> load(yaml))
        .isInstanceOfSatisfying(
            ConfigException.class, e -> assertThat(e.problems().get(0)).contains("invalid YAML"));
  }
}
