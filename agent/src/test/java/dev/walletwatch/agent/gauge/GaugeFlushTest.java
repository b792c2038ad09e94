package dev.walletwatch.agent.gauge;

import static org.assertj.core.api.Assertions.assertThat;

import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import com.timgroup.statsd.StatsDClient;
import dev.walletwatch.agent.config.AgentConfig;
import dev.walletwatch.agent.config.ConfigLoader;
import dev.walletwatch.agent.config.GaugeConfig;
import dev.walletwatch.agent.testing.UdpCollector;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Probes and the flusher against a real java-dogstatsd-client sending to a UDP socket on loopback:
 * what arrives on the wire, including the digits of values just below a threshold.
 */
class GaugeFlushTest {

  private UdpCollector statsd;
  private StatsDClient client;
  private AgentConfig config;

  @BeforeEach
  void setUp() throws Exception {
    statsd = new UdpCollector();
    config =
        new ConfigLoader(Map.of())
            .load(
                new ByteArrayInputStream(
                    ("statsd:\n  host: 127.0.0.1\n  port: "
                            + statsd.port()
                            + "\n"
                            + "  flushInterval: 1s\n  resendInterval: 10s\n"
                            + "gauges:\n"
                            + "  - name: quant.wallet.balance\n"
                            + "    class: com.acme.Wallet\n"
                            + "    method: balanceOf\n"
                            + "    tags:\n      currency: ${arg0}\n      exchange: Simulated\n"
                            + "    maxSeries: 2\n"
                            + "  - name: quant.wallet.total\n"
                            + "    class: com.acme.Wallet\n"
                            + "    method: total\n"
                            + "    value: return.amount\n")
                        .getBytes(StandardCharsets.UTF_8)),
                "test.yml");
    client =
        StatsdClients.create(
            config.statsd(),
            new InetSocketAddress(InetAddress.getLoopbackAddress(), statsd.port()));
    AgentCounters.RECORDED.reset();
    AgentCounters.DROPPED.reset();
    AgentCounters.ERRORS.reset();
  }

  @AfterEach
  void tearDown() {
    client.stop();
    statsd.close();
  }

  private GaugeProbe probe(int index) {
    GaugeConfig gauge = config.gauges().get(index);
    return new GaugeProbe(gauge, gauge.name(), "com.acme.Wallet." + gauge.method());
  }

  private Flusher flusher(ProbeRegistry registry) {
    StatsdConnection connection =
        new StatsdConnection(
            config.statsd(), host -> InetAddress.getLoopbackAddress(), Long.MAX_VALUE);
    return new Flusher(connection, registry, config.statsd(), () -> {}, () -> {}, 60_000);
  }

  @Test
  void exactDigitsReachTheWire() throws Exception {
    GaugeProbe balance = probe(0);
    ProbeRegistry registry = new ProbeRegistry();
    registry.add("balance", 0, balance);

    balance.recordReference(new BigDecimal("4.9999999"), "BTC", null);
    balance.recordReference(new BigDecimal("21000000.12345678"), "ETH", null);
    flusher(registry).flush(System.nanoTime());

    List<String> lines = statsd.awaitLines(3);
    assertThat(lines).contains("quant.wallet.balance:4.9999999|g|#currency:btc,exchange:simulated");
    assertThat(lines)
        .contains("quant.wallet.balance:21000000.12345678|g|#currency:eth,exchange:simulated");
    assertThat(lines).contains("walletwatch.agent.values.recorded:2|c");
  }

  @Test
  void defaultClientFormatRoundsToFive() throws Exception {
    // The trap the exact formatter avoids: the client's own format keeps six decimals.
    StatsDClient plain =
        new NonBlockingStatsDClientBuilder()
            .hostname("127.0.0.1")
            .port(statsd.port())
            .enableTelemetry(false)
            .enableAggregation(false)
            .build();
    try {
      plain.gauge("quant.wallet.balance", 4.9999999);
      assertThat(statsd.awaitLines(1)).containsExactly("quant.wallet.balance:5|g");
    } finally {
      plain.stop();
    }
  }

