package dev.walletwatch.receiver.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docs/configuration.md} in step with the loader: every key that {@code receiver.yml}
 * accepts has a row in the reference's {@code receiver.yml} section, and every row names a key that
 * the loader accepts.
 */
class ConfigReferenceTest {
  private static final String REFERENCE = "docs/configuration.md";
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

  /** Returns the text from the {@code ## receiver.yml} heading to the next second-level heading. */
  private static String receiverSection() throws IOException {
    String text = Files.readString(referenceFile(), StandardCharsets.UTF_8);
    int start = text.indexOf("\n## receiver.yml\n");
    assertThat(start).as("## receiver.yml heading in " + REFERENCE).isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    return end < 0 ? text.substring(start) : text.substring(start, end);
  }

  private static Set<String> documentedKeys() throws IOException {
    Set<String> keys = new TreeSet<>();
    Matcher row = KEY_ROW.matcher(receiverSection());
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
        .as("keys receiver.yml accepts but the receiver.yml section of " + REFERENCE + " lacks")
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
  void referenceListsNestedKeys() throws IOException {
    // Checks the row pattern and the section bounds on keys from both ends of the section.
    assertThat(documentedKeys()).contains("server.tls.keystore", "rules[].recovery.template");
    assertThat(ConfigKeys.paths()).contains("server.tls.keystore", "rules[].recovery.template");
  }

  @Test
  void otherFilesKeepTheirSections() throws IOException {
    String text = Files.readString(referenceFile(), StandardCharsets.UTF_8);

    assertThat(text).contains("\n## instrumentation.yml\n");
    assertThat(text).contains("\n## monitors.yml\n");
  }
}
