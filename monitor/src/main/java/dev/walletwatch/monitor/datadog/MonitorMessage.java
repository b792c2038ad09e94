package dev.walletwatch.monitor.datadog;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The monitor message as Datadog receives it: the configured text, the webhook mention and the
 * machine-readable value line that the receiver parses.
 */
public final class MonitorMessage {
  /** The line the receiver reads; Datadog fills in both template variables when it notifies. */
  public static final String VALUE_LINE = "walletwatch value={{value}} threshold={{threshold}}";

  private static final Pattern VALUE = Pattern.compile("\\{\\{\\{?\\s*value\\s*}?}}");
  private static final Pattern THRESHOLD = Pattern.compile("\\{\\{\\{?\\s*threshold\\s*}?}}");

  private MonitorMessage() {}

  /**
   * Appends {@code mention} and {@link #VALUE_LINE} to {@code message}. The mention stands outside
   * every conditional block, so the webhook fires on every transition, recoveries included.
   */
  public static String compose(String message, String mention) {
    String text = message.strip();
    String footer = mention + "\n" + VALUE_LINE;
    return text.isEmpty() ? footer : text + "\n\n" + footer;
  }

  /**
   * Renders {@code {{value}}} and {@code {{threshold}}} in {@code composed}; a null value (no data)
   * renders as an empty string. Values keep every digit: 4.9999999 stays 4.9999999.
   *
   * <p>NOTE: conditional blocks such as {@code {{#is_alert}}} are left as written, unlike in
   * Datadog, which keeps or drops their text by transition.
   */
  public static String render(String composed, BigDecimal value, String threshold) {
    String valueText = value == null ? "" : value.toPlainString();
    String rendered = VALUE.matcher(composed).replaceAll(Matcher.quoteReplacement(valueText));
    return THRESHOLD.matcher(rendered).replaceAll(Matcher.quoteReplacement(threshold));
  }
}