  @Test
  void boundaryValuesKeepTheirDigits() throws Exception {
    double[] values = {4.9999999, 1e-7, 123456789012345.6789, -0.5, 1e20, 0.1 + 0.2};
    String[] expected = {
      "4.9999999",
      "0.0000001",
      "123456789012345.67",
      "-0.5",
      "100000000000000000000",
      "0.30000000000000004"
    };
    for (double value : values) {
      client.gauge("g", value);
    }

    List<String> lines = statsd.awaitLines(values.length);
    for (int i = 0; i < expected.length; i++) {
      assertThat(lines).contains("g:" + expected[i] + "|g");
    }
  }

  @Test
  void unchangedValueWaitsForResend() throws Exception {
    GaugeProbe total = probe(1);
    ProbeRegistry registry = new ProbeRegistry();
    registry.add("total", 0, total);
    Flusher flusher = flusher(registry);
    long start = System.nanoTime();

    total.recordReference(new Amount(new BigDecimal("7.5")), null, null);
    flusher.flush(start);
    total.recordReference(new Amount(new BigDecimal("7.5")), null, null);
    flusher.flush(start + 1_000_000_000L);
    flusher.flush(start + 10_000_000_000L);
    total.recordReference(new Amount(new BigDecimal("8")), null, null);
    flusher.flush(start + 11_000_000_000L);

    // Three gauge lines and three counts of recorded values.
    List<String> gauges =
        statsd.awaitLines(6).stream()
            .filter(line -> line.startsWith("quant.wallet.total"))
            .toList();
    assertThat(gauges)
        .containsExactly(
            "quant.wallet.total:7.5|g", "quant.wallet.total:7.5|g", "quant.wallet.total:8|g");
  }

  @Test
  void nullNanAndTextAreDroppedAndCounted() {
    GaugeProbe total = probe(1);

    total.recordReference(null, null, null);
    total.recordReference(new Amount(null), null, null);
    total.recordDouble(Double.NaN, null, null);
    total.recordDouble(Double.POSITIVE_INFINITY, null, null);
    total.recordReference(new Amount("not a number"), null, null);

    assertThat(AgentCounters.DROPPED.sum()).isEqualTo(5);
    assertThat(AgentCounters.RECORDED.sum()).isZero();
    assertThat(total.series().get(0).value()).isNaN();
  }

  @Test
  void seriesBeyondMaxSeriesAreDropped() {
    GaugeProbe balance = probe(0);

    balance.recordReference(BigDecimal.ONE, "BTC", null);
    balance.recordReference(BigDecimal.TEN, "ETH", null);
    balance.recordReference(BigDecimal.TEN, "SOL", null);
    balance.recordReference(new BigDecimal("2"), "BTC", null);

    assertThat(balance.series()).hasSize(2);
    assertThat(AgentCounters.DROPPED.sum()).isEqualTo(1);
    assertThat(AgentCounters.RECORDED.sum()).isEqualTo(3);
  }

  @Test
  void recordedCountsChangesOnly() {
    GaugeProbe balance = probe(0);

    balance.recordReference(new BigDecimal("8"), "BTC", null);
    balance.recordReference(new BigDecimal("8"), "BTC", null);
    balance.recordReference(new BigDecimal("8.00"), "BTC", null);
    balance.recordReference(new BigDecimal("4.9"), "BTC", null);

    // The first value and the change to 4.9 count; the repeats of 8 (8.00 is the same double) do
    // not.
    assertThat(AgentCounters.RECORDED.sum()).isEqualTo(2);
    assertThat(balance.series().get(0).value()).isEqualTo(4.9);
  }

  @Test
  void pathFailureCountsProbeError() {
    GaugeProbe total = probe(1);

    total.recordReference("a String has no field amount", null, null);

    assertThat(AgentCounters.ERRORS.sum()).isEqualTo(1);
  }

  @Test
  void nullTagValueBecomesNone() {
    GaugeProbe balance = probe(0);

    balance.recordReference(BigDecimal.ONE, null, null);

    assertThat(balance.series().get(0).tags())
        .containsExactly("exchange:simulated", "currency:none");
  }

  /** A value object with a private field, read by the path {@code return.amount}. */
  static final class Amount {
    private final Object amount;

    Amount(Object amount) {
      this.amount = amount;
    }
  }
}
