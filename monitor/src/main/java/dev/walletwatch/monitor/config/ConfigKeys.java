package dev.walletwatch.monitor.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys that a monitors file accepts, per mapping. The loader rejects any other key with its
 * YAML path, and the configuration reference in {@code docs/configuration.md} documents exactly
 * these.
 */
final class ConfigKeys {
  static final Set<String> TOP = Set.of("datadog", "webhook", "monitors", "local");
  static final Set<String> DATADOG = Set.of("site", "apiKey", "appKey", "apiUrl");
  static final Set<String> WEBHOOK = Set.of("name", "url", "token", "tokenVariable", "timeout");
  static final Set<String> MONITOR =
      Set.of(
          "name",
          "query",
          "message",
          "notifyNoData",
          "noDataTimeframe",
          "renotifyInterval",
          "tags");
  static final Set<String> LOCAL = Set.of("evaluateEvery");

  private ConfigKeys() {}

  /**
   * Returns every accepted key as a dotted path ({@code webhook.url}, {@code monitors[].query}),
   * sorted.
   */
  static Set<String> paths() {
    Map<String, Set<String>> blocks = new LinkedHashMap<>();
    blocks.put("", TOP);
    blocks.put("datadog", DATADOG);
    blocks.put("webhook", WEBHOOK);
    blocks.put("monitors[]", MONITOR);
    blocks.put("local", LOCAL);
    Set<String> paths = new TreeSet<>();
    blocks.forEach(
        (block, keys) -> keys.forEach(key -> paths.add(block.isEmpty() ? key : block + "." + key)));
    return paths;
  }
}
