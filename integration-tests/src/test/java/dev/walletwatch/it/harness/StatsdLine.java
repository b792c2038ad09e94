package dev.walletwatch.it.harness;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One DogStatsD metric line, {@code name:value|type|@rate|#tag:value,tag2}, as the Datadog agent
 * parses it. Tags without a value map to the empty string.
 *
 * @param name metric name
 * @param value the value exactly as sent, so tests can check its digits
 * @param type {@code g}, {@code c}, {@code h}, {@code d}, {@code ms} or {@code s}
 * @param tags tags in the order sent
 * @param raw the whole line
 */
public record StatsdLine(
    String name, String value, String type, Map<String, String> tags, String raw) {

  /** Returns the parsed line, or null when it is not a metric line (events, service checks). */
  public static StatsdLine parse(String line) {
    if (line.startsWith("_e{") || line.startsWith("_sc|")) {
      return null;
    }
    int colon = line.indexOf(':');
    int bar = line.indexOf('|');
    if (colon <= 0 || bar < colon) {
      return null;
    }
    String[] sections = line.substring(bar + 1).split("\\|");
    Map<String, String> tags = new LinkedHashMap<>();
    for (int i = 1; i < sections.length; i++) {
      if (sections[i].startsWith("#")) {
        for (String tag : sections[i].substring(1).split(",")) {
          int separator = tag.indexOf(':');
          if (separator < 0) {
            tags.put(tag, "");
          } else {
            tags.put(tag.substring(0, separator), tag.substring(separator + 1));
          }
        }
      }
    }
    return new StatsdLine(
        line.substring(0, colon), line.substring(colon + 1, bar), sections[0], tags, line);
  }

  /** Returns the value as a number, exactly as written on the wire. */
  public BigDecimal number() {
    return new BigDecimal(value);
  }

  /** Returns whether the line carries {@code tag:value}. */
  public boolean hasTag(String tag, String tagValue) {
    return tagValue.equals(tags.get(tag));
  }
}
