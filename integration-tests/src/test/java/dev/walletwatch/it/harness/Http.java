package dev.walletwatch.it.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/** Small TCP helpers for waiting on servers started in other JVMs. */
public final class Http {

  private Http() {}

  /** Waits until 127.0.0.1:{@code port} accepts a TCP connection, failing fast if owner exits. */
  public static void awaitListening(int port, Duration timeout, JvmProcess owner) {
    Wait.until(
        "port " + port + " to accept connections",
        timeout,
        () -> accepts(port),
        () -> !owner.isAlive(),
        owner::describe);
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
