package dev.walletwatch.agent.config;

import java.util.Locale;

/**
 * DogStatsD tag rules: letters, digits, {@code _ - : . /} are kept and everything else becomes
 * {@code _}; tags are lower-cased (Datadog lower-cases them on intake anyway), at most 200
 * characters, and never end with {@code :}.
 */
public final class Tags {

  /** Datadog's maximum tag length. */
  public static final int MAX_LENGTH = 200;

  /** The value written for a tag expression that yields null or an empty string. */
  public static final String EMPTY_VALUE = "none";

  private Tags() {}

  /** Returns {@code value} cleaned for use after {@code key:}. */
  public static String cleanValue(String value) {
    if (value == null || value.isEmpty()) {
      return EMPTY_VALUE;
    }
    StringBuilder cleaned = new StringBuilder(value.length());
    String lower = value.toLowerCase(Locale.ROOT);
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      cleaned.append(isAllowed(c) ? c : '_');
    }
    return cleaned.toString();
  }

  /** Returns the tag {@code key:value} with both parts cleaned and cut to 200 characters. */
  public static String tag(String key, String value) {
    return cleanTag(key + ":" + cleanValue(value));
  }

  /** Returns a whole constant tag such as {@code team:quant} cleaned. */
  public static String cleanTag(String tag) {
    String cleaned = cleanValue(tag);
    while (cleaned.endsWith(":")) {
      cleaned = cleaned.substring(0, cleaned.length() - 1);
    }
    return cut(cleaned);
  }

  /** Returns whether {@code key} is usable as a tag key: it starts with a letter. */
  public static boolean isValidKey(String key) {
    if (key.isEmpty() || !Character.isLetter(key.charAt(0))) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == ':' || !isAllowed(Character.toLowerCase(c))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAllowed(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ':' || c == '.' || c == '/';
  }

  private static String cut(String tag) {
    return tag.length() <= MAX_LENGTH ? tag : tag.substring(0, MAX_LENGTH);
  }
}
