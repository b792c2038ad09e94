package dev.walletwatch.receiver.datadog;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the machine-readable line {@code walletwatch value={{value}} threshold={{threshold}}} that
 * the monitor message carries, because no Datadog webhook variable contains the measured value.
 * Markdown emphasis, quotes, backslash escapes and thousands separators around the numbers are
 * tolerated.
 */
public final class MessageLine {
  private static final Pattern LINE =
      Pattern.compile(
          "walletwatch\\s+value\\s*=[ \\t]*((?!threshold\\s*=)\\S*)"
              + "(?:\\s+threshold\\s*=[ \\t]*(\\S*))?",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern QUERY_THRESHOLD =
      Pattern.compile("(?:<=|>=|==|!=|<|>)\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*$");

  private MessageLine() {}

  /** The two numbers of the line; either is null when absent or not a number. */
  public record Values(BigDecimal value, BigDecimal threshold) {}

  /**
   * Returns the numbers from the first {@code walletwatch value=} line in {@code text}, or null.
   */
  public static Values find(String text) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    // Markdown in $EVENT_MSG escapes underscores and wraps numbers in ** or `.
    Matcher matcher = LINE.matcher(text.replace("\\", ""));
    if (!matcher.find()) {
      return null;
    }
    return new Values(number(matcher.group(1)), number(matcher.group(2)));
  }

  /** Returns the threshold written at the end of a monitor query ({@code ... < 5}), or null. */
  public static BigDecimal thresholdOfQuery(String query) {
    if (query == null) {
      return null;
    }
    Matcher matcher = QUERY_THRESHOLD.matcher(query.trim());
    return matcher.find() ? number(matcher.group(1)) : null;
  }

  static BigDecimal number(String token) {
    if (token == null) {
      return null;
    }
    String cleaned = token.replaceAll("[*_`'\"“”‘’]", "").replace(",", "");
    cleaned = cleaned.replaceAll("[.;:!?)]+$", "");
    if (cleaned.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(cleaned);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
