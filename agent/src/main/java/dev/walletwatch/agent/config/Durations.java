package dev.walletwatch.agent.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations written as {@code 500ms}, {@code 10s}, {@code 5m} or {@code 1h}. */
public final class Durations {

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

  private Durations() {}

  /**
   * Returns {@code text} in milliseconds.
   *
   * @throws IllegalArgumentException when it is not a positive duration with a unit
   */
  public static long parseMillis(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a positive duration; write a whole number and a unit:"
              + " 500ms, 10s, 5m or 1h");
    }
    long amount = Long.parseLong(m.group(1));
    String unit = m.group(2);
    if (unit.equals("ms")) {
      return amount;
    } else if (unit.equals("s")) {
      return amount * 1000L;
    } else if (unit.equals("m")) {
      return amount * 60_000L;
    }
    return amount * 3_600_000L;
  }
}
