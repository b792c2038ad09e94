package dev.walletwatch.receiver.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A value of the loaded YAML tree with its path ({@code rules[0].phones[1]}). Typed getters
 * substitute environment variables in scalars. For a value of the wrong type they add a problem
 * naming the path and return null, so that loading goes on and every problem is listed.
 */
final class YamlNode {
  private final Object value;
  private final String path;
  private final EnvSubstitution env;
  private final List<String> problems;

  YamlNode(Object value, String path, EnvSubstitution env, List<String> problems) {
    this.value = value;
    this.path = path;
    this.env = env;
    this.problems = problems;
  }

  String path() {
    return path;
  }

  boolean isMissing() {
    return value == null;
  }

  void problem(String message) {
    problems.add(path + ": " + message);
  }

  /** Returns the child {@code key} of a mapping; a missing child is a node whose value is null. */
  YamlNode get(String key) {
    Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
    return new YamlNode(child, path.isEmpty() ? key : path + "." + key, env, problems);
  }

  /** Adds a problem for each key of this mapping that is not in {@code known}. */
  void checkKeys(Set<String> known) {
    if (!(value instanceof Map<?, ?> map)) {
      return;
    }
    for (Object key : map.keySet()) {
      if (!known.contains(String.valueOf(key))) {
        problems.add(
            (path.isEmpty() ? "" : path + ".")
                + key
                + ": unknown key; known keys here are "
                + new TreeSet<>(known));
      }
    }
  }

  /** Returns true when the value is a mapping; otherwise adds a problem unless it is missing. */
  boolean isMap() {
    if (value instanceof Map<?, ?>) {
      return true;
    }
    if (value != null) {
      problem("expected a mapping of keys to values, got '" + value + "'");
    }
    return false;
  }

  List<YamlNode> list() {
    List<YamlNode> out = new ArrayList<>();
    if (value == null) {
      return out;
    }
    if (!(value instanceof List<?> items)) {
      problem("expected a list such as [a, b], got '" + value + "'");
      return out;
    }
    for (int i = 0; i < items.size(); i++) {
      out.add(new YamlNode(items.get(i), path + "[" + i + "]", env, problems));
    }
    return out;
  }

  Map<String, YamlNode> map() {
    Map<String, YamlNode> out = new LinkedHashMap<>();
    if (!isMap()) {
      return out;
    }
    for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
      String key = String.valueOf(entry.getKey());
      out.put(key, new YamlNode(entry.getValue(), path + "." + key, env, problems));
    }
    return out;
  }

  /** Returns the scalar as text with variables substituted, or null when missing or invalid. */
  String string() {
    if (value == null) {
      return null;
    }
    if (value instanceof Map<?, ?> || value instanceof List<?>) {
      problem("expected a single value, got a " + (value instanceof Map ? "mapping" : "list"));
      return null;
    }
    return env.resolve(String.valueOf(value), path, problems);
  }

  String required() {
    String text = string();
    if (text == null && value == null) {
      problem("missing; this key is required");
    } else if (text != null && text.isBlank()) {
      problem("is empty; this key is required");
      return null;
    }
    return text;
  }

  String string(String fallback) {
    String text = string();
    return text == null || text.isEmpty() ? fallback : text;
  }

  Integer integer(int fallback, int min, int max) {
    String text = string();
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(text.trim());
      if (parsed >= min && parsed <= max) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    problem("'" + text + "' is not a whole number from " + min + " to " + max);
    return null;
  }

  BigDecimal decimal() {
    String text = string();
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(text.trim());
    } catch (NumberFormatException e) {
      problem("'" + text + "' is not a number");
      return null;
    }
  }

  Duration duration(Duration fallback) {
    String text = string();
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    Duration parsed = Durations.parse(text);
    if (parsed == null) {
      problem(
          "'" + text + "' is not a duration; write a number and a unit: 500ms, 30s, 30m, 2h, 1d");
    }
    return parsed;
  }

  Boolean bool(boolean fallback) {
    String text = string();
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(text);
    }
    problem("'" + text + "' is not true or false");
    return null;
  }
}
