package dev.walletwatch.bench.endtoend;

import dev.walletwatch.bench.support.Args;
import dev.walletwatch.bench.support.JavaProcess;
import dev.walletwatch.bench.support.Percentiles;
import dev.walletwatch.bench.support.UdpSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * End to end on loopback: the XChange demo bot with the agent, {@code monitor local}, the receiver
 * with the Aliyun provider, and {@link AliyunStandIn}. The bot sells BTC below 5 and deposits it
 * back, {@code crossings} times; each latency runs from the bot's {@code sell} line to the next
 * SendSms request at the stand-in.
 *
 * <pre>
 * java -cp benchmarks.jar dev.walletwatch.bench.endtoend.EndToEndRunner --agent AGENT_JAR
 *     --monitor MONITOR_JAR --receiver RECEIVER_JAR --app demo-apps.jar --config instrumentation.yml
 *     --dir DIR [--crossings 20] [--step-ms 4000] [--out summary.md]
 * </pre>
 */
public final class EndToEndRunner {

  private static final String TOKEN = "bench-token-0123456789abcdef";
  private static final String QUERY = "min(last_1s):min:quant.wallet.balance{currency:btc} < 5";

  private EndToEndRunner() {}

  public static void main(String[] arguments) throws Exception {
    Args args = Args.parse(arguments);
    Path agentJar = args.existingFile("agent");
    Path monitorJar = args.existingFile("monitor");
    Path receiverJar = args.existingFile("receiver");
    Path appJar = args.existingFile("app");
    Path config = args.existingFile("config");
    Path dir = Path.of(args.get("dir", "target/end-to-end")).toAbsolutePath();
    Files.createDirectories(dir);
    for (String name : List.of("walletwatch.db", "walletwatch.db-wal", "walletwatch.db-shm")) {
      Files.deleteIfExists(dir.resolve(name));
    }
    int crossings = args.getInt("crossings", 20);
    int stepMillis = args.getInt("step-ms", 4000);

    List<Long> sells = new ArrayList<>();
    List<Process> started = new ArrayList<>();
    try (AliyunStandIn aliyun = new AliyunStandIn()) {
      int receiverPort = freeTcpPort();
      int statsdPort = UdpSink.unusedPort();
      started.add(startReceiver(receiverJar, dir, receiverPort, aliyun.url()));
      started.add(startMonitor(monitorJar, dir, receiverPort, statsdPort));
      Thread.sleep(3000);
      runBot(agentJar, config, appJar, statsdPort, crossings, stepMillis, sells);
      Thread.sleep(5000);
      List<Long> sms = aliyun.sendSmsNanos();
      String summary = summary(sells, sms, crossings);
      System.out.println(summary);
      String out = args.get("out", null);
      if (out != null) {
        Files.writeString(Path.of(out), summary);
      }
    } finally {
      for (Process process : started) {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    }
  }

  private static int freeTcpPort() throws IOException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return probe.getLocalPort();
    }
  }

  private static Process startReceiver(Path jar, Path dir, int port, String aliyunUrl)
      throws IOException {
    Path config = dir.resolve("receiver.yml");
    Files.writeString(
        config,
        """
        server:
          host: 127.0.0.1
          port: %d
          token: %s
          allow: ["127.0.0.1/32"]
        store: %s
        sms:
          provider: aliyun
          aliyun:
            accessKeyId: bench-access-key-id
            accessKeySecret: bench-access-key-secret
            endpoint: %s
            signName: walletwatch
            signature: v3
        rules:
          - name: btc-low
            metric: quant.wallet.balance
            scope: {currency: btc}
            below: 5
            transitions: [Triggered, Re-Triggered]
            phones: ["+8613800000000"]
            template: SMS_000000
            params: {metric: "btc", value: "{value}"}
        """
            .formatted(port, TOKEN, dir.resolve("walletwatch.db"), aliyunUrl));
    return new ProcessBuilder(
            JavaProcess.javaLauncher(),
            "-Xmx64m",
            "-jar",
            jar.toString(),
            "serve",
            "--config",
            config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("receiver.log").toFile())
        .start();
  }

  private static Process startMonitor(Path jar, Path dir, int receiverPort, int statsdPort)
      throws IOException {
    Path config = dir.resolve("monitors.yml");
    Files.writeString(
        config,
        """
        webhook:
          name: walletwatch
          url: http://127.0.0.1:%d/webhooks/datadog
          token: %s
        monitors:
          - name: BTC wallet balance below 5
            query: "%s"
            message: "BTC balance {{value}} is below {{threshold}}."
        local:
          evaluateEvery: 200ms
        """
            .formatted(receiverPort, TOKEN, QUERY));
    return new ProcessBuilder(
            JavaProcess.javaLauncher(),
            "-jar",
            jar.toString(),
            "local",
            config.toString(),
            "--statsd-port",
            String.valueOf(statsdPort),
            "--statsd-host",
            "127.0.0.1")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("monitor.log").toFile())
        .start();
  }

  /** Runs the bot to its end and records when each sell line appeared. */
  private static void runBot(
      Path agentJar,
      Path config,
      Path appJar,
      int statsdPort,
      int crossings,
      int stepMillis,
      List<Long> sells)
      throws IOException, InterruptedException {
    StringJoiner moves = new StringJoiner(",");
    for (int i = 0; i < crossings; i++) {
      moves.add("-4").add("+4");
    }
    List<String> command =
        List.of(
            JavaProcess.javaLauncher(),
            "-javaagent:" + agentJar + "=config=" + config,
            "-jar",
            appJar.toString(),
            "--btc=8",
            "--moves=" + moves,
            "--step=" + stepMillis + "ms",
            "--poll=100ms",
            "--tail=3s");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("DD_AGENT_HOST", "127.0.0.1");
    builder.environment().put("DD_DOGSTATSD_PORT", String.valueOf(statsdPort));
    Process process = builder.start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("sell ")) {
          sells.add(System.nanoTime());
        }
        System.out.println("bot: " + line);
      }
    }
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Pairs each sell with the first SendSms after it and before the next sell. */
  private static String summary(List<Long> sells, List<Long> sms, int crossings) {
    List<Long> latencies = new ArrayList<>();
    for (int i = 0; i < sells.size(); i++) {
      long sell = sells.get(i);
      long next = i + 1 < sells.size() ? sells.get(i + 1) : Long.MAX_VALUE;
      for (long arrival : sms) {
        if (arrival > sell && arrival < next) {
          latencies.add((arrival - sell) / 1_000_000);
          break;
        }
      }
    }
    long[] millis = latencies.stream().mapToLong(Long::longValue).toArray();
    return String.format(
        "Machine: %s%nCrossings: %d sells, %d SendSms requests, %d paired%n%n"
            + "| figure | p50 | p99 | max |%n|---|---|---|---|%n"
            + "| sell to SendSms | %.0f ms | %.0f ms | %.0f ms |%n",
        JavaProcess.machine(),
        sells.size(),
        sms.size(),
        millis.length,
        Percentiles.of(millis, 50),
        Percentiles.of(millis, 99),
        Percentiles.of(millis, 100));
  }
}
