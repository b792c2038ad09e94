package dev.walletwatch.demo.relay;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A DogStatsD relay for demo.sh: receives datagrams on one loopback UDP port, prints each gauge
 * line so the terminal shows what the agent sends, and forwards the datagram unchanged to another
 * port, where {@code monitor local} listens.
 *
 * <p>Usage: {@code java -cp demo-apps.jar dev.walletwatch.demo.relay.StatsdRelay LISTEN_PORT
 * FORWARD_PORT}. It runs until killed. A gauge is printed when its value differs from the last one
 * printed for the same name and tags, so the periodic re-sends of an unchanged balance stay quiet.
 * Lines that are not gauges (the agent's own counters) are forwarded without being printed.
 */
public final class StatsdRelay {

  private StatsdRelay() {}

  /** Prints a gauge line, {@code name:value|g|#tags}, when its series has a new value. */
  private static void printIfChanged(String line, Map<String, String> lastValues) {
    int colon = line.indexOf(':');
    int bar = line.indexOf('|');
    if (colon < 0 || bar < colon || !line.startsWith("|g", bar)) {
      return;
    }
    String value = line.substring(colon + 1, bar);
    int tagsStart = line.indexOf("|#");
    String tags = tagsStart < 0 ? "" : line.substring(tagsStart + 2);
    String series = line.substring(0, colon) + "{" + tags + "}";
    if (!value.equals(lastValues.put(series, value))) {
      System.out.println("gauge " + series + " = " + value);
    }
  }

  /** Relays from the first port to the second, both on 127.0.0.1. */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: StatsdRelay LISTEN_PORT FORWARD_PORT (UDP ports on 127.0.0.1)");
      System.exit(2);
    }
    int listenPort = Integer.parseInt(args[0]);
    InetSocketAddress target = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1]));
    try (DatagramSocket in = new DatagramSocket(new InetSocketAddress("127.0.0.1", listenPort));
        DatagramSocket out = new DatagramSocket()) {
      System.out.println("relaying UDP 127.0.0.1:" + listenPort + " -> " + target);
      Map<String, String> lastValues = new HashMap<>();
      byte[] buffer = new byte[65_535];
      while (true) {
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        in.receive(packet);
        out.send(new DatagramPacket(packet.getData(), packet.getLength(), target));
        String text = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
          printIfChanged(line, lastValues);
        }
      }
    }
  }
}
