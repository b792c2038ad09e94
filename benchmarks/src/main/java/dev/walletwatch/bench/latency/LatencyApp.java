package dev.walletwatch.bench.latency;

import dev.walletwatch.bench.support.Percentiles;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs in a JVM started with the agent: changes the balance, calls the woven method, and times
 * until the DogStatsD datagram with the new value arrives at its own UDP socket on the configured
 * port. Before each change it sleeps a random part of the flush interval, so that the changes fall
 * at every phase of the agent's flush cycle.
 *
 * <p>Usage: {@code LatencyApp PORT SAMPLES FLUSH_MILLIS}; prints {@code latency p50=.. p99=..
 * max=.. lost=..} in microseconds.
 */
public final class LatencyApp {

  static final String METRIC = "bench.latency";

  private LatencyApp() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    int port = Integer.parseInt(args[0]);
    int samples = Integer.parseInt(args[1]);
    long flushMillis = Long.parseLong(args[2]);
    LatencyWallet wallet = new LatencyWallet();
    long[] latencies = new long[samples];
    int measured = 0;
    int lost = 0;
    try (DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
      socket.setSoTimeout(1000);
      for (int i = 1; i <= samples; i++) {
        Thread.sleep(ThreadLocalRandom.current().nextLong(flushMillis + 1));
        // 1000.001, 1000.002, ...: each value is new, so the flusher sends it at its next tick.
        double value = 1000 + i / 1000.0;
        wallet.set(value);
        long start = System.nanoTime();
        wallet.balance();
        long arrived = awaitValue(socket, value, start + (10 * flushMillis + 2000) * 1_000_000);
        if (arrived < 0) {
          lost++;
        } else {
          latencies[measured++] = arrived - start;
        }
      }
    }
    long[] micros = Arrays.stream(Arrays.copyOf(latencies, measured)).map(n -> n / 1000).toArray();
    System.out.printf(
        "latency samples=%d p50=%.0f p99=%.0f max=%.0f lost=%d%n",
        measured,
        Percentiles.of(micros, 50),
        Percentiles.of(micros, 99),
        Percentiles.of(micros, 100),
        lost);
  }

  /** Returns the nanoTime at which a datagram carrying {@code value} arrived, or -1 on timeout. */
  private static long awaitValue(DatagramSocket socket, double value, long deadline)
      throws IOException {
    byte[] buffer = new byte[65_536];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (System.nanoTime() < deadline) {
      try {
        socket.receive(packet);
      } catch (SocketTimeoutException e) {
        continue;
      }
      long now = System.nanoTime();
      String text =
          new String(
              packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.startsWith(METRIC + ":")) {
          String number = line.substring(METRIC.length() + 1, line.indexOf('|'));
          if (Double.parseDouble(number) == value) {
            return now;
          }
        }
      }
    }
    return -1;
  }
}
