package dev.walletwatch.receiver.metrics;

import com.timgroup.statsd.NonBlockingStatsDClientBuilder;
import com.timgroup.statsd.StatsDClient;
import dev.walletwatch.receiver.config.ReceiverConfig;

/**
 * Sends the receiver's metrics over UDP to DogStatsD. UDP drops packets silently when nothing
 * listens, so a missing agent never slows or stops the receiver.
 */
public final class StatsdMetrics implements Metrics {
  private final StatsDClient client;

  public StatsdMetrics(ReceiverConfig.Statsd settings) {
    String prefix =
        settings.prefix().endsWith(".")
            ? settings.prefix().substring(0, settings.prefix().length() - 1)
            : settings.prefix();
    this.client =
        new NonBlockingStatsDClientBuilder()
            .prefix(prefix)
            .hostname(settings.host())
            .port(settings.port())
            // The client's own telemetry metrics are not part of the receiver's metric set.
            .enableTelemetry(false)
            .build();
  }

  @Override
  public void increment(String name, String... tags) {
    client.incrementCounter(name, tags);
  }

  @Override
  public void gauge(String name, long value) {
    client.recordGaugeValue(name, value);
  }

  @Override
  public void close() {
    client.stop();
  }
}
