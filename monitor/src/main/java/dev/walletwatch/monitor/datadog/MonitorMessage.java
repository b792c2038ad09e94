package dev.walletwatch.monitor.datadog;

import java.math.BigDecimal;
import java.util.Set;
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

  /** A conditional block without arguments whose body holds no other block of the same name. */
  private static final Pattern BLOCK =
      Pattern.compile(
          "\\{\\{([#^])(is_[a-z_]+)}}((?:(?!\\{\\{[#^]\\2}}).)*?)\\{\\{/\\2}}", Pattern.DOTALL);

  private MonitorMessage() {}

  /**
   * Appends {@code mention} and {@link #VALUE_LINE} to {@code message}. The mention is outside
   * every conditional block, so the webhook fires on every transition, recoveries included.
   */
  public static String compose(String message, String mention) {
    String text = message.strip();
    String footer = mention + "\n" + VALUE_LINE;
    return text.isEmpty() ? footer : text + "\n\n" + footer;
  }

  /**
   * Renders {@code composed} as Datadog would for one notification: keeps the text of each
   * conditional block such as {@code {{#is_alert}}...{{/is_alert}}} whose condition is in {@code
   * conditions} (or, for {@code {{^...}}}, is not), drops the others, then fills in {@code
   * {{value}}} and {@code {{threshold}}}. A null value (no data) renders as an empty string, and
   * values keep every digit: 4.9999999 stays 4.9999999.
   *
   * <p>NOTE: blocks with arguments, such as {@code {{#is_match "tag" "x"}}} or {@code
   * {{#is_priority 'P1'}}}, are left as written, because matching them needs data the local
   * evaluator does not have.
   */
  public static String render(
      String composed, Set<String> conditions, BigDecimal value, String threshold) {
    String rendered = renderBlocks(composed, conditions);
    String valueText = value == null ? "" : value.toPlainString();
    rendered = VALUE.matcher(rendered).replaceAll(Matcher.quoteReplacement(valueText));
    return THRESHOLD.matcher(rendered).replaceAll(Matcher.quoteReplacement(threshold));
  }

  private static String renderBlocks(String text, Set<String> conditions) {
    String current = text;
    // Each pass removes the innermost blocks; nesting deeper than this is left as written.
    for (int pass = 0; pass < 10; pass++) {
      Matcher matcher = BLOCK.matcher(current);
      StringBuilder result = new StringBuilder();
      boolean found = false;
      while (matcher.find()) {
        found = true;
        boolean inverted = matcher.group(1).equals("^");
        boolean active = conditions.contains(matcher.group(2)) != inverted;
        matcher.appendReplacement(result, Matcher.quoteReplacement(active ? matcher.group(3) : ""));
      }
      matcher.appendTail(result);
      current = result.toString();
      if (!found) {
        break;
      }
    }
    return current;
  }
}
