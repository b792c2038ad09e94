package dev.walletwatch.receiver.template;

import dev.walletwatch.receiver.Troubleshooting;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Aliyun's rules for a notification template variable: a string of at most 35 characters that
 * contains no URL, IP address or domain. The server rejects a longer value with {@code
 * isv.PARAM_LENGTH_LIMIT} and a link with {@code isv.PARAM_NOT_SUPPORT_URL}, and neither can be
 * retried, so static values are checked when the config is loaded and values taken from an event
 * are cleaned before sending.
 */
public final class VariableRules {
  /** The maximum length of a variable that Aliyun accepts, in characters. */
  public static final int MAX_LENGTH = 35;

  /** Marks a value that was cut to {@link #MAX_LENGTH}. */
  public static final String CUT_MARK = "…";

  private static final Pattern URL =
      Pattern.compile("(?i)\\b(?:[a-z][a-z0-9+.-]*://|www\\.)[^\\s]*");
  private static final Pattern IPV4 = Pattern.compile("\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b");
  // Four or more colon-separated hex groups, or any "::" form. A time of day (12:30:45) has three
  // groups and stays.
  private static final Pattern IPV6 =
      Pattern.compile(
          "(?i)(?<![0-9a-z:])(?:(?:[0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}"
              + "|(?:[0-9a-f]{1,4}:){0,6}[0-9a-f]{0,4}::(?:[0-9a-f]{1,4}(?::[0-9a-f]{1,4}){0,6})?)"
              + "(?![0-9a-z:])");
  // NOTE: Aliyun does not publish how it detects a domain. A name counts as one here when it ends
  // in a common top-level domain, so metric names such as quant.wallet.balance are kept.
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?i)\\b(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+"
              + "(?:com|net|org|cn|io|co|info|biz|dev|app|cloud|top|xyz|site|online|me|tv|cc|ai"
              + "|gov|edu|mil|int|us|uk|eu|de|jp|hk|tw|sg|ru|fr|in|au|ca|nl|kr|br|link|click|shop"
              + "|vip|ltd|tech|store|wang|club|xin|ink|pro|work|live|fun|icu|asia|mobi|name|xn--[a-z0-9-]+)"
              + "\\b(?::\\d+)?(?:/[^\\s]*)?");

  private VariableRules() {}

  /**
   * Returns what breaks Aliyun's rules in a static value (too long, a URL, an IP address, a
   * domain), or null when the value is acceptable.
   */
  public static String violation(String value) {
    if (value.isEmpty()) {
      return "is empty; Aliyun rejects empty template variables";
    }
    int length = value.codePointCount(0, value.length());
    if (length > MAX_LENGTH) {
      return "is "
          + length
          + " characters long; Aliyun accepts at most "
          + MAX_LENGTH
          + ", so shorten it; "
          + Troubleshooting.see(Troubleshooting.PARAM_LENGTH_LIMIT);
    }
    String found = firstMatch(URL, value);
    if (found != null) {
      return "contains the URL '" + found + "'; Aliyun rejects links in variables";
    }
    found = firstMatch(IPV4, value);
    if (found == null) {
      found = firstMatch(IPV6, value);
    }
    if (found != null) {
      return "contains the IP address '" + found + "'; Aliyun rejects IP addresses in variables";
    }
    found = firstMatch(DOMAIN, value);
    if (found != null) {
      return "contains the domain '" + found + "'; Aliyun rejects domains in variables";
    }
    return null;
  }

  /** Removes URLs, IP addresses and domains from a value taken from an event. */
  public static String removeLinks(String value) {
    String out = URL.matcher(value).replaceAll("");
    out = IPV4.matcher(out).replaceAll("");
    out = IPV6.matcher(out).replaceAll("");
    out = DOMAIN.matcher(out).replaceAll("");
    return out.replaceAll("\\s{2,}", " ").trim();
  }

  /**
   * Cuts {@code value} to {@link #MAX_LENGTH} characters, ending a cut value in {@link #CUT_MARK}
   * so that the SMS shows that something is missing.
   */
  public static String cut(String value) {
    int length = value.codePointCount(0, value.length());
    if (length <= MAX_LENGTH) {
      return value;
    }
    int end = value.offsetByCodePoints(0, MAX_LENGTH - CUT_MARK.length());
    return value.substring(0, end) + CUT_MARK;
  }

  private static String firstMatch(Pattern pattern, String value) {
    Matcher matcher = pattern.matcher(value);
    return matcher.find() ? matcher.group() : null;
  }
}
