package dev.walletwatch.monitor.config;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Keeps {@code docs/configuration.md} in step with the loader: every key that a monitors file
 * accepts has a row in the reference's {@code monitors.yml} section, and the loader accepts every
 * key that a row names.
 */
class ConfigReferenceTest {
  private static final String REFERENCE = "docs/configuration.md";
  private static final String HEADING = "\n## monitors.yml\n";
  private static final Pattern KEY_ROW = Pattern.compile("(?m)^\\| `([^`]+)` \\|");

  @TempDir Path directory;

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
        .as("keys monitors.yml accepts but its section of " + REFERENCE + " lacks")
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
    assertThat(documentedKeys()).contains("datadog", "local.evaluateEvery");
    assertThat(ConfigKeys.paths()).contains("datadog", "local.evaluateEvery");
  }

  @Test
  void loaderAcceptsEveryDocumentedKey() throws IOException {
    List<String> rejected = new ArrayList<>();
    for (String key : documentedKeys()) {
      String problem = problemWith(key);
      if (problem.contains("unknown key") || problem.contains("invalid YAML")) {
        rejected.add(problem);
      }
    }

    assertThat(rejected).as("documented keys that the loader rejects").isEmpty();
  }

  @Test
  void loaderRejectsKeysOutsideTheSets() throws IOException {
    // The loader's message lists the keys it accepts in that mapping, so this ties each set that
    // the reference is checked against to the mapping that the loader checks with it.
    assertThat(problemWith("extra")).endsWith(": extra: " + unknownKey(ConfigKeys.TOP));
    assertThat(problemWith("datadog.extra"))
        .endsWith(": datadog.extra: " + unknownKey(ConfigKeys.DATADOG));
    assertThat(problemWith("webhook.extra"))
        .endsWith(": webhook.extra: " + unknownKey(ConfigKeys.WEBHOOK));
    assertThat(problemWith("monitors[].extra"))
        .endsWith(": monitors[0].extra: " + unknownKey(ConfigKeys.MONITOR));
    assertThat(problemWith("local.extra"))
        .endsWith(": local.extra: " + unknownKey(ConfigKeys.LOCAL));
  }

  private static String unknownKey(Set<String> accepted) {
    return "unknown key; valid keys here: " + String.join(", ", new TreeSet<>(accepted));
  }

  /**
   * Loads a valid file with {@code key} (a reference path such as {@code monitors[].query}) set to
   * a placeholder, and returns the first problem, or an empty string when it loads. The {@code
   * datadog} section is read too, because the loader reports its problems only then.
   */
  private String problemWith(String key) throws IOException {
    Map<String, Object> monitor = new LinkedHashMap<>();
    monitor.put("name", "BTC wallet balance below 5");
    monitor.put("query", "min(last_5m):min:quant.wallet.balance{currency:btc} < 5");
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("datadog", new LinkedHashMap<>(Map.of("apiKey", "api-1", "appKey", "app-2")));
    root.put(
        "webhook",
        new LinkedHashMap<>(
            Map.of("name", "walletwatch", "url", "http://127.0.0.1:9/hook", "token", "tok-3")));
    root.put("monitors", new ArrayList<Object>(List.of(monitor)));
    root.put("local", new LinkedHashMap<String, Object>());

    String placeholder = "placeholder";
    int dot = key.indexOf('.');
    if (dot < 0) {
      root.put(key, placeholder);
    } else if (key.startsWith("monitors[].")) {
      monitor.put(key.substring(dot + 1), placeholder);
    } else {
      @SuppressWarnings("unchecked")
      Map<String, Object> block = (Map<String, Object>) root.get(key.substring(0, dot));
      block.put(key.substring(dot + 1), placeholder);
    }
    Path file = directory.resolve("monitors.yml");
    Files.writeString(file, new Yaml().dump(root));
    try {
      new ConfigLoader(Map.of()).load(file).datadog();
      return "";
    } catch (ConfigException e) {
      return e.getMessage();
    }
  }
}
