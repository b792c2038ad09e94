package dev.walletwatch.bench.startup;

import dev.walletwatch.bench.support.Args;
import dev.walletwatch.bench.support.JavaProcess;
import dev.walletwatch.bench.support.Percentiles;
import dev.walletwatch.bench.support.UdpSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the XChange demo bot (its shaded jar, main class {@code XChangeBot}) with and without the
 * agent, alternating which goes first in each pair, and reports the median time from process start
 * to its first {@code sell} line, with the process's CPU time at that moment. The agent sends to a
 * UDP socket of this runner through {@code DD_AGENT_HOST} and {@code DD_DOGSTATSD_PORT}, which
 * override the configuration's address.
 *
 * <pre>
 * java -cp benchmarks.jar dev.walletwatch.bench.startup.XChangeStartupRunner
 *     --agent walletwatch-agent.jar --app demo-apps.jar --config instrumentation.yml
 *     [--runs 10] [--out summary.md]
 * </pre>
 */
public final class XChangeStartupRunner {

  /** One short plan: deposits, a 10 ms wait, one market sell, and a 10 ms tail. */
  private static final List<String> PLAN = List.of("--moves=-1", "--step=10ms", "--tail=10ms");

  private XChangeStartupRunner() {}

  /** Wall time to the first sell, and CPU time of the whole process at that moment. */
  record Run(long firstTradeNanos, long cpuMillis) {}

  public static void main(String[] arguments) throws Exception {
    Args args = Args.parse(arguments);
    Path agentJar = args.existingFile("agent");
    Path appJar = args.existingFile("app");
    Path config = args.existingFile("config");
    int runs = args.getInt("runs", 10);
    List<Run> with = new ArrayList<>();
    List<Run> without = new ArrayList<>();
    try (UdpSink sink = new UdpSink()) {
      for (int i = 0; i < runs; i++) {
        // Alternate the order so that neither variant always runs on a freshly idle machine.
        if (i % 2 == 0) {
          with.add(run(agentJar, config, appJar, sink.port()));
          without.add(run(null, null, appJar, sink.port()));
        } else {
          without.add(run(null, null, appJar, sink.port()));
          with.add(run(agentJar, config, appJar, sink.port()));
        }
        System.out.printf(
            "pair %d: first sell %.1f ms with the agent, %.1f ms without%n",
            i + 1, with.get(i).firstTradeNanos() / 1e6, without.get(i).firstTradeNanos() / 1e6);
      }
      // The bot exits 10 ms after its sell, before the agent's first flush, so no gauge reaches
      // the sink. The woven line on stderr proves that the agent wove.
    }
    String summary = summary(runs, with, without);
    System.out.println(summary);
    String out = args.get("out", null);
    if (out != null) {
      Files.writeString(Path.of(out), summary);
    }
  }

  private static Run run(Path agentJar, Path config, Path appJar, int statsdPort)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(JavaProcess.javaLauncher());
    if (agentJar != null) {
      command.add("-javaagent:" + agentJar + "=config=" + config);
    }
    command.addAll(List.of("-jar", appJar.toString()));
    command.addAll(PLAN);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DD_AGENT_HOST", "127.0.0.1");
    builder.environment().put("DD_DOGSTATSD_PORT", String.valueOf(statsdPort));
    long start = System.nanoTime();
    Process process = builder.start();
    long firstTrade = -1;
    long cpuMillis = -1;
    boolean woven = false;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("sell ") && firstTrade < 0) {
          firstTrade = System.nanoTime() - start;
          cpuMillis = cpuMillis(process.pid());
        } else if (line.startsWith("[walletwatch] woven ")) {
          woven = true;
        }
      }
    }
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("the bot failed or hung: " + command);
    }
    if (firstTrade < 0) {
      throw new IllegalStateException("the bot printed no sell line: " + command);
    }
    if (agentJar != null && !woven) {
      throw new IllegalStateException("the agent wove nothing in the bot: " + command);
    }
    return new Run(firstTrade, cpuMillis);
  }

  /**
   * Returns the user and system CPU time of process {@code pid} from /proc, or -1.
   *
   * <p>NOTE: assumes 100 clock ticks a second, the Linux default on x86-64 and arm64.
   */
  private static long cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static String summary(int runs, List<Run> with, List<Run> without) {
    long[] wallWith = with.stream().mapToLong(Run::firstTradeNanos).toArray();
    long[] wallWithout = without.stream().mapToLong(Run::firstTradeNanos).toArray();
    long[] cpuWith = with.stream().mapToLong(Run::cpuMillis).toArray();
    long[] cpuWithout = without.stream().mapToLong(Run::cpuMillis).toArray();
    double wallMsWithout = Percentiles.median(wallWithout) / 1e6;
    double wallMsWith = Percentiles.median(wallWith) / 1e6;
    double cpuMsWithout = Percentiles.median(cpuWithout);
    double cpuMsWith = Percentiles.median(cpuWith);
    return "Machine: "
        + JavaProcess.machine()
        + "\nRuns: "
        + runs
        + " of each, interleaved\n\n"
        + "| figure | without agent (median) | with agent (median) | added |\n|---|---|---|---|\n"
        + String.format(
            "| time to first sell | %.1f ms | %.1f ms | %.1f ms |%n",
            wallMsWithout, wallMsWith, wallMsWith - wallMsWithout)
        + String.format(
            "| CPU time at first sell | %.0f ms | %.0f ms | %.0f ms |%n",
            cpuMsWithout, cpuMsWith, cpuMsWith - cpuMsWithout);
  }
}
