package dev.walletwatch.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A JVM started from a jar or a class path, with standard output and error sent to files in the
 * test's work folder so that a failing test can show them.
 *
 * <p>Tests hold it in try-with-resources, and {@link #close()} kills it with SIGKILL if it is still
 * alive.
 */
public final class JvmProcess implements AutoCloseable {

  private final String name;
  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private JvmProcess(String name, Process process, Path stdout, Path stderr) {
    this.name = name;
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** Starts a builder for a JVM named {@code name}; the name prefixes its output files. */
  public static Builder named(String name) {
    return new Builder(name);
  }

  /** Returns the standard output written so far. */
  public String stdout() {
    return read(stdout);
  }

  /** Returns the standard error written so far. */
  public String stderr() {
    return read(stderr);
  }

  /** Waits until standard output or error has a line matching {@code regex}. */
  public void awaitOutput(String regex, Duration timeout) {
    Pattern pattern = Pattern.compile(regex);
    Wait.until(
        name + " to print a line matching " + regex,
        timeout,
        () -> matches(pattern),
        () -> !process.isAlive(),
        this::describe);
  }

  private boolean matches(Pattern pattern) {
    return (stdout() + "\n" + stderr()).lines().anyMatch(line -> pattern.matcher(line).find());
  }

  /** Waits for the process to exit and returns its exit code. */
  public int awaitExit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          name
              + " did not exit within "
              + timeout
              + "\nstdout:\n"
              + stdout()
              + "\nstderr:\n"
              + stderr());
    }
    return process.exitValue();
  }

  /** Kills the process with SIGKILL, as {@code kill -9} does, and waits until it is gone. */
  public void kill9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public long pid() {
    return process.pid();
  }

  /** Describes the process and both outputs, for assertion messages. */
  public String describe() {
    return name
        + " (pid "
        + pid()
        + ")\n--- stdout ---\n"
        + stdout()
        + "\n--- stderr ---\n"
        + stderr();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      kill9();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "<cannot read " + file + ": " + e.getMessage() + ">";
    }
  }

  /** Collects the command line, environment and work folder of a JVM to start. */
  public static final class Builder {
    private final String name;
    private final List<String> jvmArgs = new ArrayList<>();
    private final List<String> programArgs = new ArrayList<>();
    private final java.util.Map<String, String> environment = new java.util.LinkedHashMap<>();
    private List<String> launch = List.of();
    private Path workDir;

    private Builder(String name) {
      this.name = name;
    }

    /** Runs {@code java -jar jar}. */
    public Builder jar(Path jar) {
      launch = List.of("-jar", jar.toString());
      return this;
    }

    /** Runs {@code java -cp classPath mainClass}. */
    public Builder classPath(Path classPath, String mainClass) {
      launch = List.of("-cp", classPath.toString(), mainClass);
      return this;
    }

    /** Adds {@code -javaagent:agentJar=config=config}. */
    public Builder agent(Path agentJar, Path config) {
      jvmArgs.add("-javaagent:" + agentJar + "=config=" + config);
      return this;
    }

    public Builder args(String... args) {
      programArgs.addAll(List.of(args));
      return this;
    }

    public Builder env(String key, String value) {
      environment.put(key, value);
      return this;
    }

    /** Sets the work folder; output files go there too. */
    public Builder workDir(Path dir) {
      workDir = dir;
      return this;
    }

    /** Starts the JVM with {@code java} from the JDK that runs the tests. */
    public JvmProcess start() throws IOException {
      if (launch.isEmpty()) {
        throw new IllegalStateException(name + ": call jar(...) or classPath(...) before start()");
      }
      Path dir = workDir != null ? workDir : Files.createTempDirectory("walletwatch-it-");
      Files.createDirectories(dir);
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xmx256m");
      command.add("-XX:TieredStopAtLevel=1");
      command.addAll(jvmArgs);
      command.addAll(launch);
      command.addAll(programArgs);

      Path out = dir.resolve(name + ".stdout.log");
      Path err = dir.resolve(name + ".stderr.log");
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      // Nothing the developer's shell points at (a real Datadog agent, real keys) may leak in.
      for (String key :
          List.of(
              "DD_AGENT_HOST",
              "DD_DOGSTATSD_PORT",
              "DD_API_KEY",
              "DD_APP_KEY",
              "DD_TAGS",
              "DD_ENV",
              "DD_SERVICE",
              "DD_VERSION",
              "WALLETWATCH_CONFIG",
              "ALIBABA_CLOUD_ACCESS_KEY_ID",
              "ALIBABA_CLOUD_ACCESS_KEY_SECRET")) {
        builder.environment().remove(key);
      }
      builder.environment().putAll(environment);
      return new JvmProcess(name, builder.start(), out, err);
    }
  }
}
