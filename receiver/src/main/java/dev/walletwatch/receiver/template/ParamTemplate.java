package dev.walletwatch.receiver.template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One template parameter value from the config, such as {@code "btc"} or {@code "{value} BTC"}:
 * literal text mixed with {@link Placeholder}s.
 */
public final class ParamTemplate {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

  private final String raw;
  private final List<Object> parts;

  private ParamTemplate(String raw, List<Object> parts) {
    this.raw = raw;
    this.parts = parts;
  }

  /**
   * Parses {@code raw}, adding a problem (prefixed with {@code path}) for each unknown placeholder
   * and for static text that breaks Aliyun's variable rules. Returns null when a problem was found.
   */
  public static ParamTemplate parse(String raw, String path, List<String> problems) {
    List<Object> parts = new ArrayList<>();
    Matcher matcher = PLACEHOLDER.matcher(raw);
    int last = 0;
    StringBuilder literal = new StringBuilder();
    int before = problems.size();
    while (matcher.find()) {
      literal.append(raw, last, matcher.start());
      Placeholder placeholder = Placeholder.byKey(matcher.group(1));
      if (placeholder == null) {
        problems.add(
            path
                + ": unknown placeholder '"
                + matcher.group()
                + "'; use one of "
                + Placeholder.known());
      } else {
        if (literal.length() > 0) {
          parts.add(literal.toString());
          literal.setLength(0);
        }
        parts.add(placeholder);
      }
      last = matcher.end();
    }
    literal.append(raw, last, raw.length());
    if (literal.length() > 0) {
      parts.add(literal.toString());
    }
    checkStatic(raw, parts, path, problems);
    return problems.size() == before ? new ParamTemplate(raw, List.copyOf(parts)) : null;
  }

  private static void checkStatic(
      String raw, List<Object> parts, String path, List<String> problems) {
    StringBuilder text = new StringBuilder();
    boolean dynamic = false;
    for (Object part : parts) {
      if (part instanceof String literal) {
        text.append(literal);
      } else {
        dynamic = true;
      }
    }
    if (!dynamic) {
      String violation = VariableRules.violation(raw);
      if (violation != null) {
        problems.add(path + ": static value '" + raw + "' " + violation);
      }
      return;
    }
    if (text.length() > 0) {
      String violation = VariableRules.violation(text.toString());
      if (violation != null) {
        problems.add(path + ": the fixed text of '" + raw + "' " + violation);
      }
    }
  }

  /**
   * Renders the value for one event: each placeholder's value loses URLs, IP addresses and domains,
   * and the result is cut to Aliyun's length limit with a visible mark.
   */
  public String render(Map<Placeholder, String> values) {
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Placeholder placeholder) {
        out.append(VariableRules.removeLinks(values.getOrDefault(placeholder, "")));
      } else {
        out.append((String) part);
      }
    }
    String rendered = VariableRules.cut(out.toString().strip());
    // Aliyun rejects an empty variable, and an event may carry no value for a placeholder.
    return rendered.isEmpty() ? "-" : rendered;
  }

  /** Returns the value as written in the config. */
  public String raw() {
    return raw;
  }

  @Override
  public String toString() {
    return raw;
  }
}
