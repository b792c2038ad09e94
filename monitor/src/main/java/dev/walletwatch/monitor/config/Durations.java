package dev.walletwatch.monitor.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses durations written as a whole number and a unit: {@code 200ms}, {@code 15s}, {@code 10m},
 * {@code 1h}.
 */
final class Durations {
  private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

  private Durations() {}

  /**
   * Parses {@code text}; {@code where} names the file and YAML path for the error message.
   *
   * @throws ConfigException when the text is not a positive duration
   */
  static Duration parse(String text, String where) {
    Matcher matcher = DURATION.matcher(text.strip());
    if (!matcher.matches()) {
      throw new ConfigException(
          where
              + ": \""
              + text
              + "\" is not a duration; write a whole number and a unit ms, s, m or h, such as 10m");
    }
    long amount = Long.parseLong(matcher.group(1));
    Duration duration =
        switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          default -> Duration.ofHours(amount);
        };
    if (duration.isZero()) {
      throw new ConfigException(where + ": the duration must be greater than zero");
    }
    return duration;
  }
}
