package dev.walletwatch.monitor.local;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Receives DogStatsD datagrams on a UDP socket and passes each gauge value on. */
final class StatsdListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StatsdListener.class);

  /** The largest UDP payload, so that no datagram is cut (the Agent's default buffer is 8 KiB). */
  private static final int MAX_DATAGRAM_BYTES = 65_507;

  private final DatagramSocket socket;
  private final Clock clock;
  private final Consumer<GaugeSample> samples;
  private final AtomicLong invalidLines = new AtomicLong();
  private final Thread thread;

  /** Binds {@code address}; port 0 picks a free port, which {@link #address()} then returns. */
  StatsdListener(InetSocketAddress address, Clock clock, Consumer<GaugeSample> samples)
      throws SocketException {
    this.socket = new DatagramSocket(address);
    this.clock = clock;
    this.samples = samples;
    this.thread = new Thread(this::receiveLoop, "statsd-listener");
    this.thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  InetSocketAddress address() {
    return (InetSocketAddress) socket.getLocalSocketAddress();
  }

  private void receiveLoop() {
    byte[] buffer = new byte[MAX_DATAGRAM_BYTES];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        if (!socket.isClosed()) {
          LOG.error("receiving a DogStatsD datagram failed: error=\"{}\"", e.getMessage());
        }
        continue;
      }
      String datagram =
          new String(
              packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
      DogStatsdParser.parse(datagram, clock.instant(), samples, this::reportInvalid);
    }
  }

  /** Logs the 1st, 10th, 100th... invalid line, so that a broken sender cannot flood the log. */
  private void reportInvalid(String problem) {
    long count = invalidLines.incrementAndGet();
    if (Long.toString(count).matches("10*")) {
      LOG.warn(
          "dropped an invalid DogStatsD gauge line: {} (invalid_lines_total={})", problem, count);
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      thread.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
