package dev.walletwatch.it.harness;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polling waits whose failure message shows the state at the moment of failure (process output,
 * received packets), not at the moment the wait began.
 */
public final class Wait {

  private static final long POLL_MILLIS = 100;

  private Wait() {}

  /** Waits until {@code condition} is true; a timeout fails with {@code what} and {@code state}. */
  public static void until(
      String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
    until(what, timeout, condition, () -> false, state);
  }

  /**
   * Waits until {@code condition} is true, failing at once when {@code hopeless} becomes true
   * first, for example because the process that should print a line has exited.
   */
  public static void until(
      String what,
      Duration timeout,
      BooleanSupplier condition,
      BooleanSupplier hopeless,
      Supplier<String> state) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (hopeless.getAsBoolean()) {
        // One last look: the condition may have come true just before the process exited.
        if (condition.getAsBoolean()) {
          return;
        }
        throw new AssertionError("gave up waiting for " + what + "\n" + state.get());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + timeout + " waiting for " + what + "\n" + state.get());
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for " + what, e);
      }
    }
  }
}
