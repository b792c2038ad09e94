package dev.walletwatch.receiver.datadog;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the machine-readable line {@code walletwatch value={{value}} threshold={{threshold}}} that
 * the monitor message carries, because no Datadog webhook variable contains the measured value.
 * Markdown emphasis, quotes, backslash escapes and thousands separators around the numbers are
 * tolerated. A comma anywhere else makes the number unknown rather than guessed: {@code 4,5} may be
 * a decimal comma, and reading it as 45 would drop an alert.
 */
public final class MessageLine {
  private static final Logger LOG = LoggerFactory.getLogger(MessageLine.class);

  /** A number whose commas separate groups of three digits before the decimal point. */
  private static final Pattern GROUPED = Pattern.compile("[-+]?\\d{1,3}(?:,\\d{3})+(?:\\.\\d*)?");

  /** Maximum characters of raw text quoted in a log line. */
  private static final int MAX_LOGGED_CHARS = 40;

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
    return new Values(number("value", matcher.group(1)), number("threshold", matcher.group(2)));
  }

  /** Parses one number of the line, logging a comma that is not a thousands separator. */
  private static BigDecimal number(String name, String token) {
    String cleaned = clean(token);
    if (cleaned != null && cleaned.contains(",") && !GROUPED.matcher(cleaned).matches()) {
      String raw =
          token.length() > MAX_LOGGED_CHARS ? token.substring(0, MAX_LOGGED_CHARS) + "…" : token;
      LOG.warn(
          "webhook.number_unreadable field={} raw=\"{}\" action=treated_as_unknown"
              + " fix=\"write the number with a decimal point; commas only between groups of"
              + " three digits\"",
          name,
          raw);
    }
    return number(token);
  }

  /** Returns the threshold written at the end of a monitor query ({@code ... < 5}), or null. */
  public static BigDecimal thresholdOfQuery(String query) {
    if (query == null) {
      return null;
    }
    Matcher matcher = QUERY_THRESHOLD.matcher(query.trim());
    return matcher.find() ? number(matcher.group(1)) : null;
  }

  /**
   * Parses a number, or returns null when {@code token} is empty, not a number, or has a comma that
   * is not a thousands separator ({@code 4,5} or {@code 1,2,3}).
   */
  static BigDecimal number(String token) {
    String cleaned = clean(token);
    if (cleaned == null || cleaned.isEmpty()) {
      return null;
    }
    if (cleaned.contains(",")) {
      if (!GROUPED.matcher(cleaned).matches()) {
        return null;
      }
      cleaned = cleaned.replace(",", "");
    }
    try {
      return new BigDecimal(cleaned);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Removes markdown emphasis, quotes and trailing punctuation around a number. */
  private static String clean(String token) {
    if (token == null) {
      return null;
    }
    String cleaned = token.replaceAll("[*_`'\"“”‘’]", "");
    return cleaned.replaceAll("[.;:!?)]+$", "");
  }
}
