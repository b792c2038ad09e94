package dev.walletwatch.monitor.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QueryParserTest {

  static Stream<Arguments> validQueries() {
    return Stream.of(
        // The query from the example configuration.
        Arguments.of(
            "min(last_5m):min:quant.wallet.balance{currency:btc} < 5",
            Aggregation.MIN,
            Duration.ofMinutes(5),
            Aggregation.MIN,
            "quant.wallet.balance",
            List.of("currency:btc"),
            Comparator.LESS,
            "5"),
        // Every series, seconds, no spaces around the comparator.
        Arguments.of(
            "max(last_30s):sum:a.b{*}>=10",
            Aggregation.MAX,
            Duration.ofSeconds(30),
            Aggregation.SUM,
            "a.b",
            List.of(),
            Comparator.GREATER_OR_EQUAL,
            "10"),
        // Several tags, hours, a negative decimal threshold; tags are lower-cased.
        Arguments.of(
            "avg(last_1h):avg:x_y.z{Currency:BTC, env:prod} <= -2.25",
            Aggregation.AVG,
            Duration.ofHours(1),
            Aggregation.AVG,
            "x_y.z",
            List.of("currency:btc", "env:prod"),
            Comparator.LESS_OR_EQUAL,
            "-2.25"),
        // "last" as time aggregation, a bare tag and a threshold with many digits.
        Arguments.of(
            "  last(last_10m):max:m{canary} > 4.9999999 ",
            Aggregation.LAST,
            Duration.ofMinutes(10),
            Aggregation.MAX,
            "m",
            List.of("canary"),
            Comparator.GREATER,
            "4.9999999"),
        // Sum in time, spaces between the parts.
        Arguments.of(
            "sum(last_2m) : min : m{a:b} < 0",
            Aggregation.SUM,
            Duration.ofMinutes(2),
            Aggregation.MIN,
            "m",
            List.of("a:b"),
            Comparator.LESS,
            "0"));
  }

  @ParameterizedTest
  @MethodSource("validQueries")
  void parsesValidQuery(
      String text,
      Aggregation timeAggregation,
      Duration window,
      Aggregation spaceAggregation,
      String metric,
      List<String> tags,
      Comparator comparator,
      String threshold) {
    MetricQuery query = QueryParser.parse(text);

    assertThat(query.text()).isEqualTo(text.strip());
    assertThat(query.timeAggregation()).isEqualTo(timeAggregation);
    assertThat(query.window()).isEqualTo(window);
    assertThat(query.spaceAggregation()).isEqualTo(spaceAggregation);
    assertThat(query.metric()).isEqualTo(metric);
    assertThat(query.tags()).isEqualTo(tags);
    assertThat(query.comparator()).isEqualTo(comparator);
    assertThat(query.thresholdText()).isEqualTo(threshold);
    assertThat(query.threshold()).isEqualByComparingTo(new BigDecimal(threshold));
  }

  static Stream<Arguments> invalidQueries() {
    return Stream.of(
        Arguments.of("", "the query is empty"),
        // Datadog functions that wrap the query.
        Arguments.of(
            "week_before(avg(last_5m):avg:m{a:b}) < 5", "unsupported function \"week_before(\""),
        Arguments.of(
            "change(avg(last_5m),last_5m):avg:m{a:b} > 1", "unsupported function \"change(\""),
        Arguments.of("median(last_5m):avg:m{a:b} < 5", "unsupported function \"median(\""),
        Arguments.of("m{a:b} < 5", "expected a time aggregation"),
        // Windows.
        Arguments.of("min(last_1w):min:m{a:b} < 5", "unsupported window \"last_1w\""),
        Arguments.of("min(last_1d):min:m{a:b} < 5", "unsupported window \"last_1d\""),
        Arguments.of("min(5m):min:m{a:b} < 5", "unsupported window \"5m\""),
        Arguments.of("min(last_0m):min:m{a:b} < 5", "unsupported window \"last_0m\""),
        Arguments.of("min(last_5m:min:m{a:b} < 5", "missing \")\""),
        Arguments.of("min(last_5m)min:m{a:b} < 5", "expected \":\" after the window"),
        // Space aggregation.
        Arguments.of("min(last_5m):last:m{a:b} < 5", "unsupported space aggregation \"last\""),
        Arguments.of("min(last_5m):p99:m{a:b} < 5", "unsupported space aggregation \"p99\""),
        // Metric and tags.
        Arguments.of("min(last_5m):min:9m{a:b} < 5", "invalid metric name \"9m\""),
        Arguments.of("min(last_5m):min:m < 5", "missing tag filter after the metric \"m\""),
        Arguments.of("min(last_5m):min:m{a:b < 5", "missing \"}\""),
        Arguments.of("min(last_5m):min:m{!a:b} < 5", "unsupported negated tag \"!a:b\""),
        Arguments.of("min(last_5m):min:m{a:b*} < 5", "unsupported wildcard in tag \"a:b*\""),
        Arguments.of(
            "min(last_5m):min:m{a:b AND c:d} < 5",
            "unsupported boolean tag filter \"a:b AND c:d\""),
        Arguments.of("min(last_5m):min:m{a:} < 5", "invalid tag \"a:\""),
        Arguments.of("min(last_5m):min:m{} < 5", "invalid tag \"\""),
        // Grouping and arithmetic.
        Arguments.of("min(last_5m):min:m{a:b} by {host} < 5", "unsupported grouping \"by {host}\""),
        Arguments.of("min(last_5m):min:m{a:b} * 100 < 5", "unsupported arithmetic \"* 100 < 5\""),
        // Comparators.
        Arguments.of("min(last_5m):min:m{a:b} == 5", "unsupported comparator \"==\""),
        Arguments.of("min(last_5m):min:m{a:b} != 5", "unsupported comparator \"!=\""),
        Arguments.of("min(last_5m):min:m{a:b} => 5", "unsupported comparator \"=>\""),
        Arguments.of("min(last_5m):min:m{a:b} 5", "missing comparator"),
        // Thresholds.
        Arguments.of("min(last_5m):min:m{a:b} <", "missing threshold"),
        Arguments.of("min(last_5m):min:m{a:b} < five", "threshold \"five\" is not a number"),
        Arguments.of("min(last_5m):min:m{a:b} < 1e3", "threshold \"1e3\" is not a number"),
        Arguments.of("min(last_5m):min:m{a:b} < 5.", "threshold \"5.\" is not a number"),
        Arguments.of("min(last_5m):min:m{a:b} < 5 || 6", "threshold \"5 || 6\" is not a number"));
  }

  @ParameterizedTest
  @MethodSource("invalidQueries")
  void rejectsInvalidQuery(String text, String expectedMessage) {
    assertThatThrownBy(() -> QueryParser.parse(text))
        .isInstanceOf(QueryException.class)
        .hasMessageContaining(expectedMessage);
  }
}
