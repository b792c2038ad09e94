package dev.walletwatch.it.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Small TCP helpers for waiting on servers started in other JVMs. */
public final class Http {

  private Http() {}

  /** Waits until 127.0.0.1:{@code port} accepts a TCP connection, failing fast if owner exits. */
  public static void awaitListening(int port, Duration timeout, JvmProcess owner) {
    Awaitility.await("port " + port + " accepts connections")
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(100))
        .failFast(
            "the process that should listen exited:\n" + owner.describe(), () -> !owner.isAlive())
        .until(() -> accepts(port));
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(Loopback.HOST, port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
