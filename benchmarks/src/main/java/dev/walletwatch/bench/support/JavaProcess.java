package dev.walletwatch.bench.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Builds command lines that start another JVM of the same JDK as this one. */
public final class JavaProcess {

  private JavaProcess() {}

  /** Returns the {@code java} launcher of the running JDK. */
  public static String javaLauncher() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** Returns the JDK of this JVM as "version (vendor)", for result headers. */
  public static String jdk() {
    return System.getProperty("java.vm.version")
        + " ("
        + System.getProperty("java.vm.vendor")
        + ")";
  }

  /**
   * Returns {@code java [agent] [jvmOptions] -cp <this class path> mainClass args}. {@code
   * agentJar} may be null for a run without the agent.
   */
  public static List<String> command(
      Path agentJar,
      Path agentConfig,
      List<String> jvmOptions,
      Class<?> mainClass,
      String... args) {
    List<String> command = new ArrayList<>();
    command.add(javaLauncher());
    if (agentJar != null) {
      command.add("-javaagent:" + agentJar + "=config=" + agentConfig);
    }
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(List.of(args));
    return command;
  }

  /** Returns the machine line for result headers: cores, OS and JDK. */
  public static String machine() {
    return Runtime.getRuntime().availableProcessors()
        + " cores, "
        + System.getProperty("os.name")
        + " "
        + System.getProperty("os.arch")
        + ", JDK "
        + jdk();
  }
}
