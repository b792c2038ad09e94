package dev.walletwatch.agent;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's logger: plain lines on stderr prefixed with {@code [walletwatch]}. It never uses
 * java.util.logging or the application's logging framework, so the agent neither configures nor
 * depends on them.
 *
 * <p>A failure is keyed: the first occurrence is printed, repeats are counted and printed as one
 * summary line by {@link #reportRepeats(long)}, which the flusher calls on every flush. A key's
 * first summary comes at the first flush after it repeats, later ones at most every {@link
 * #REPEAT_SUMMARY_INTERVAL_NANOS}, so a probe that fails on every call cannot fill the host's
 * stderr.
 */
public final class AgentLog {

  private static final String PREFIX = "[walletwatch] ";

  /** Minimum time between two summaries of the same failure key: 5 minutes. */
  static final long REPEAT_SUMMARY_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(5);

  private static final Map<String, Repeats> REPEATS = new ConcurrentHashMap<String, Repeats>();

  private static volatile PrintStream out = System.err;

  private AgentLog() {}

  /** Prints an informational line. */
  public static void info(String message) {
    out.println(PREFIX + message);
  }

  /** Prints a warning line unconditionally. */
  public static void warn(String message) {
    out.println(PREFIX + "WARN " + message);
  }

  /**
   * Prints {@code message} the first time {@code key} fails and counts later repeats. Callers on an
   * application thread check {@link #countRepeat} first, so that a repeat builds no message.
   */
  public static void failure(String key, String message) {
    if (countRepeat(key)) {
      return;
    }
    if (REPEATS.putIfAbsent(key, new Repeats()) == null) {
      out.println(PREFIX + "ERROR " + message);
    } else {
      REPEATS.get(key).count.incrementAndGet();
    }
  }

  /**
   * Counts a repeat of {@code key} and returns true when it has failed before; allocates nothing.
   */
  public static boolean countRepeat(String key) {
    Repeats repeats = REPEATS.get(key);
    if (repeats == null) {
      return false;
    }
    repeats.count.incrementAndGet();
    return true;
  }

  /**
   * Prints one line for each failure key that repeated since its last summary, unless that summary
   * was printed less than {@link #REPEAT_SUMMARY_INTERVAL_NANOS} before {@code nowNanos} (from
   * {@link System#nanoTime()}); such counts keep adding up for the next summary. Called by the
   * flusher thread only.
   */
  public static void reportRepeats(long nowNanos) {
    for (Map.Entry<String, Repeats> entry : REPEATS.entrySet()) {
      Repeats repeats = entry.getValue();
      if (repeats.reported && nowNanos - repeats.lastSummaryNanos < REPEAT_SUMMARY_INTERVAL_NANOS) {
        continue;
      }
      long count = repeats.count.getAndSet(0);
      if (count > 0) {
        out.println(
            PREFIX
                + "ERROR "
                + entry.getKey()
                + " failed again "
                + count
                + " times (repeats are summarised at most every 5 minutes)");
        repeats.reported = true;
        repeats.lastSummaryNanos = nowNanos;
      }
    }
  }

  /** Repeats of one failure key since its last summary. */
  private static final class Repeats {
    final AtomicLong count = new AtomicLong();

    /** Written and read by the flusher thread only. */
    boolean reported;

    long lastSummaryNanos;
  }

  /** Redirects output; for tests. */
  static void redirect(PrintStream stream) {
    out = stream;
  }
}
