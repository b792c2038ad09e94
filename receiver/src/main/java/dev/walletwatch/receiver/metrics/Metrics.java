package dev.walletwatch.receiver.metrics;

/**
 * The receiver's own counters and gauges. Names are relative to the configured prefix ({@code
 * walletwatch.receiver.} by default), so {@code webhooks.accepted} is sent as {@code
 * walletwatch.receiver.webhooks.accepted}.
 */
public interface Metrics extends AutoCloseable {
  /** Adds one to a counter; {@code tags} are {@code key:value} strings. */
  void increment(String name, String... tags);

  /** Sets a gauge. */
  void gauge(String name, long value);

  @Override
  default void close() {}

  /** Returns metrics that go nowhere, for when {@code statsd:} is not configured. */
  static Metrics none() {
    return new Metrics() {
      @Override
      public void increment(String name, String... tags) {}

      @Override
      public void gauge(String name, long value) {}
    };
  }
}
