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
 * Starts {@link BalanceBot} with and without the agent, rotating which goes first in each round,
 * and reports the median time from process start to the first trade and the heap and metaspace in
 * use after warm-up.
 *
 * <pre>
 * java -cp benchmarks.jar dev.walletwatch.bench.startup.StartupRunner --agent walletwatch-agent.jar
 *     [--runs 10] [--warmup-ms 3000] [--agent-option "-X..."] [--out summary.md]
 * </pre>
 */
public final class StartupRunner {

  private StartupRunner() {}

  /** Figures of one run of the bot. */
  record Run(long firstTradeNanos, Map<String, Long> memory) {}

  public static void main(String[] arguments) throws Exception {
    Args args = Args.parse(arguments);
    Path agentJar = args.existingFile("agent");
    int runs = args.getInt("runs", 10);
    String warmup = String.valueOf(args.getInt("warmup-ms", 3000));
    String option = args.get("agent-option", null);
    Path dir = Files.createTempDirectory("walletwatch-startup");

    List<Variant> variants = new ArrayList<>();
    variants.add(new Variant("without agent", null, List.of()));
    variants.add(new Variant("with agent", agentJar, List.of()));
    if (option != null) {
      variants.add(new Variant("with agent and " + option, agentJar, List.of(option.split(" "))));
    }
    try (UdpSink sink = new UdpSink()) {
      Path config = writeConfig(dir.resolve("instrumentation.yml"), sink.port());
      for (int i = 0; i < runs; i++) {
        // Rotate the order so that no variant always runs first, on a freshly idle machine.
        StringBuilder line = new StringBuilder("round " + (i + 1) + ": first trade");
        for (int k = 0; k < variants.size(); k++) {
          Variant variant = variants.get((i + k) % variants.size());
          Run run = run(variant.agentJar(), config, variant.jvmOptions(), warmup);
          variant.runs().add(run);
          line.append(String.format(" %s %.1f ms;", variant.name(), run.firstTradeNanos() / 1e6));
        }
        System.out.println(line);
      }
      if (!sink.metrics().contains("bot.balance")) {
        throw new IllegalStateException(
            "the agent never sent bot.balance (received " + sink.metrics() + ")");
      }
    }
    String summary = summary(runs, variants);
    System.out.println(summary);
    String out = args.get("out", null);
    if (out != null) {
      Files.writeString(Path.of(out), summary);
    }
  }

  /** One way of starting the bot, and its runs. */
  record Variant(String name, Path agentJar, List<String> jvmOptions, List<Run> runs) {
    Variant(String name, Path agentJar, List<String> jvmOptions) {
      this(name, agentJar, jvmOptions, new ArrayList<>());
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
  static Run run(Path agentJar, Path config, List<String> jvmOptions, String warmupMillis)
      throws IOException, InterruptedException {
    List<String> command =
        JavaProcess.command(agentJar, config, jvmOptions, BalanceBot.class, warmupMillis);
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
        if (line.startsWith("first-trade ") && firstTrade < 0) {
          firstTrade = System.nanoTime() - start;
          memory.put("cpuMillis", Long.parseLong(line.substring(line.indexOf('=') + 1)));
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
    if (firstTrade < 0 || memory.size() < 2) {
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

  static String summary(int runs, List<Variant> variants) {
    StringBuilder out = new StringBuilder();
    out.append("Machine: ").append(JavaProcess.machine()).append('\n');
    out.append("Runs: ").append(runs).append(" of each, interleaved\n\n");
    out.append("| figure |");
    variants.forEach(variant -> out.append(' ').append(variant.name()).append(" (median) |"));
    for (int k = 1; k < variants.size(); k++) {
      out.append(" added, ").append(variants.get(k).name()).append(" |");
    }
    out.append("\n|---|");
    out.append("---|".repeat(2 * variants.size() - 1)).append('\n');
    appendRow(out, variants, "time to first trade", null, 1e6, "ms");
    appendRow(out, variants, "CPU time to first trade", "cpuMillis", 1, "ms");
    appendRow(out, variants, "heap used after full GC", "heapUsed", 1024.0 * 1024.0, "MiB");
    appendRow(out, variants, "metaspace used", "metaspaceUsed", 1024.0 * 1024.0, "MiB");
    appendRow(out, variants, "loaded classes", "classes", 1, "");
    appendRow(out, variants, "live threads", "threads", 1, "");
    return out.toString();
  }

  private static void appendRow(
      StringBuilder out,
      List<Variant> variants,
      String label,
      String key,
      double scale,
      String unit) {
    String cell = unit.isEmpty() ? " %.0f |" : " %.2f " + unit + " |";
    out.append("| ").append(label).append(" |");
    double baseline = Percentiles.median(values(variants.get(0).runs(), key)) / scale;
    for (Variant variant : variants) {
      out.append(String.format(cell, Percentiles.median(values(variant.runs(), key)) / scale));
    }
    for (int k = 1; k < variants.size(); k++) {
      double median = Percentiles.median(values(variants.get(k).runs(), key)) / scale;
      out.append(String.format(cell, median - baseline));
    }
    out.append('\n');
  }
}
