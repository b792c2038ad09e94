package dev.walletwatch.monitor.local;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Reads gauges from DogStatsD datagrams: one metric per line, {@code
 * name:value[:value...]|g[|@rate][|#tag,...][|T<seconds>]...}. Other metric types, events ({@code
 * _e}) and service checks ({@code _sc}) are skipped without a report, because the monitors evaluate
 * gauges only.
 */
public final class DogStatsdParser {
  private DogStatsdParser() {}

  /**
   * Parses every line of {@code datagram}, passing each gauge value to {@code samples} and each
   * malformed gauge line, with the reason, to {@code invalid}.
   */
  public static void parse(
      String datagram,
      Instant receivedAt,
      Consumer<GaugeSample> samples,
      Consumer<String> invalid) {
    for (String line : datagram.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.isEmpty() && !trimmed.startsWith("_e{") && !trimmed.startsWith("_sc|")) {
        parseLine(trimmed, receivedAt, samples, invalid);
      }
    }
  }

  private static void parseLine(
      String line, Instant receivedAt, Consumer<GaugeSample> samples, Consumer<String> invalid) {
    String[] fields = line.split("\\|");
    if (fields.length < 2 || !fields[1].equals("g")) {
      return;
    }
    int colon = fields[0].indexOf(':');
    if (colon <= 0) {
      invalid.accept("\"" + line + "\": expected name:value before the first \"|\"");
      return;
    }
    String metric = fields[0].substring(0, colon);
    TreeSet<String> tags = new TreeSet<>();
    Instant timestamp = receivedAt;
    for (int i = 2; i < fields.length; i++) {
      String field = fields[i];
      if (field.startsWith("#")) {
        for (String tag : field.substring(1).split(",")) {
          if (!tag.isBlank()) {
            tags.add(tag.strip().toLowerCase(Locale.ROOT));
          }
        }
      } else if (field.startsWith("T")) {
        try {
          timestamp = Instant.ofEpochSecond(Long.parseLong(field.substring(1)));
        } catch (NumberFormatException e) {
          invalid.accept("\"" + line + "\": timestamp \"" + field + "\" is not epoch seconds");
          return;
        }
      }
      // Sample rates, container ids, external data and cardinality do not affect a gauge here.
    }
    // Protocol 1.1 allows several values per line, name:v1:v2; for a gauge the last one wins.
    for (String text : fields[0].substring(colon + 1).split(":")) {
      BigDecimal value = parseValue(text);
      if (value == null) {
        invalid.accept("\"" + line + "\": value \"" + text + "\" is not a finite number");
        return;
      }
      samples.accept(new GaugeSample(metric, List.copyOf(tags), value, timestamp));
    }
  }

  /**
   * Returns the value, or null for text that is not a finite decimal (the Agent drops NaN and Inf).
   */
  private static BigDecimal parseValue(String text) {
    try {
      return new BigDecimal(text.strip());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
