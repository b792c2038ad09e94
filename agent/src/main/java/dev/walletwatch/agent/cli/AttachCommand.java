package dev.walletwatch.agent.cli;

import dev.walletwatch.agent.StartReport;
import dev.walletwatch.agent.config.ConfigException;
import dev.walletwatch.agent.config.ConfigLoader;
import java.io.File;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import net.bytebuddy.agent.ByteBuddyAgent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Attaches the agent jar that runs this command to a running JVM and prints what the agent wove
 * there. The agent writes its report to a temporary file named in the agent arguments; the JVM runs
 * {@code agentmain} before the attach call returns, so the file is complete when the command reads
 * it. Attaching again reloads the configuration (see the agent's README).
 */
@Command(
    name = "attach",
    mixinStandardHelpOptions = true,
    description = "Attach the agent to a running JVM and print the methods it wove.")
final class AttachCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "PID", description = "Process id of the running JVM.")
  String pid;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The agent configuration, instrumentation.yml.")
  File config;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!pid.matches("[0-9]+")) {
      err.println("invalid PID '" + pid + "': give the numeric process id of the JVM, see jps -l");
      return 2;
    }
    File configFile = config.getAbsoluteFile();
    try {
      // The target JVM applies its own DD_AGENT_HOST and DD_DOGSTATSD_PORT, so only the file
      // itself is checked here.
      new ConfigLoader(Collections.<String, String>emptyMap()).load(configFile.toPath());
    } catch (ConfigException e) {
      for (String problem : e.problems()) {
        err.println(problem);
      }
      err.println("not attached: fix the configuration first");
      return 1;
    }
    File agentJar = agentJar();
    if (agentJar == null) {
      err.println("attach must run from the agent jar: java -jar walletwatch-agent.jar attach ...");
      return 1;
    }
    // A new directory, which Java creates readable and writable by this user only on POSIX
    // systems, so that no other user can plant a file or a link where the agent writes.
    Path folder = Files.createTempDirectory("walletwatch-attach-");
    Path result = folder.resolve("result.txt");
    try {
      String arguments = "result=" + result + ",config=" + configFile;
      try {
        ByteBuddyAgent.attach(agentJar, pid, arguments);
      } catch (RuntimeException e) {
        // Byte Buddy wraps the attach API's exception, whose message names the actual problem.
        Throwable cause = e.getCause() == null ? e : e.getCause();
        err.println(
            "attaching to JVM "
                + pid
                + " failed: "
                + cause
                + "; check that the process is a JVM running as the same user, and that it was not"
                + " started with -XX:+DisableAttachMechanism");
        return 1;
      }
      return printResult(result, out, err);
    } finally {
      Files.deleteIfExists(result);
      Files.deleteIfExists(folder.resolve("result.txt.tmp"));
      Files.delete(folder);
    }
  }

  private int printResult(Path result, PrintWriter out, PrintWriter err) throws Exception {
    if (!Files.isRegularFile(result)) {
      err.println(
          "the agent in JVM "
              + pid
              + " wrote no result; look for lines starting with [walletwatch] on that JVM's"
              + " stderr");
      return 1;
    }
    List<String> lines = Files.readAllLines(result, StandardCharsets.UTF_8);
    boolean failed = lines.isEmpty() || !lines.get(0).equals(StartReport.OK);
    PrintWriter target = failed ? err : out;
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      target.println(line);
    }
    return failed ? 1 : 0;
  }

  /** Returns the jar this class was loaded from, or null when it was not loaded from a jar. */
  private static File agentJar() throws URISyntaxException {
    File location =
        new File(AttachCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    return location.isFile() ? location : null;
  }
}
