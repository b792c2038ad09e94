package dev.walletwatch.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps {@code docs/configuration.md} in step with the loader: every key that {@code
 * instrumentation.yml} accepts has a row in the reference's {@code instrumentation.yml} section,
 * and the loader accepts every key that a row names.
 */
class ConfigReferenceTest {
  private static final String REFERENCE = "docs/configuration.md";
  private static final String HEADING = "\n## instrumentation.yml\n";
  private static final Pattern KEY_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

  /** Finds the reference from the module folder (Maven's working directory) or the repository. */
  private static Path referenceFile() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(REFERENCE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(REFERENCE + " not found above " + Path.of("").toAbsolutePath());
  }

  /** Returns the text from the section's heading to the next second-level heading. */
  private static String section() throws IOException {
    String text = Files.readString(referenceFile(), StandardCharsets.UTF_8);
    int start = text.indexOf(HEADING);
    assertThat(start).as(HEADING.trim() + " heading in " + REFERENCE).isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  private static Set<String> documentedKeys() throws IOException {
    Set<String> keys = new TreeSet<>();
    Matcher row = KEY_ROW.matcher(section());
    while (row.find()) {
      keys.add(row.group(1));
    }
    return keys;
  }

  @Test
  void everyAcceptedKeyIsDocumented() throws IOException {
    Set<String> undocumented = new TreeSet<>(ConfigKeys.paths());
    undocumented.removeAll(documentedKeys());

    assertThat(undocumented)
        .as("keys instrumentation.yml accepts but its section of " + REFERENCE + " lacks")
        .isEmpty();
  }

  @Test
  void everyDocumentedKeyIsAccepted() throws IOException {
    Set<String> unknown = documentedKeys();
    unknown.removeAll(ConfigKeys.paths());

    assertThat(unknown)
        .as("keys documented in " + REFERENCE + " that the loader rejects as unknown")
        .isEmpty();
  }

  @Test
  void referenceListsKeysAtBothEnds() throws IOException {
    // Checks the row pattern and the section bounds on the first and the last table.
    assertThat(documentedKeys()).contains("statsd", "gauges[].maxSeries");
    assertThat(ConfigKeys.paths()).contains("statsd", "gauges[].maxSeries");
  }

  @Test
  void loaderAcceptsEveryDocumentedKey() throws IOException {
    List<String> rejected = new ArrayList<>();
    for (String key : documentedKeys()) {
      List<String> problems = problemsWith(key);
      for (String problem : problems) {
        if (problem.contains("unknown key") || problem.contains("invalid YAML")) {
          rejected.add(problem);
        }
      }
    }

    assertThat(rejected).as("documented keys that the loader rejects").isEmpty();
  }

  @Test
  void loaderRejectsKeysOutsideTheSets() {
    // The loader's message lists the keys it accepts in that mapping, so this ties each set that
    // the reference is checked against to the mapping that the loader checks with it.
    assertThat(problemsWith("extra"))
        .anyMatch(p -> p.endsWith(": extra: " + unknownKey(ConfigKeys.TOP_KEYS)));
    assertThat(problemsWith("statsd.extra"))
        .anyMatch(p -> p.endsWith(": statsd.extra: " + unknownKey(ConfigKeys.STATSD_KEYS)));
    assertThat(problemsWith("gauges[].extra"))
        .anyMatch(p -> p.endsWith(": gauges[0].extra: " + unknownKey(ConfigKeys.GAUGE_KEYS)));
  }

  private static String unknownKey(Set<String> accepted) {
    return "unknown key; remove it or use one of " + new TreeSet<>(accepted);
  }

  /**
   * Loads a valid file with {@code key} (a reference path such as {@code gauges[].scale}) set to a
   * placeholder, and returns the problems found, or none when it loads.
   */
  private static List<String> problemsWith(String key) {
    Map<String, Object> gauge = new LinkedHashMap<>();
    gauge.put("name", "quant.wallet.balance");
    gauge.put("class", "com.acme.trading.Wallet");
    gauge.put("method", "balanceOf");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("statsd", new LinkedHashMap<String, Object>());
    root.put("gauges", new ArrayList<Object>(List.of(gauge)));

    String placeholder = "placeholder";
    if (key.startsWith("statsd.")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> statsd = (Map<String, Object>) root.get("statsd");
      statsd.put(key.substring("statsd.".length()), placeholder);
    } else if (key.startsWith("gauges[].")) {
      gauge.put(key.substring("gauges[].".length()), placeholder);
    } else {
      root.put(key, placeholder);
    }
    byte[] yaml = new Yaml().dump(root).getBytes(StandardCharsets.UTF_8);
    try {
      new ConfigLoader(Map.of()).load(new ByteArrayInputStream(yaml), "instrumentation.yml");
      return List.of();
    } catch (ConfigException e) {
      return e.problems();
    }
  }
}
