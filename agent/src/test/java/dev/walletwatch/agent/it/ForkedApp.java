package dev.walletwatch.agent.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the test trading application in its own JVM and keeps its output and exit code. */
final class ForkedApp {

  static final String AGENT_JAR =
      System.getProperty("walletwatch.agent.jar", "target/walletwatch-agent.jar");
  static final String TEST_CLASSES =
      System.getProperty("walletwatch.testapp.classes", "target/test-classes");
  static final Path JAVA_25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  final int exitCode;
  final String stdout;
  final String stderr;

  private ForkedApp(int exitCode, String stdout, String stderr) {
    this.exitCode = exitCode;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Returns the java executable running these tests. */
  static Path currentJava() {
    return Paths.get(System.getProperty("java.home"), "bin", "java");
  }

  /** Returns the lines of stderr that the agent did not write itself, such as JVM warnings. */
  List<String> otherStderrLines() {
    List<String> lines = new ArrayList<>();
    for (String line : stderr.split("\n")) {
      if (!line.startsWith("[walletwatch]") && !line.isEmpty()) {
        lines.add(line);
      }
    }
    return lines;
  }

  /** Returns the lines of stderr that the agent wrote. */
  List<String> agentLines() {
    List<String> lines = new ArrayList<>();
    for (String line : stderr.split("\n")) {
      if (line.startsWith("[walletwatch]")) {
        lines.add(line);
      }
    }
    return lines;
  }

  /**
   * Runs {@code com.acme.testapp.TradingApp} with {@code jvmOptions} before the class name and
   * {@code appArguments} after it.
   */
  static ForkedApp run(Path java, List<String> jvmOptions, List<String> appArguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.addAll(jvmOptions);
    command.add("-Dtestapp.classes=" + TEST_CLASSES);
    command.add("-cp");
    command.add(TEST_CLASSES + File.pathSeparator + byteBuddyAgentJar());
    command.add("com.acme.testapp.TradingApp");
    command.addAll(appArguments);
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(name -> name.startsWith("DD_") || name.equals("WALLETWATCH_CONFIG"));
    builder.environment().put("DD_ENV", "ittest");
    builder.environment().put("DD_TAGS", "desk:btc");
    Path out = Files.createTempFile("testapp", ".out");
    Path err = Files.createTempFile("testapp", ".err");
    builder.redirectOutput(out.toFile());
    builder.redirectError(err.toFile());
    Process process = builder.start();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("test app did not exit within 90 s: " + command);
    }
    ForkedApp app =
        new ForkedApp(
            process.exitValue(),
            new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
            new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
    Files.delete(out);
    Files.delete(err);
    return app;
  }

  static ForkedApp run(Path java, String... jvmOptions) throws IOException, InterruptedException {
    return run(java, Arrays.asList(jvmOptions), List.of());
  }

  /** Returns the byte-buddy-agent jar the app uses to attach the agent to itself. */
  private static String byteBuddyAgentJar() {
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.contains("byte-buddy-agent")) {
        return entry;
      }
    }
    throw new IllegalStateException("byte-buddy-agent is not on the test class path");
  }
}
