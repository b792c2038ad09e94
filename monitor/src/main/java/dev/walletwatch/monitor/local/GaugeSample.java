package dev.walletwatch.monitor.local;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One gauge value read from a DogStatsD datagram.
 *
 * @param metric the metric name
 * @param tags the tags, lower-cased as Datadog stores them, sorted and without duplicates
 * @param value the value with every digit it was sent with
 * @param timestamp the {@code |T} timestamp when the line carries one, otherwise the receive time
 */
public record GaugeSample(String metric, List<String> tags, BigDecimal value, Instant timestamp) {
  public GaugeSample {
    tags = List.copyOf(tags);
  }
}
