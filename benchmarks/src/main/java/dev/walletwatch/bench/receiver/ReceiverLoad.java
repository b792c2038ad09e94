package dev.walletwatch.bench.receiver;

import dev.walletwatch.bench.support.Args;
import dev.walletwatch.bench.support.JavaProcess;
import dev.walletwatch.bench.support.Percentiles;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Load on the receiver jar over loopback: start time, accept latency at fixed request rates, the
 * most webhooks accepted per second by a closed loop (and by {@code wrk} when it is installed), RSS
 * and jar size.
 *
 * <p>Fixed-rate latency is measured from each request's scheduled send time, not from when it was
 * actually sent, so a stalled server shows in the figures instead of slowing the load down.
 *
 * <pre>
 * java -cp benchmarks.jar dev.walletwatch.bench.receiver.ReceiverLoad --receiver receiver.jar
 *     --dir STORE_DIR [--rates 100,500,1000] [--seconds 10] [--max-seconds 10]
 *     [--concurrency 16] [--nmt] [--jvm-option "-XX:..."] [--out summary.md]
 * </pre>
 */
public final class ReceiverLoad {

  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final AtomicLong ids = new AtomicLong();
  private final String runId = Long.toString(System.currentTimeMillis(), 36);
  private ReceiverProcess receiver;

  /** Figures of one load phase. */
  record Phase(
      String name, int sent, int ok, int other, int failed, double seconds, long[] micros) {

    String row() {
      return String.format(
          "| %s | %d | %d | %d | %d | %.0f | %.2f ms | %.2f ms | %.2f ms |%n",
          name,
          sent,
          ok,
          other,
          failed,
          ok / seconds,
          Percentiles.of(micros, 50) / 1000,
          Percentiles.of(micros, 99) / 1000,
          Percentiles.of(micros, 100) / 1000);
    }
  }

  public static void main(String[] arguments) throws Exception {
    Args args = Args.parse(arguments, "nmt");
    Path receiverJar = args.existingFile("receiver");
    Path dir = Path.of(args.get("dir", "target/receiver-bench")).toAbsolutePath();
    Files.createDirectories(dir);
    Files.deleteIfExists(dir.resolve("walletwatch.db"));
    Files.deleteIfExists(dir.resolve("walletwatch.db-wal"));
    Files.deleteIfExists(dir.resolve("walletwatch.db-shm"));
    int seconds = args.getInt("seconds", 10);
    int maxSeconds = args.getInt("max-seconds", 10);
    int concurrency = args.getInt("concurrency", 16);
    String summary =
        new ReceiverLoad().run(receiverJar, dir, args, seconds, maxSeconds, concurrency);
    System.out.println(summary);
    String out = args.get("out", null);
    if (out != null) {
      Files.writeString(Path.of(out), summary);
    }
  }

