package dev.walletwatch.agent.config;

import java.util.regex.Pattern;

/**
 * The {@code class} of a gauge: an exact binary name such as {@code com.acme.trading.Wallet}, or a
 * pattern where {@code *} matches within one package segment and {@code ..} matches any number of
 * packages, as in {@code com.acme..*Wallet}.
 */
public final class ClassPattern {

  private static final Pattern VALID = Pattern.compile("[A-Za-z_$*][A-Za-z0-9_$*.]*");

  private final String text;
  private final Pattern regex;

  private ClassPattern(String text, Pattern regex) {
    this.text = text;
    this.regex = regex;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is not a class name or pattern
   */
  public static ClassPattern parse(String text) {
    String trimmed = text.trim();
    if (!VALID.matcher(trimmed).matches() || trimmed.contains("...") || trimmed.endsWith(".")) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a class name or pattern; write a binary name such as"
              + " com.acme.trading.Wallet (nested: Outer$Inner) or a pattern such as"
              + " com.acme..*Wallet");
    }
    if (!trimmed.contains("*") && !trimmed.contains("..")) {
      return new ClassPattern(trimmed, null);
    }
    return new ClassPattern(trimmed, Pattern.compile(toRegex(trimmed)));
  }

  private static String toRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '.' && i + 1 < pattern.length() && pattern.charAt(i + 1) == '.') {
        regex.append("\\.(?:.*\\.)?");
        i++;
      } else if (c == '.') {
        regex.append("\\.");
      } else if (c == '*') {
        regex.append("[^.]*");
      } else if (c == '$') {
        regex.append("\\$");
      } else {
        regex.append(c);
      }
    }
    return regex.toString();
  }

  /** Returns whether this is an exact name rather than a pattern. */
  public boolean isExact() {
    return regex == null;
  }

  /** Returns whether {@code className} (a binary name) matches. */
  public boolean matches(String className) {
    return regex == null ? text.equals(className) : regex.matcher(className).matches();
  }

  @Override
  public String toString() {
    return text;
  }
}
