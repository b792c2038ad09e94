package dev.walletwatch.agent.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The keys that {@code instrumentation.yml} accepts, per mapping. The loader rejects any other key
 * with its YAML path, and the configuration reference in {@code docs/configuration.md} documents
 * exactly these.
 */
final class ConfigKeys {
  static final Set<String> TOP_KEYS = keys("statsd", "gauges", "gracePeriod");
  static final Set<String> STATSD_KEYS =
      keys("host", "port", "prefix", "tags", "flushInterval", "resendInterval");
  static final Set<String> GAUGE_KEYS =
      keys("name", "class", "method", "subtypes", "value", "scale", "tags", "maxSeries");

  private ConfigKeys() {}

  /**
   * Returns every accepted key as a dotted path ({@code statsd.host}, {@code gauges[].maxSeries}),
   * sorted. The keys inside {@code gauges[].tags} are tag names chosen by the user and are not
   * listed.
   */
  static Set<String> paths() {
    Map<String, Set<String>> blocks = new LinkedHashMap<String, Set<String>>();
    blocks.put("", TOP_KEYS);
    blocks.put("statsd", STATSD_KEYS);
    blocks.put("gauges[]", GAUGE_KEYS);
    Set<String> paths = new TreeSet<String>();
    for (Map.Entry<String, Set<String>> block : blocks.entrySet()) {
      for (String key : block.getValue()) {
        paths.add(block.getKey().isEmpty() ? key : block.getKey() + "." + key);
      }
    }
    return paths;
  }

  private static Set<String> keys(String... names) {
    return Collections.unmodifiableSet(new HashSet<String>(Arrays.asList(names)));
  }
}
