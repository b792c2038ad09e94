package dev.walletwatch.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Free ports on 127.0.0.1, found by binding port 0 and letting the kernel choose. */
public final class Loopback {

  public static final String HOST = "127.0.0.1";

  private Loopback() {}

  /**
   * Returns a TCP port that was free a moment ago. Another process may take it before the caller
   * binds it; the window is small on a test machine, and a clash fails the test loudly.
   */
  public static int freeTcpPort() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a TCP port on " + HOST, e);
    }
  }

  /** Returns a UDP port that was free a moment ago, with the same caveat as TCP. */
  public static int freeUdpPort() {
    try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(HOST, 0))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind a UDP port on " + HOST, e);
    }
  }
}
