package dev.walletwatch.bench.latency;

import dev.walletwatch.bench.support.Args;
import dev.walletwatch.bench.support.JavaProcess;
import dev.walletwatch.bench.support.UdpSink;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Measures the time from a balance change to its DogStatsD datagram on the wire, with the agent's
 * default flush interval and with 100 ms, by starting {@link LatencyApp} with the agent.
 *
 * <pre>
 * java -cp benchmarks.jar dev.walletwatch.bench.latency.LatencyRunner --agent walletwatch-agent.jar
 *     [--samples-default 60] [--samples-fast 300] [--out summary.md]
 * </pre>
 */
public final class LatencyRunner {

  private LatencyRunner() {}

  public static void main(String[] arguments) throws Exception {
    Args args = Args.parse(arguments);
    Path agentJar = args.existingFile("agent");
    Path dir = Files.createTempDirectory("walletwatch-latency");
    StringBuilder summary = new StringBuilder();
    summary.append("Machine: ").append(JavaProcess.machine()).append("\n\n");
    summary.append(
        "| flushInterval | samples | p50 | p99 | max | lost |\n|---|---|---|---|---|---|\n");
    summary.append(
        measure(agentJar, dir, null, 1000, args.getInt("samples-default", 60), "1s (default)"));
    summary.append(measure(agentJar, dir, "100ms", 100, args.getInt("samples-fast", 300), "100ms"));
    System.out.println(summary);
    String out = args.get("out", null);
    if (out != null) {
      Files.writeString(Path.of(out), summary.toString());
    }
  }

  /** Runs the app once; {@code flushInterval} null leaves the key out so the default applies. */
  private static String measure(
      Path agentJar, Path dir, String flushInterval, long flushMillis, int samples, String label)
      throws IOException, InterruptedException {
    int port = UdpSink.unusedPort();
    String yaml =
        """
        statsd:
          host: 127.0.0.1
          port: %d
        %s
        gauges:
          - name: %s
            class: %s
            method: balance
            tags: {currency: btc}
        """
            .formatted(
                port,
                flushInterval == null ? "" : "  flushInterval: " + flushInterval,
                LatencyApp.METRIC,
                LatencyWallet.class.getName());
    Path config = Files.writeString(dir.resolve("latency-" + flushMillis + ".yml"), yaml);
    List<String> command =
        JavaProcess.command(
            agentJar,
            config,
            List.of(),
            LatencyApp.class,
            String.valueOf(port),
            String.valueOf(samples),
            String.valueOf(flushMillis));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
      throw new IllegalStateException("latency app failed:\n" + output);
    }
    String result =
        output
            .lines()
            .filter(line -> line.startsWith("latency "))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("no latency line in:\n" + output));
    System.out.println(label + ": " + result);
    String[] fields = result.split(" ");
    return String.format(
        "| %s | %s | %s ms | %s ms | %s ms | %s |%n",
        label,
        value(fields, "samples"),
        millis(value(fields, "p50")),
        millis(value(fields, "p99")),
        millis(value(fields, "max")),
        value(fields, "lost"));
  }

  private static String value(String[] fields, String key) {
    for (String field : fields) {
      if (field.startsWith(key + "=")) {
        return field.substring(key.length() + 1);
      }
    }
    throw new IllegalStateException("no " + key + " in the latency line");
  }

  private static String millis(String micros) {
    return String.format("%.1f", Double.parseDouble(micros) / 1000.0);
  }
}
