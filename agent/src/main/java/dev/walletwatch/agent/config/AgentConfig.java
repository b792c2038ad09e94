package dev.walletwatch.agent.config;

import java.util.Collections;
import java.util.List;

/** A parsed and checked {@code instrumentation.yml}. */
public final class AgentConfig {

  private final String source;
  private final StatsdConfig statsd;
  private final List<GaugeConfig> gauges;
  private final long gracePeriodMillis;

  AgentConfig(
      String source, StatsdConfig statsd, List<GaugeConfig> gauges, long gracePeriodMillis) {
    this.source = source;
    this.statsd = statsd;
    this.gauges = Collections.unmodifiableList(gauges);
    this.gracePeriodMillis = gracePeriodMillis;
  }

  /** Returns the file this configuration was read from, for messages. */
  public String source() {
    return source;
  }

  public StatsdConfig statsd() {
    return statsd;
  }

  public List<GaugeConfig> gauges() {
    return gauges;
  }

  /** How long after start a gauge whose method was never woven is reported. */
  public long gracePeriodMillis() {
    return gracePeriodMillis;
  }
}