  private String run(
      Path receiverJar, Path dir, Args args, int seconds, int maxSeconds, int concurrency)
      throws Exception {
    List<Phase> phases = new ArrayList<>();
    String wrk;
    long startNanos;
    long rssKib;
    long peakKib;
    long threads;
    String nativeMemory = "";
    boolean nmt = args.flag("nmt");
    List<String> jvmOptions = new ArrayList<>();
    if (nmt) {
      jvmOptions.add("-XX:NativeMemoryTracking=summary");
    }
    String extra = args.get("jvm-option", null);
    if (extra != null) {
      jvmOptions.addAll(List.of(extra.split(" ")));
    }
    try (ReceiverProcess started = ReceiverProcess.start(receiverJar, dir, jvmOptions)) {
      receiver = started;
      startNanos = receiver.awaitServing(client);
      System.out.printf("receiver serving after %.0f ms%n", startNanos / 1e6);
      fixedRate(200, 3, "warm-up");
      for (String rate : args.get("rates", "100,500,1000").split(",")) {
        Phase phase = fixedRate(Integer.parseInt(rate.trim()), seconds, rate.trim() + "/s fixed");
        System.out.print(phase.row());
        phases.add(phase);
      }
      Phase max = closedLoop(concurrency, maxSeconds);
      System.out.print(max.row());
      phases.add(max);
      wrk = Wrk.run(dir, receiver.uri("/webhooks/datadog"), runId, maxSeconds);
      rssKib = receiver.statusNumber("VmRSS");
      peakKib = receiver.statusNumber("VmHWM");
      threads = receiver.statusNumber("Threads");
      if (nmt) {
        nativeMemory = receiver.nativeMemorySummary();
        Files.writeString(dir.resolve("native-memory.txt"), nativeMemory);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("Machine: ").append(JavaProcess.machine()).append('\n');
    out.append("Receiver: -Xmx64m ")
        .append(args.get("jvm-option", ""))
        .append(", log SMS provider, SQLite store in ")
        .append(dir)
        .append('\n');
    out.append(String.format("Jar: %.1f MiB%n", Files.size(receiverJar) / 1024.0 / 1024.0));
    out.append(String.format("Start to first 200 on /healthz: %.0f ms%n", startNanos / 1e6));
    out.append(
        String.format(
            "RSS after the load: %.1f MiB (peak %.1f MiB), %d threads%n",
            rssKib / 1024.0, peakKib / 1024.0, threads));
    out.append("\n| load | sent | 200 | other status | failed | accepted/s | p50 | p99 | max |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    phases.forEach(phase -> out.append(phase.row()));
    out.append('\n').append(wrk).append('\n');
    if (nmt) {
      out.append(
          "\nNative memory tracking (-XX:NativeMemoryTracking=summary, after the load):\n\n```\n");
      nativeMemory
          .lines()
          .filter(line -> line.startsWith("Total") || line.startsWith("-"))
          .forEach(line -> out.append(line.strip()).append('\n'));
      out.append("```\n");
    }
    return out.toString();
  }

  private HttpRequest webhook() {
    String id = "bench-" + runId + "-" + ids.incrementAndGet();
    return HttpRequest.newBuilder(receiver.uri("/webhooks/datadog"))
        .timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + ReceiverProcess.TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(Webhooks.triggered(id), StandardCharsets.UTF_8))
        .build();
  }

  /** Sends {@code rate} webhooks a second for {@code seconds}, without waiting for responses. */
  private Phase fixedRate(int rate, int seconds, String name) throws InterruptedException {
    int total = rate * seconds;
    long period = TimeUnit.SECONDS.toNanos(1) / rate;
    long[] latencies = new long[total];
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    AtomicLong lastDone = new AtomicLong();
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10);
    for (int i = 0; i < total; i++) {
      long scheduled = start + i * period;
      for (long wait = scheduled - System.nanoTime();
          wait > 0;
          wait = scheduled - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      int index = i;
      client
          .sendAsync(webhook(), HttpResponse.BodyHandlers.discarding())
          .whenComplete(
              (response, error) -> {
                long now = System.nanoTime();
                latencies[index] = now - scheduled;
                lastDone.accumulateAndGet(now, Math::max);
                if (error != null) {
                  failed.incrementAndGet();
                } else if (response.statusCode() == 200) {
                  ok.incrementAndGet();
                } else {
                  other.incrementAndGet();
                }
                done.countDown();
              });
    }
    if (!done.await(2, TimeUnit.MINUTES)) {
      throw new IllegalStateException(name + ": responses still missing after 2 minutes");
    }
    double elapsed = (lastDone.get() - start) / 1e9;
    long[] micros = Arrays.stream(latencies).map(n -> n / 1000).toArray();
    return new Phase(name, total, ok.get(), other.get(), failed.get(), elapsed, micros);
  }

  /** Latencies one closed-loop client recorded, in microseconds. */
  private static final class ClientLog {
    final long[] micros;
    int count;

    ClientLog(int capacity) {
      micros = new long[capacity];
    }
  }

  /**
   * Runs {@code users} threads that each send the next webhook once the previous response arrives.
   */
  private Phase closedLoop(int users, int seconds) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    AtomicInteger ok = new AtomicInteger();
    AtomicInteger other = new AtomicInteger();
    AtomicInteger failed = new AtomicInteger();
    List<ClientLog> logs = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int u = 0; u < users; u++) {
      ClientLog log = new ClientLog(seconds * 20_000);
      logs.add(log);
      Thread thread =
          new Thread(
              () -> {
                while (System.nanoTime() < end && log.count < log.micros.length) {
                  long sent = System.nanoTime();
                  try {
                    HttpResponse<Void> response =
                        client.send(webhook(), HttpResponse.BodyHandlers.discarding());
                    (response.statusCode() == 200 ? ok : other).incrementAndGet();
                  } catch (IOException e) {
                    failed.incrementAndGet();
                  } catch (InterruptedException e) {
                    return;
                  }
                  log.micros[log.count++] = (System.nanoTime() - sent) / 1000;
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] all =
        logs.stream().flatMapToLong(log -> Arrays.stream(log.micros, 0, log.count)).toArray();
    int sent = ok.get() + other.get() + failed.get();
    return new Phase(
        users + " clients, closed loop", sent, ok.get(), other.get(), failed.get(), elapsed, all);
  }
}
