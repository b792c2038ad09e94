package dev.walletwatch.agent;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * Checks, once and off the application's threads, that something listens at the DogStatsD address.
 * UDP gives no delivery feedback, so the port check sends one count ({@code
 * walletwatch.agent.starts:1|c}) on a connected socket and waits briefly for the ICMP "port
 * unreachable" that the local kernel reports as {@link PortUnreachableException}. A remote host or
 * a firewall may send no such reply, so silence is not proof that anyone listens.
 */
final class StartupChecks implements Runnable {

  static final String START_COUNT = "walletwatch.agent.starts:1|c";
  private static final int REPLY_WAIT_MILLIS = 500;

  private final String host;
  private final int port;

  StartupChecks(String host, int port) {
    this.host = host;
    this.port = port;
  }

  @Override
  public void run() {
    InetAddress address;
    try {
      address = InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      // The flusher's connection reports this and keeps retrying.
      return;
    }
    String problem = probe(new InetSocketAddress(address, port));
    if (problem != null) {
      AgentLog.warn(problem);
    }
  }

  /** Returns a warning when nothing listens at {@code target}, otherwise null. */
  static String probe(InetSocketAddress target) {
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(target);
      socket.setSoTimeout(REPLY_WAIT_MILLIS);
      byte[] count = START_COUNT.getBytes(StandardCharsets.UTF_8);
      socket.send(new DatagramPacket(count, count.length));
      socket.receive(new DatagramPacket(new byte[64], 64));
      return null;
    } catch (PortUnreachableException e) {
      return "nothing listens on UDP "
          + target.getHostString()
          + ":"
          + target.getPort()
          + " (port unreachable); gauges are lost until a DogStatsD server listens there."
          + " Start the Datadog Agent or walletwatch-monitor local, or fix statsd.port";
    } catch (SocketTimeoutException e) {
      return null;
    } catch (IOException e) {
      return "cannot check DogStatsD at " + target + ": " + e;
    }
  }
}
