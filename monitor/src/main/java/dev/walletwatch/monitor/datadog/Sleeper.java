package dev.walletwatch.monitor.datadog;

import java.time.Duration;

/** Waits between retries; tests pass one that records the waits instead. */
@FunctionalInterface
public interface Sleeper {
  /** A sleeper that blocks the calling thread. */
  Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());

  void sleep(Duration duration) throws InterruptedException;
}
