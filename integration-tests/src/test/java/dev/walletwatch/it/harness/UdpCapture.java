package dev.walletwatch.it.harness;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * A UDP socket on 127.0.0.1 that records every DogStatsD line it receives, standing where the
 * Datadog agent would listen.
 */
public final class UdpCapture implements AutoCloseable {

  private final DatagramSocket socket;
  private final List<StatsdLine> lines = new CopyOnWriteArrayList<>();
  private final List<String> unparsed = new CopyOnWriteArrayList<>();
  private final Thread reader;

  /** Binds a free port on 127.0.0.1 and starts reading. */
  public UdpCapture() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(Loopback.HOST, 0));
    reader = new Thread(this::read, "udp-capture-" + socket.getLocalPort());
    reader.setDaemon(true);
    reader.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Returns every line received so far that parsed as a DogStatsD metric. */
  public List<StatsdLine> lines() {
    return List.copyOf(lines);
  }

  /** Returns the gauges named {@code metric} received so far, oldest first. */
  public List<StatsdLine> gauges(String metric) {
    return lines.stream().filter(l -> l.name().equals(metric) && l.type().equals("g")).toList();
  }

  /** Waits until a received line matches {@code condition}; fails with what arrived otherwise. */
  public StatsdLine await(String description, Predicate<StatsdLine> condition, Duration timeout) {
    Wait.until(
        description,
        timeout,
        () -> lines.stream().anyMatch(condition),
        () -> "received: " + lines + "\nunparsed: " + unparsed);
    return lines.stream().filter(condition).findFirst().orElseThrow();
  }

  private void read() {
    byte[] buffer = new byte[65_535];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (IOException e) {
        return;
      }
      String text =
          new String(
              packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
      // One datagram may carry several metrics separated by newlines.
      for (String line : text.split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        StatsdLine parsed = StatsdLine.parse(line);
        if (parsed == null) {
          unparsed.add(line);
        } else {
          lines.add(parsed);
        }
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
