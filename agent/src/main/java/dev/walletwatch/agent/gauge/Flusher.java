package dev.walletwatch.agent.gauge;

import com.timgroup.statsd.StatsDClient;
import dev.walletwatch.agent.AgentLog;
import dev.walletwatch.agent.config.StatsdConfig;
import java.util.concurrent.TimeUnit;

/**
 * The daemon thread that sends the series to DogStatsD: every {@code flushInterval} it sends the
 * series whose value changed since the last send, and those unchanged for {@code resendInterval} so
 * that a quiet balance does not turn into "no data". It also sends the agent's counters and prints
 * the repeat counts of logged failures.
 */
public final class Flusher implements Runnable {

  private final StatsdConnection connection;
  private final ProbeRegistry registry;
  private final long flushNanos;
  private final long resendNanos;
  private final Runnable firstTick;
  private final Runnable graceCheck;
  private final long graceNanos;

  private long startNanos;
  private boolean graceChecked;

  /**
   * Creates the flusher.
   *
   * @param firstTick run once on the flusher thread before the first flush (startup checks that may
   *     block, such as DNS, belong here and not in premain)
   * @param graceCheck run once when {@code graceMillis} have passed since start
   */
  public Flusher(
      StatsdConnection connection,
      ProbeRegistry registry,
      StatsdConfig config,
      Runnable firstTick,
      Runnable graceCheck,
      long graceMillis) {
    this.connection = connection;
    this.registry = registry;
    this.flushNanos = TimeUnit.MILLISECONDS.toNanos(config.flushIntervalMillis());
    this.resendNanos = TimeUnit.MILLISECONDS.toNanos(config.resendIntervalMillis());
    this.firstTick = firstTick;
    this.graceCheck = graceCheck;
    this.graceNanos = TimeUnit.MILLISECONDS.toNanos(graceMillis);
  }

  /** Starts the flusher on a new daemon thread. */
  public Thread start() {
    Thread thread = new Thread(this, "walletwatch-flusher");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public void run() {
    startNanos = System.nanoTime();
    try {
      firstTick.run();
    } catch (Throwable e) {
      AgentLog.failure("startup check", "startup check failed: " + e);
    }
    while (!Thread.currentThread().isInterrupted()) {
      try {
        TimeUnit.NANOSECONDS.sleep(flushNanos);
      } catch (InterruptedException e) {
        return;
      }
      try {
        flush(System.nanoTime());
      } catch (Throwable e) {
        AgentLog.failure("flush", "flushing gauges failed: " + e);
      }
    }
  }

  /** Sends what is due at {@code nowNanos}; called by the flusher thread, and by tests. */
  public void flush(long nowNanos) {
    StatsDClient client = connection.client(nowNanos);
    if (client != null) {
      for (GaugeProbe probe : registry.probes()) {
        for (Series series : probe.series()) {
          send(client, probe.metric(), series, nowNanos);
        }
      }
      sendCount(client, AgentCounters.RECORDED_METRIC, AgentCounters.RECORDED.sumThenReset());
      sendCount(client, AgentCounters.DROPPED_METRIC, AgentCounters.DROPPED.sumThenReset());
      sendCount(client, AgentCounters.ERRORS_METRIC, AgentCounters.ERRORS.sumThenReset());
    }
    AgentLog.reportRepeats(nowNanos);
    if (!graceChecked && nowNanos - startNanos >= graceNanos) {
      graceChecked = true;
      graceCheck.run();
    }
  }

  private void send(StatsDClient client, String metric, Series series, long nowNanos) {
    if (!series.isPresent()) {
      return;
    }
    long bits = series.bits();
    boolean changed = !series.sent || bits != series.sentBits;
    if (changed || nowNanos - series.sentAtNanos >= resendNanos) {
      client.gauge(metric, Double.longBitsToDouble(bits), series.tags());
      series.sent = true;
      series.sentBits = bits;
      series.sentAtNanos = nowNanos;
    }
  }

  private void sendCount(StatsDClient client, String metric, long delta) {
    if (delta > 0) {
      client.count(metric, delta);
    }
  }
}
