package dev.walletwatch.agent;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The agent's logger: plain lines on stderr prefixed with {@code [walletwatch]}. It never uses
 * java.util.logging or the application's logging framework, so the agent neither configures nor
 * depends on them.
 *
 * <p>A failure is keyed: the first occurrence is printed, repeats are counted and printed as one
 * line by {@link #reportRepeats()}, which the flusher calls on every flush.
 */
public final class AgentLog {

  private static final String PREFIX = "[walletwatch] ";
  private static final Map<String, AtomicLong> REPEATS =
      new ConcurrentHashMap<String, AtomicLong>();

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
    if (REPEATS.putIfAbsent(key, new AtomicLong()) == null) {
      out.println(PREFIX + "ERROR " + message);
    } else {
      REPEATS.get(key).incrementAndGet();
    }
  }

  /**
   * Counts a repeat of {@code key} and returns true when it has failed before; allocates nothing.
   */
  public static boolean countRepeat(String key) {
    AtomicLong repeats = REPEATS.get(key);
    if (repeats == null) {
      return false;
    }
    repeats.incrementAndGet();
    return true;
  }

  /** Prints one line per failure key that repeated since the last call. */
  public static void reportRepeats() {
    for (Map.Entry<String, AtomicLong> entry : REPEATS.entrySet()) {
      long count = entry.getValue().getAndSet(0);
      if (count > 0) {
        out.println(PREFIX + "ERROR " + entry.getKey() + " failed again " + count + " times");
      }
    }
  }

  /** Redirects output; for tests. */
  static void redirect(PrintStream stream) {
    out = stream;
  }
}
