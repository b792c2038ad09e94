package dev.walletwatch.monitor.query;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A parsed metric monitor query of the form {@code AGG(last_N):SPACE_AGG:metric{tag:value,...} OP
 * threshold}.
 *
 * @param text the query as written, which is what Datadog stores and reports as the alert query
 * @param timeAggregation how the points of one series in the window combine
 * @param window how far back from the evaluation time points count
 * @param spaceAggregation how the per-series results combine
 * @param metric the metric name
 * @param tags the tag filter, each {@code key:value} or a bare tag, lower-cased as Datadog stores
 *     tags; empty for {@code {*}}
 * @param comparator the comparison that means alert
 * @param threshold the critical threshold
 * @param thresholdText the threshold as written, so that {@code 5} stays {@code 5}
 */
public record MetricQuery(
    String text,
    Aggregation timeAggregation,
    Duration window,
    Aggregation spaceAggregation,
    String metric,
    List<String> tags,
    Comparator comparator,
    BigDecimal threshold,
    String thresholdText) {

  public MetricQuery {
    tags = List.copyOf(tags);
  }

  /** Returns the tag filter joined by {@code ", "}, the form Datadog uses for the alert scope. */
  public String scope() {
    return String.join(", ", tags);
  }
}
