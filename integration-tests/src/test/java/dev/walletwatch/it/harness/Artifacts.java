package dev.walletwatch.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Paths of the jars and configs under test. Failsafe passes the locations as system properties; the
 * defaults fit a run from the {@code integration-tests} folder.
 */
public final class Artifacts {

  private Artifacts() {}

  /** Returns the repository root, where {@code instrumentation.yml} and the part folders are. */
  public static Path root() {
    return Path.of(System.getProperty("walletwatch.root", "..")).toAbsolutePath().normalize();
  }

  public static Path agentJar() {
    return existing(root().resolve("agent/target/walletwatch-agent.jar"));
  }

  public static Path receiverJar() {
    return existing(root().resolve("receiver/target/walletwatch-receiver.jar"));
  }

  public static Path monitorJar() {
    return existing(root().resolve("monitor/target/walletwatch-monitor.jar"));
  }

  /** Returns the shaded jar with the XChange bot (its Main-Class) and the bitcoinj wallet app. */
  public static Path demoAppsJar() {
    return existing(Path.of(System.getProperty("walletwatch.demo.apps", "target/demo-apps.jar")));
  }

  /** Returns the Spring Boot executable jar that runs the XChange bot. */
  public static Path demoBootJar() {
    return existing(
        Path.of(System.getProperty("walletwatch.demo.boot", "target/walletwatch-demo-boot.jar")));
  }

  /** Returns the agent configuration for the XChange bot, at the repository root. */
  public static Path instrumentationYml() {
    return existing(root().resolve("instrumentation.yml"));
  }

  /**
   * Creates a fresh folder for one test's configs, stores and logs, kept after the run for reading.
   */
  public static Path workDir(String testName) throws java.io.IOException {
    Path base = Path.of(System.getProperty("walletwatch.it.work", "target/it-work"));
    Files.createDirectories(base);
    return Files.createTempDirectory(base.toAbsolutePath(), testName + "-");
  }

  private static Path existing(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new IllegalStateException(
          absolute + " not found: build it first with 'mvn -B -DskipTests package' at the root");
    }
    return absolute;
  }
}
