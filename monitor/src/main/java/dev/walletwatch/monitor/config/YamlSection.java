package dev.walletwatch.monitor.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A YAML mapping with its path in the file, such as {@code monitors[0]}, so that every value read
 * through it can be named in an error. String values go through environment substitution.
 */
final class YamlSection {
  private final String file;
  private final String path;
  private final Map<String, Object> values;
  private final Map<String, String> environment;

  private YamlSection(
      String file, String path, Map<String, Object> values, Map<String, String> environment) {
    this.file = file;
    this.path = path;
    this.values = values;
    this.environment = environment;
  }

  /** Wraps the document root, which must be a mapping. */
  static YamlSection root(String file, Object document, Map<String, String> environment) {
    if (!(document instanceof Map<?, ?>)) {
      throw new ConfigException(
          file + ": the file must be a YAML mapping with datadog, webhook and monitors");
    }
    return new YamlSection(file, "", castMap(document), environment);
  }

  String path() {
    return path;
  }

  /**
   * Returns the location of {@code key} for messages, such as {@code monitors.yml: webhook.url}.
   */
  String where(String key) {
    return file + ": " + childPath(key);
  }

  /** Rejects keys other than {@code allowed}, which are usually typos that would be ignored. */
  void allowOnly(String... allowed) {
    Set<String> known = Set.of(allowed);
    for (String key : values.keySet()) {
      if (!known.contains(key)) {
        throw new ConfigException(
            where(key)
                + ": unknown key; valid keys here: "
                + String.join(", ", new TreeSet<>(known)));
      }
    }
  }

  boolean has(String key) {
    return values.get(key) != null;
  }

  /** Returns the mapping at {@code key}, or an empty section when it is absent. */
  YamlSection section(String key) {
    Object value = values.get(key);
    if (value == null) {
      return new YamlSection(file, childPath(key), Map.of(), environment);
    }
    if (!(value instanceof Map<?, ?>)) {
      throw new ConfigException(where(key) + ": expected a mapping of keys to values");
    }
    return new YamlSection(file, childPath(key), castMap(value), environment);
  }

  /** Returns the mappings of the list at {@code key}; an absent key gives an empty list. */
  List<YamlSection> sections(String key) {
    List<YamlSection> result = new ArrayList<>();
    List<?> list = list(key);
    for (int i = 0; i < list.size(); i++) {
      String itemPath = childPath(key) + "[" + i + "]";
      if (!(list.get(i) instanceof Map<?, ?>)) {
        throw new ConfigException(file + ": " + itemPath + ": expected a mapping");
      }
      result.add(new YamlSection(file, itemPath, castMap(list.get(i)), environment));
    }
    return result;
  }

  /** Returns the strings of the list at {@code key}; an absent key gives an empty list. */
  List<String> strings(String key) {
    List<String> result = new ArrayList<>();
    List<?> list = list(key);
    for (int i = 0; i < list.size(); i++) {
      String itemWhere = where(key) + "[" + i + "]";
      result.add(substitute(list.get(i), itemWhere));
    }
    return result;
  }

  /** Returns the non-empty string at {@code key}. */
  String requiredString(String key) {
    String value = optionalString(key);
    if (value == null || value.isBlank()) {
      throw new ConfigException(where(key) + ": missing value; this key is required");
    }
    return value;
  }

  /** Returns the string at {@code key}, or null when it is absent. */
  String optionalString(String key) {
    Object value = values.get(key);
    return value == null ? null : substitute(value, where(key));
  }

  boolean bool(String key, boolean defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (!(value instanceof Boolean bool)) {
      throw new ConfigException(where(key) + ": \"" + value + "\" is not true or false");
    }
    return bool;
  }

  /** Returns the duration at {@code key}, or {@code defaultValue} (which may be null). */
  Duration duration(String key, Duration defaultValue) {
    String text = optionalString(key);
    return text == null ? defaultValue : Durations.parse(text, where(key));
  }

  private List<?> list(String key) {
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new ConfigException(where(key) + ": expected a list");
    }
    return list;
  }

  private String substitute(Object value, String where) {
    if (!(value instanceof String text)) {
      throw new ConfigException(
          where + ": expected a string, found " + describe(value) + "; put the value in quotes");
    }
    return EnvSubstitution.substitute(text, environment, where);
  }

  private static String describe(Object value) {
    if (value instanceof Map<?, ?>) {
      return "a mapping";
    }
    if (value instanceof List<?>) {
      return "a list";
    }
    return "\"" + value + "\"";
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private static Map<String, Object> castMap(Object value) {
    Map<String, Object> result = new LinkedHashMap<>();
    ((Map<?, ?>) value).forEach((key, item) -> result.put(String.valueOf(key), item));
    return result;
  }
}
