package dev.walletwatch.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.agent.config.AgentConfig;
import dev.walletwatch.agent.config.ConfigLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReloadTest {

  private static final String GAUGE =
      "  - name: quant.wallet.balance\n"
          + "    class: com.acme.Wallet\n"
          + "    method: balanceOf\n"
          + "    scale: 1\n"
          + "    tags:\n"
          + "      currency: ${arg0}\n";

  @TempDir Path dir;

  private static AgentConfig load(String yaml) throws Exception {
    return new ConfigLoader(Map.of())
        .load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test.yml");
  }

  @Test
  void definitionIgnoresPosition() throws Exception {
    AgentConfig config =
        load("gauges:\n" + GAUGE.replace("name: quant.wallet.balance", "name: other") + GAUGE);

    AgentConfig moved = load("gauges:\n" + GAUGE.replace("scale: 1", "scale: 1.00"));

    assertThat(moved.gauges().get(0).definition()).isEqualTo(config.gauges().get(1).definition());
    assertThat(moved.gauges().get(0).definition())
        .isNotEqualTo(config.gauges().get(0).definition());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // Each row changes one part of the gauge; the definition must change with it.
        "class: com.acme.Wallet | class: com.acme.Vault",
        "method: balanceOf | method: balanceOf(java.lang.String)",
        "scale: 1 | scale: 0.00000001",
        "currency: ${arg0} | currency: btc",
        "currency: ${arg0} | coin: ${arg0}",
      })
  void definitionChangesWithGauge(String before, String after) throws Exception {
    AgentConfig original = load("gauges:\n" + GAUGE);
    AgentConfig changed = load("gauges:\n" + GAUGE.replace(before, after));

    assertThat(changed.gauges().get(0).definition())
        .isNotEqualTo(original.gauges().get(0).definition());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "host, 127.0.0.2, host '127.0.0.1' -> '127.0.0.2'",
    "port, 9125, port '8125' -> '9125'",
    "prefix, acme, prefix '' -> 'acme'",
    "flushInterval, 2s, flushInterval '1000ms' -> '2000ms'",
  })
  void statsdChangeNamesFirstDifference(String key, String value, String expected)
      throws Exception {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("host", "127.0.0.1");
    settings.put("port", "8125");
    settings.put("prefix", "\"\"");
    settings.put("flushInterval", "1s");
    AgentConfig running = load(statsd(settings));
    settings.put(key, value);

    AgentConfig next = load(statsd(settings));

    assertThat(ActiveAgent.statsdChange(running.statsd(), next.statsd())).isEqualTo(expected);
  }

  private static String statsd(Map<String, String> settings) {
    StringBuilder yaml = new StringBuilder("statsd:\n");
    settings.forEach(
        (key, value) -> yaml.append("  ").append(key).append(": ").append(value).append('\n'));
    return yaml.append("gauges:\n").append(GAUGE).toString();
  }

  @Test
  void statsdChangeIsNullWhenSame() throws Exception {
    String yaml = "statsd:\n  port: 8125\ngauges:\n" + GAUGE;

    assertThat(ActiveAgent.statsdChange(load(yaml).statsd(), load(yaml).statsd())).isNull();
  }

  @Test
  void declaringClassOfMethod() {
    assertThat(WeaveSummary.declaringClass("com.acme.Wallet.balanceOf(java.lang.String)"))
        .isEqualTo("com.acme.Wallet");
    assertThat(WeaveSummary.declaringClass("com.acme.Wallet$Account.total()"))
        .isEqualTo("com.acme.Wallet$Account");
  }

  @Test
  void reportFileStartsWithStatus() throws Exception {
    StartReport report = new StartReport();
    report.line("gauges[0] quant.wallet.balance: woven");
    report.fail("the JVM rejected\nthe retransformation");
    Path file = dir.resolve("result.txt");

    report.writeTo(file.toString());

    assertThat(Files.readAllLines(file))
        .containsExactly(
            StartReport.FAILED,
            "gauges[0] quant.wallet.balance: woven",
            "the JVM rejected the retransformation");
    assertThat(dir.resolve("result.txt.tmp")).doesNotExist();
  }
}
