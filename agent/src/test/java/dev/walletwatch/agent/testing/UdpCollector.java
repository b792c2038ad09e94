package dev.walletwatch.agent.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A DogStatsD stand-in: a UDP socket on loopback that keeps every metric line it receives. */
public final class UdpCollector implements AutoCloseable {

  private final DatagramSocket socket;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final Thread reader;

  public UdpCollector() throws IOException {
    socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
    reader = new Thread(this::read, "udp-collector");
    reader.setDaemon(true);
    reader.start();
  }

  public int port() {
    return socket.getLocalPort();
  }

  public List<String> lines() {
    return new ArrayList<>(lines);
  }

  /** Waits up to five seconds until {@code count} lines have arrived, then returns all lines. */
  public List<String> awaitLines(int count) throws InterruptedException {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (lines.size() < count && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    return lines();
  }

  private void read() {
    byte[] buffer = new byte[65_536];
    while (!socket.isClosed()) {
      DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
      try {
        socket.receive(packet);
      } catch (SocketException closed) {
        return;
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (!line.isEmpty()) {
          lines.add(line);
        }
      }
    }
  }

  @Override
  public void close() {
    socket.close();
  }
}
