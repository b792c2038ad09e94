package dev.walletwatch.monitor.local;

import dev.walletwatch.monitor.query.MetricQuery;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gauge series that the monitors' queries name, each a time-ordered list of points. Points
 * older than the retention are dropped. The time of each series' last point is kept, so a stopped
 * series still counts as silent.
 *
 * <p>Thread-safe: the listener adds while the evaluator observes.
 */
public final class SeriesStore {
  /**
   * The maximum number of series kept, so that a sender with unbounded tag values cannot exhaust
   * memory.
   */
  static final int MAX_SERIES = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(SeriesStore.class);

  /**
   * The maximum number of points kept per series, dropping the oldest first. At one point every 10
   * ms that is about 16 minutes of points, and a balance gauge is sent far less often.
   */
  static final int MAX_POINTS_PER_SERIES = 100_000;

  private record SeriesKey(String metric, List<String> tags) {}

  private record Point(Instant time, BigDecimal value) {}

  private static final class Series {
    final List<Point> points = new ArrayList<>();
    Instant lastSeen;
  }

  private final List<MetricQuery> queries;
  private final Duration retention;
  private final Map<SeriesKey, Series> series = new HashMap<>();
  private long droppedForLimit;

  /**
   * Creates a store that keeps the series {@code queries} match, for {@code retention} (at least
   * the longest query window).
   */
  public SeriesStore(List<MetricQuery> queries, Duration retention) {
    this.queries = List.copyOf(queries);
    this.retention = Objects.requireNonNull(retention);
  }

  /**
   * Adds {@code sample} when a query names its series; returns false when no query does or when the
   * store already holds {@link #MAX_SERIES} series.
   */
  public synchronized boolean add(GaugeSample sample) {
    if (queries.stream().noneMatch(query -> matches(query, sample.metric(), sample.tags()))) {
      return false;
    }
    SeriesKey key = new SeriesKey(sample.metric(), sample.tags());
    Series target = series.get(key);
    if (target == null) {
      if (series.size() >= MAX_SERIES) {
        droppedForLimit++;
        if (droppedForLimit == 1 || droppedForLimit % 1000 == 0) {
          LOG.warn(
              "dropped a gauge because the store already contains {} series: metric={} tags={}"
                  + " dropped_total={}",
              MAX_SERIES,
              sample.metric(),
              sample.tags(),
              droppedForLimit);
        }
        return false;
      }
      target = new Series();
      series.put(key, target);
    }
    insertInTimeOrder(target.points, new Point(sample.timestamp(), sample.value()));
    if (target.points.size() > MAX_POINTS_PER_SERIES) {
      target.points.remove(0);
    }
    if (target.lastSeen == null || sample.timestamp().isAfter(target.lastSeen)) {
      target.lastSeen = sample.timestamp();
    }
    return true;
  }

  /**
   * Evaluates {@code query} at {@code now}: the time aggregation over each matching series' points
   * in {@code (now - window, now]}, then the space aggregation across those series.
   *
   * @param startedAt when evaluation began, the start of the silence when no series ever reported
   */
  public synchronized Observation observe(MetricQuery query, Instant now, Instant startedAt) {
    Instant windowStart = now.minus(query.window());
    Instant pruneBefore = now.minus(retention);
    List<BigDecimal> perSeries = new ArrayList<>();
    Instant lastSeen = startedAt;
    for (Map.Entry<SeriesKey, Series> entry : series.entrySet()) {
      SeriesKey key = entry.getKey();
      if (!matches(query, key.metric(), key.tags())) {
        continue;
      }
      Series current = entry.getValue();
      current.points.removeIf(point -> point.time().isBefore(pruneBefore));
      if (current.lastSeen.isAfter(lastSeen)) {
        lastSeen = current.lastSeen;
      }
      List<BigDecimal> inWindow = new ArrayList<>();
      for (Point point : current.points) {
        if (point.time().isAfter(windowStart) && !point.time().isAfter(now)) {
          inWindow.add(point.value());
        }
      }
      if (!inWindow.isEmpty()) {
        perSeries.add(query.timeAggregation().apply(inWindow));
      }
    }
    BigDecimal value = perSeries.isEmpty() ? null : query.spaceAggregation().apply(perSeries);
    Duration silence = lastSeen.isAfter(now) ? Duration.ZERO : Duration.between(lastSeen, now);
    return new Observation(value, silence);
  }

  private static boolean matches(MetricQuery query, String metric, List<String> tags) {
    return query.metric().equals(metric) && tags.containsAll(query.tags());
  }

  private static void insertInTimeOrder(List<Point> points, Point point) {
    int index = points.size();
    while (index > 0 && points.get(index - 1).time().isAfter(point.time())) {
      index--;
    }
    points.add(index, point);
  }
}
