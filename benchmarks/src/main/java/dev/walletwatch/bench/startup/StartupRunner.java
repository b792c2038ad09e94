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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@link BalanceBot} with and without the agent, alternating which goes first in each pair,
 * and reports the median time from process start to the first trade and the heap and metaspace in
 * use after warm-up.
 *
 * <pre>
 * java -cp benchmarks.jar dev.walletwatch.bench.startup.StartupRunner --agent walletwatch-agent.jar
 *     [--runs 10] [--warmup-ms 3000] [--out summary.md]
 * </pre>
 */
public final class StartupRunner {

  private StartupRunner() {}

  /** What one run of the bot measured. */
  record Run(long firstTradeNanos, Map<String, Long> memory) {}

  public static void main(String[] arguments) throws Exception {
    Args args = Args.parse(arguments);
    Path agentJar = args.existingFile("agent");
    int runs = args.getInt("runs", 10);
    String warmup = String.valueOf(args.getInt("warmup-ms", 3000));
    Path dir = Files.createTempDirectory("walletwatch-startup");

    List<Run> with = new ArrayList<>();
    List<Run> without = new ArrayList<>();
    try (UdpSink sink = new UdpSink()) {
      Path config = writeConfig(dir.resolve("instrumentation.yml"), sink.port());
      for (int i = 0; i < runs; i++) {
        // Alternate the order so that neither variant always runs on a freshly idle machine.
        if (i % 2 == 0) {
          with.add(run(agentJar, config, warmup));
          without.add(run(null, null, warmup));
        } else {
          without.add(run(null, null, warmup));
          with.add(run(agentJar, config, warmup));
        }
        System.out.printf(
            "pair %d: first trade %.1f ms with the agent, %.1f ms without%n",
            i + 1, with.get(i).firstTradeNanos() / 1e6, without.get(i).firstTradeNanos() / 1e6);
      }
      if (!sink.metrics().contains("bot.balance")) {
        throw new IllegalStateException(
            "the agent never sent bot.balance (received " + sink.metrics() + ")");
      }
    }
    String summary = summary(runs, with, without);
    System.out.println(summary);
    String out = args.get("out", null);
    if (out != null) {
      Files.writeString(Path.of(out), summary);
    }
  }

  static Path writeConfig(Path file, int port) throws IOException {
    String yaml =
        """
        statsd:
          host: 127.0.0.1
          port: %d
        gauges:
          - name: bot.balance
            class: %s
            method: balanceOf
            tags: {currency: "${arg0}", exchange: simulated}
        """
            .formatted(port, BotWallet.class.getName());
    return Files.writeString(file, yaml);
  }

  /** Runs the bot once; {@code agentJar} null runs it without the agent. */
  static Run run(Path agentJar, Path config, String warmupMillis)
      throws IOException, InterruptedException {
    List<String> command =
        JavaProcess.command(agentJar, config, List.of(), BalanceBot.class, warmupMillis);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    long start = System.nanoTime();
    Process process = builder.start();
    long firstTrade = -1;
    Map<String, Long> memory = new HashMap<>();
    boolean woven = false;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.equals("first-trade") && firstTrade < 0) {
          firstTrade = System.nanoTime() - start;
        } else if (line.startsWith("memory ")) {
          for (String field : line.substring("memory ".length()).split(" ")) {
            String[] pair = field.split("=", 2);
            if (!pair[0].equals("btc")) {
              memory.put(pair[0], Long.parseLong(pair[1]));
            }
          }
        } else if (line.startsWith("[walletwatch] woven ")) {
          woven = true;
        } else if (line.startsWith("[walletwatch]")) {
          System.out.println("  agent: " + line);
        }
      }
    }
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IllegalStateException("the bot failed or hung: " + command);
    }
    if (firstTrade < 0 || memory.isEmpty()) {
      throw new IllegalStateException("the bot printed no first-trade or memory line: " + command);
    }
    if (agentJar != null && !woven) {
      throw new IllegalStateException("the agent did not weave BotWallet.balanceOf: " + command);
    }
    return new Run(firstTrade, memory);
  }

  private static long[] values(List<Run> runs, String key) {
    long[] values = new long[runs.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = key == null ? runs.get(i).firstTradeNanos() : runs.get(i).memory().get(key);
    }
    return values;
  }

  static String summary(int runs, List<Run> with, List<Run> without) {
    StringBuilder out = new StringBuilder();
    out.append("Machine: ").append(JavaProcess.machine()).append('\n');
    out.append("Runs: ").append(runs).append(" of each, interleaved\n\n");
    out.append("| figure | without agent (median) | with agent (median) | added |\n");
    out.append("|---|---|---|---|\n");
    double withMs = Percentiles.median(values(with, null)) / 1e6;
    double withoutMs = Percentiles.median(values(without, null)) / 1e6;
    out.append(
        String.format(
            "| time to first trade | %.1f ms | %.1f ms | %.1f ms |%n",
            withoutMs, withMs, withMs - withoutMs));
    String[][] rows = {
      {"heapUsed", "heap used after full GC", "MiB"},
      {"metaspaceUsed", "metaspace used", "MiB"},
      {"classes", "loaded classes", ""},
      {"threads", "live threads", ""}
    };
    for (String[] row : rows) {
      double scale = row[2].equals("MiB") ? 1024.0 * 1024.0 : 1;
      double a = Percentiles.median(values(without, row[0])) / scale;
      double b = Percentiles.median(values(with, row[0])) / scale;
      String format =
          row[2].isEmpty()
              ? "| %s | %.0f%s | %.0f%s | %.0f%s |%n"
              : "| %s | %.2f %s | %.2f %s | %.2f %s |%n";
      out.append(String.format(format, row[1], a, row[2], b, row[2], b - a, row[2]));
    }
    return out.toString();
  }
}
