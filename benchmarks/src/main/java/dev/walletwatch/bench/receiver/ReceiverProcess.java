package dev.walletwatch.bench.receiver;

import dev.walletwatch.bench.support.JavaProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The receiver jar running in its own JVM with {@code -Xmx64m}, the log SMS provider, a token and a
 * store file, bound to 127.0.0.1 on a free port.
 */
final class ReceiverProcess implements AutoCloseable {

  static final String TOKEN = "bench-token-0123456789abcdef";

  private final Process process;
  private final int port;
  private final long startNanos;

  private ReceiverProcess(Process process, int port, long startNanos) {
    this.process = process;
    this.port = port;
    this.startNanos = startNanos;
  }

  /** Writes the configuration into {@code dir} and starts the receiver; logs go to a file there. */
  static ReceiverProcess start(Path receiverJar, Path dir, List<String> jvmOptions)
      throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket()) {
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = probe.getLocalPort();
    }
    Path config = dir.resolve("receiver.yml");
    Files.writeString(
        config,
        """
        server:
          host: 127.0.0.1
          port: %d
          token: ${WALLETWATCH_WEBHOOK_TOKEN}
          allow: ["127.0.0.1/32"]
        store: %s
        sms:
          provider: log
        rules:
          - name: btc-low
            metric: quant.wallet.balance
            scope: {currency: btc}
            below: 5
            phones: ["+8613800000000"]
            template: SMS_000000
            params: {metric: "btc", value: "{value}"}
            repeatInterval: 30m
        """
            .formatted(port, dir.resolve("walletwatch.db")));
    List<String> command = new ArrayList<>();
    command.add(JavaProcess.javaLauncher());
    command.add("-Xmx64m");
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", receiverJar.toString(), "serve", "--config", config.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("receiver.log").toFile());
    builder.environment().put("WALLETWATCH_WEBHOOK_TOKEN", TOKEN);
    long start = System.nanoTime();
    return new ReceiverProcess(builder.start(), port, start);
  }

  /**
   * Polls {@code GET /healthz} every 10 ms until it returns 200.
   *
   * @return nanoseconds from process start to the first 200
   */
  long awaitServing(HttpClient client) throws InterruptedException {
    HttpRequest health =
        HttpRequest.newBuilder(uri("/healthz")).timeout(Duration.ofSeconds(2)).GET().build();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the receiver exited with " + process.exitValue());
      }
      try {
        if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return System.nanoTime() - startNanos;
        }
      } catch (IOException e) {
        // Not listening yet.
      }
      Thread.sleep(10);
    }
    throw new IllegalStateException("the receiver did not serve /healthz within 30 s");
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  long pid() {
    return process.pid();
  }

  /**
   * Returns the native memory summary from {@code jcmd PID VM.native_memory summary}; the JVM must
   * have been started with {@code -XX:NativeMemoryTracking=summary}.
   */
  String nativeMemorySummary() throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Path output = Files.createTempFile("walletwatch-nmt", ".txt");
    Process process =
        new ProcessBuilder(jcmd.toString(), String.valueOf(pid()), "VM.native_memory", "summary")
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    // A JVM that ran out of heap may never respond to the attach request.
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return "jcmd did not answer within 30 s";
    }
    return Files.readString(output);
  }

  /** Returns a number field of /proc/PID/status, such as VmRSS or VmHWM in KiB, or Threads. */
  long statusNumber(String field) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
      if (line.startsWith(field + ":")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    throw new IllegalStateException("no " + field + " in /proc/" + pid() + "/status");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
