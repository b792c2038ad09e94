package dev.walletwatch.agent.config;

import java.util.Collections;
import java.util.List;

/** The {@code statsd} section: where and how often gauges are sent. */
public final class StatsdConfig {

  private final String host;
  private final int port;
  private final String prefix;
  private final List<String> tags;
  private final long flushIntervalMillis;
  private final long resendIntervalMillis;

  StatsdConfig(
      String host,
      int port,
      String prefix,
      List<String> tags,
      long flushIntervalMillis,
      long resendIntervalMillis) {
    this.host = host;
    this.port = port;
    this.prefix = prefix;
    this.tags = Collections.unmodifiableList(tags);
    this.flushIntervalMillis = flushIntervalMillis;
    this.resendIntervalMillis = resendIntervalMillis;
  }

  /** DogStatsD host after the {@code DD_AGENT_HOST} override. */
  public String host() {
    return host;
  }

  /** DogStatsD UDP port after the {@code DD_DOGSTATSD_PORT} override. */
  public int port() {
    return port;
  }

  /** Prepended with a dot to every gauge name; empty for none. */
  public String prefix() {
    return prefix;
  }

  /**
   * Constant tags: the configured ones, cleaned, plus {@code DD_TAGS}. The DogStatsD client adds
   * {@code DD_ENV}, {@code DD_SERVICE} and {@code DD_VERSION} itself.
   */
  public List<String> tags() {
    return tags;
  }

  public long flushIntervalMillis() {
    return flushIntervalMillis;
  }

  public long resendIntervalMillis() {
    return resendIntervalMillis;
  }

  /** Returns the metric name for a gauge name, with the prefix applied. */
  public String metricName(String gaugeName) {
    return prefix.isEmpty() ? gaugeName : prefix + "." + gaugeName;
  }
}
