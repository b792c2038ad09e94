package dev.walletwatch.agent.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The build check on the shaded agent jar: every class must live under {@code dev/walletwatch/} (so
 * no dependency leaks into the host application unrelocated), and the manifest must name the entry
 * points. Prints the jar's size for the build log.
 */
class AgentJarContentsIT {

  private final File jar = new File(ForkedApp.AGENT_JAR);

  @Test
  void everyClassIsRelocated() throws Exception {
    List<String> escaped = new ArrayList<>();
    int classes = 0;
    try (JarFile file = new JarFile(jar)) {
      for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
        String name = entries.nextElement().getName();
        if (!name.endsWith(".class") || name.startsWith("META-INF/")) {
          continue;
        }
        classes++;
        if (!name.startsWith("dev/walletwatch/")) {
          escaped.add(name);
        }
      }
    }
    System.out.printf(
        "walletwatch-agent.jar: %d bytes (%.1f MiB), %d classes%n",
        jar.length(), jar.length() / 1048576.0, classes);
    assertThat(classes).isGreaterThan(100);
    assertThat(escaped).as("classes outside dev/walletwatch/ in " + jar).isEmpty();
  }

  @Test
  void manifestNamesEntryPoints() throws Exception {
    try (JarFile file = new JarFile(jar)) {
      Attributes main = file.getManifest().getMainAttributes();
      assertThat(main.getValue("Premain-Class"))
          .isEqualTo("dev.walletwatch.agent.WalletwatchAgent");
      assertThat(main.getValue("Agent-Class")).isEqualTo("dev.walletwatch.agent.WalletwatchAgent");
      assertThat(main.getValue("Main-Class")).isEqualTo("dev.walletwatch.agent.cli.Main");
      assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(main.getValue("Can-Redefine-Classes")).isEqualTo("true");
    }
  }
}
