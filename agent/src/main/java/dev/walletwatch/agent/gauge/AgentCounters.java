package dev.walletwatch.agent.gauge;

import java.util.concurrent.atomic.LongAdder;

/**
 * The agent's own counters, sent as DogStatsD counts under {@code walletwatch.agent.}. A {@link
 * LongAdder} takes no lock and allocates only when contention first splits it into cells.
 */
public final class AgentCounters {

  /** Values that changed a series: the first value, and each one that differs from the last. */
  public static final LongAdder RECORDED = new LongAdder();

  /** Values not reported: null, NaN, infinite, not a number, or over {@code maxSeries}. */
  public static final LongAdder DROPPED = new LongAdder();

  /** Probes that failed while reading a value or a tag. */
  public static final LongAdder ERRORS = new LongAdder();

  public static final String RECORDED_METRIC = "walletwatch.agent.values.recorded";
  public static final String DROPPED_METRIC = "walletwatch.agent.values.dropped";
  public static final String ERRORS_METRIC = "walletwatch.agent.probe.errors";

  private AgentCounters() {}
}
