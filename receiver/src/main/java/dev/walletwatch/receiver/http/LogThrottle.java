package dev.walletwatch.receiver.http;

import java.util.HashMap;
import java.util.Map;

/**
 * Limits a repeated log line to one per key and interval, so that a caller retrying with a wrong
 * token cannot flood the log. The next line logged carries the count of lines skipped.
 */
final class LogThrottle {
  private final long intervalMillis;
  private final Map<String, long[]> windows = new HashMap<>();

  LogThrottle(long intervalMillis) {
    this.intervalMillis = intervalMillis;
  }

  /**
   * Returns -1 when the line for {@code key} should be skipped, otherwise the number of lines
   * skipped since the last one logged.
   */
  synchronized long admit(String key, long nowMillis) {
    // window[0] is when the last line was logged, window[1] how many were skipped since.
    long[] window = windows.get(key);
    if (window == null || nowMillis - window[0] >= intervalMillis) {
      long skipped = window == null ? 0 : window[1];
      windows.put(key, new long[] {nowMillis, 0});
      return skipped;
    }
    window[1]++;
    return -1;
  }
}
