package dev.walletwatch.monitor.datadog;

import java.util.regex.Pattern;

/** Hides credentials in text that is printed. */
public final class Redaction {
  private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

  private Redaction() {}

  /**
   * Replaces the user and password of a URL such as {@code https://user:pw@host/} with {@code
   * <secret>}.
   */
  public static String url(String url) {
    return USER_INFO.matcher(url).replaceFirst("$1<secret>@");
  }
}
