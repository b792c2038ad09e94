package dev.walletwatch.monitor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.monitor.query.MetricQuery;
import dev.walletwatch.monitor.query.QueryParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesStoreTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

  private static GaugeSample sample(String metric, List<String> tags, String value, long second) {
    return new GaugeSample(metric, tags, new BigDecimal(value), START.plusSeconds(second));
  }

  private static SeriesStore store(MetricQuery query) {
    return new SeriesStore(List.of(query), query.window());
  }

  @Test
  void aggregatesOverTimeThenAcrossSeries() {
    MetricQuery query = QueryParser.parse("avg(last_1m):sum:bal{currency:btc} < 5");
    SeriesStore store = store(query);
    store.add(sample("bal", List.of("currency:btc", "wallet:a"), "1", 10));
    store.add(sample("bal", List.of("currency:btc", "wallet:a"), "2", 20));
    store.add(sample("bal", List.of("currency:btc", "wallet:b"), "10", 30));

    Observation observation = store.observe(query, START.plusSeconds(40), START);

    // avg(1, 2) = 1.5 for wallet a, 10 for wallet b, summed across series.
    assertThat(observation.value()).isEqualByComparingTo("11.5");
    assertThat(observation.silence()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void ignoresSeriesOutsideFilterAndWindow() {
    MetricQuery query = QueryParser.parse("min(last_30s):min:bal{currency:btc} < 5");
    SeriesStore store = store(query);

    assertThat(store.add(sample("bal", List.of("currency:eth"), "1", 50))).isFalse();
    assertThat(store.add(sample("other", List.of("currency:btc"), "1", 50))).isFalse();
    assertThat(store.add(sample("bal", List.of("currency:btc"), "2", 0))).isTrue();
    assertThat(store.add(sample("bal", List.of("currency:btc"), "7", 40))).isTrue();

    Observation observation = store.observe(query, START.plusSeconds(60), START);

    // The point at second 0 lies outside (30 s, 60 s].
    assertThat(observation.value()).isEqualByComparingTo("7");
  }

  @Test
  void lastTakesLatestTimestampNotArrivalOrder() {
    MetricQuery query = QueryParser.parse("last(last_1m):max:bal{*} < 5");
    SeriesStore store = store(query);
    store.add(sample("bal", List.of(), "3", 20));
    store.add(sample("bal", List.of(), "9", 10));

    assertThat(store.observe(query, START.plusSeconds(30), START).value())
        .isEqualByComparingTo("3");
  }

  @Test
  void reportsSilenceWhenSeriesStops() {
    MetricQuery query = QueryParser.parse("min(last_10s):min:bal{*} < 5");
    SeriesStore store = store(query);
    store.add(sample("bal", List.of(), "8", 5));

    Observation observation = store.observe(query, START.plusSeconds(100), START);

    assertThat(observation.value()).isNull();
    assertThat(observation.silence()).isEqualTo(Duration.ofSeconds(95));
  }

  @Test
  void countsSilenceFromStartWithoutAnyPoint() {
    MetricQuery query = QueryParser.parse("min(last_10s):min:bal{*} < 5");

    Observation observation = store(query).observe(query, START.plusSeconds(30), START);

    assertThat(observation.value()).isNull();
    assertThat(observation.silence()).isEqualTo(Duration.ofSeconds(30));
  }
}
