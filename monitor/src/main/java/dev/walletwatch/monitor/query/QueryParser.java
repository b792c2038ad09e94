package dev.walletwatch.monitor.query;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the subset of Datadog's metric monitor grammar that both {@code apply} and the local
 * evaluator support: {@code AGG(last_N{s,m,h}):SPACE_AGG:metric{tag:value,...} OP threshold}.
 *
 * <p>Datadog accepts more (functions such as {@code change(}, {@code by {host}} grouping, {@code
 * ==}, {@code last_1w}). The parser rejects each of those with a message naming the part, because
 * the local evaluator could not run it and would stay silent.
 */
public final class QueryParser {
  private static final String EXAMPLE = "min(last_5m):min:quant.wallet.balance{currency:btc} < 5";

  private static final Map<String, Aggregation> TIME_AGGREGATIONS =
      Map.of(
          "min", Aggregation.MIN,
          "max", Aggregation.MAX,
          "avg", Aggregation.AVG,
          "sum", Aggregation.SUM,
          "last", Aggregation.LAST);
  private static final Map<String, Aggregation> SPACE_AGGREGATIONS =
      Map.of(
          "min", Aggregation.MIN,
          "max", Aggregation.MAX,
          "avg", Aggregation.AVG,
          "sum", Aggregation.SUM);
  private static final Map<String, Comparator> COMPARATORS =
      Map.of(
          "<", Comparator.LESS,
          "<=", Comparator.LESS_OR_EQUAL,
          ">", Comparator.GREATER,
          ">=", Comparator.GREATER_OR_EQUAL);

  private static final Pattern WINDOW = Pattern.compile("last_([1-9][0-9]{0,5})([smh])");
  private static final Pattern METRIC = Pattern.compile("[A-Za-z][A-Za-z0-9_.]{0,199}");
  private static final Pattern TAG = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-:./]{0,199}");
  private static final Pattern THRESHOLD = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private final String text;
  private int position;

  private QueryParser(String text) {
    this.text = text;
  }

  /**
   * Parses {@code query}.
   *
   * @throws QueryException naming the invalid or unsupported part
   */
  public static MetricQuery parse(String query) {
    if (query == null || query.isBlank()) {
      throw new QueryException("the query is empty; write one such as " + EXAMPLE);
    }
    return new QueryParser(query.strip()).parseQuery();
  }

  private MetricQuery parseQuery() {
    Aggregation timeAggregation = parseTimeAggregation();
    Duration window = parseWindow();
    expect(':', "after the window");
    Aggregation spaceAggregation = parseSpaceAggregation();
    String metric = parseMetric();
    List<String> tags = parseTags();
    rejectGroupingAndArithmetic();
    Comparator comparator = parseComparator();
    String thresholdText = parseThreshold();
    return new MetricQuery(
        text,
        timeAggregation,
        window,
        spaceAggregation,
        metric,
        tags,
        comparator,
        new BigDecimal(thresholdText),
        thresholdText);
  }

  private Aggregation parseTimeAggregation() {
    String name = readWord();
    skipSpaces();
    if (!peek('(')) {
      throw new QueryException(
          "expected a time aggregation such as min(last_5m) at the start, found \""
              + excerpt()
              + "\"; write the query as "
              + EXAMPLE);
    }
    Aggregation aggregation = TIME_AGGREGATIONS.get(name);
    if (aggregation == null) {
      throw new QueryException(
          "unsupported function \""
              + name
              + "(\": the time aggregation must be one of min, max, avg, sum, last");
    }
    position++;
    return aggregation;
  }

  private Duration parseWindow() {
    int close = text.indexOf(')', position);
    if (close < 0) {
      throw new QueryException("missing \")\" after the window \"" + excerpt() + "\"");
    }
    String window = text.substring(position, close).strip();
    Matcher matcher = WINDOW.matcher(window);
    if (!matcher.matches()) {
      throw new QueryException(
          "unsupported window \""
              + window
              + "\": use last_N with the unit s, m or h, such as last_5m or last_1h");
    }
    position = close + 1;
    skipSpaces();
    long amount = Long.parseLong(matcher.group(1));
    ChronoUnit unit =
        switch (matcher.group(2)) {
          case "s" -> ChronoUnit.SECONDS;
          case "m" -> ChronoUnit.MINUTES;
          default -> ChronoUnit.HOURS;
        };
    return Duration.of(amount, unit);
  }

  private Aggregation parseSpaceAggregation() {
    skipSpaces();
    String name = readWord();
    Aggregation aggregation = SPACE_AGGREGATIONS.get(name);
    if (aggregation == null) {
      throw new QueryException(
          "unsupported space aggregation \""
              + name
              + "\": use one of min, max, avg, sum between the two colons");
    }
    expect(':', "after the space aggregation");
    return aggregation;
  }

  private String parseMetric() {
    int start = position;
    while (position < text.length() && "{ ".indexOf(text.charAt(position)) < 0) {
      position++;
    }
    String metric = text.substring(start, position);
    if (!METRIC.matcher(metric).matches()) {
      throw new QueryException(
          "invalid metric name \""
              + metric
              + "\": a metric name starts with a letter and has only letters, digits, \"_\" and"
              + " \".\" (at most 200 characters)");
    }
    skipSpaces();
    if (!peek('{')) {
      throw new QueryException(
          "missing tag filter after the metric \""
              + metric
              + "\": write {tag:value} or {*} for every series");
    }
    return metric;
  }

  private List<String> parseTags() {
    int close = text.indexOf('}', position);
    if (close < 0) {
      throw new QueryException("missing \"}\" after the tag filter \"" + excerpt() + "\"");
    }
    String filter = text.substring(position + 1, close).strip();
    position = close + 1;
    if (filter.equals("*")) {
      return List.of();
    }
    List<String> tags = new ArrayList<>();
    for (String part : filter.split(",", -1)) {
      tags.add(parseTag(part.strip()));
    }
    return tags;
  }

  private static String parseTag(String tag) {
    if (tag.startsWith("!") || tag.startsWith("-")) {
      throw new QueryException(
          "unsupported negated tag \"" + tag + "\": the tag filter supports only tag:value");
    }
    if (tag.contains("*")) {
      throw new QueryException(
          "unsupported wildcard in tag \"" + tag + "\": name each tag value exactly");
    }
    if (tag.contains(" ") || tag.contains("(")) {
      throw new QueryException(
          "unsupported boolean tag filter \""
              + tag
              + "\": separate tags with commas, as in {currency:btc,env:prod}");
    }
    if (!TAG.matcher(tag).matches() || tag.endsWith(":")) {
      throw new QueryException(
          "invalid tag \""
              + tag
              + "\": a tag starts with a letter, has only letters, digits and \"_-:./\", and"
              + " does not end with \":\"");
    }
    return tag.toLowerCase(Locale.ROOT);
  }

  private void rejectGroupingAndArithmetic() {
    skipSpaces();
    if (text.startsWith("by", position)) {
      int close = text.indexOf('}', position);
      String grouping = close < 0 ? excerpt() : text.substring(position, close + 1);
      throw new QueryException(
          "unsupported grouping \""
              + grouping
              + "\": the query must describe one group, so filter by tags instead");
    }
    if (position < text.length() && "+-*/".indexOf(text.charAt(position)) >= 0) {
      throw new QueryException(
          "unsupported arithmetic \""
              + excerpt()
              + "\": compare the metric itself with the threshold");
    }
  }

  private Comparator parseComparator() {
    int start = position;
    while (position < text.length() && "<>=!".indexOf(text.charAt(position)) >= 0) {
      position++;
    }
    String symbol = text.substring(start, position);
    if (symbol.isEmpty()) {
      throw new QueryException(
          "missing comparator after the tag filter, found \""
              + excerpt()
              + "\": use one of <, <=, >, >=");
    }
    Comparator comparator = COMPARATORS.get(symbol);
    if (comparator == null) {
      throw new QueryException(
          "unsupported comparator \"" + symbol + "\": use one of <, <=, >, >=");
    }
    skipSpaces();
    return comparator;
  }

  private String parseThreshold() {
    String threshold = text.substring(position).strip();
    if (threshold.isEmpty()) {
      throw new QueryException("missing threshold after the comparator: write a number such as 5");
    }
    if (!THRESHOLD.matcher(threshold).matches()) {
      throw new QueryException(
          "threshold \""
              + threshold
              + "\" is not a number: write an integer or a decimal such as 5, -2 or 4.75");
    }
    return threshold;
  }

  private String readWord() {
    int start = position;
    while (position < text.length()
        && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
      position++;
    }
    return text.substring(start, position);
  }

  private void expect(char expected, String where) {
    skipSpaces();
    if (!peek(expected)) {
      throw new QueryException(
          "expected \"" + expected + "\" " + where + ", found \"" + excerpt() + "\"");
    }
    position++;
    skipSpaces();
  }

  private boolean peek(char expected) {
    return position < text.length() && text.charAt(position) == expected;
  }

  private void skipSpaces() {
    while (position < text.length() && Character.isWhitespace(text.charAt(position))) {
      position++;
    }
  }

  /** Returns up to 20 characters from the current position, or "end of query" at the end. */
  private String excerpt() {
    if (position >= text.length()) {
      return "end of query";
    }
    return text.substring(position, Math.min(text.length(), position + 20));
  }
}
