package dev.walletwatch.bench.support;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A DogStatsD stand-in on 127.0.0.1: a UDP socket on a free port that a daemon thread drains,
 * remembering the metric names it saw. It proves that the agent wove and reported what a benchmark
 * configuration names.
 */
public final class UdpSink implements AutoCloseable {

  private final DatagramSocket socket;
  private final Set<String> metrics = ConcurrentHashMap.newKeySet();
  private final Thread reader;

  public UdpSink() throws SocketException {
    socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    reader = new Thread(this::drain, "udp-sink");
    reader.setDaemon(true);
    reader.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  /** Returns the metric names received so far. */
  public Set<String> metrics() {
    return metrics;
  }

  private void drain() {
    byte[] buffer = new byte[65_536];
    DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
    while (!socket.isClosed()) {
      try {
        socket.receive(packet);
      } catch (IOException e) {
        return;
      }
      String text =
          new String(
              packet.getData(), packet.getOffset(), packet.getLength(), StandardCharsets.UTF_8);
      // One datagram can carry several lines, each "name:value|type|#tags".
      for (String line : text.split("\n")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          metrics.add(line.substring(0, colon));
        }
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }

  /**
   * Returns a UDP port on 127.0.0.1 that was free a moment ago and has no listener now; datagrams
   * sent there are answered with ICMP port unreachable.
   */
  public static int unusedPort() throws SocketException {
    try (DatagramSocket probe =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      return probe.getLocalPort();
    }
  }
}
