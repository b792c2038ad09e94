package dev.walletwatch.bench.endtoend;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An Aliyun SMS endpoint on 127.0.0.1 that responds to every request with {@code Code: OK} and
 * records when each SendSms request arrived. It checks no signature, because only the arrival time
 * matters here.
 */
final class AliyunStandIn implements AutoCloseable {

  private static final byte[] OK =
      ("{\"Code\":\"OK\",\"Message\":\"OK\",\"BizId\":\"900619746936498440^0\","
              + "\"RequestId\":\"F655A8D5-B967-440B-8683-DAD6FF8DE990\"}")
          .getBytes(StandardCharsets.UTF_8);

  private final HttpServer server;
  private final List<Long> sendSmsNanos = new ArrayList<>();

  AliyunStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Returns the arrival times (System.nanoTime) of the SendSms requests so far. */
  synchronized List<Long> sendSmsNanos() {
    return new ArrayList<>(sendSmsNanos);
  }

  private void handle(HttpExchange exchange) throws IOException {
    long now = System.nanoTime();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String action = exchange.getRequestHeaders().getFirst("x-acs-action");
    String query = exchange.getRequestURI().getRawQuery();
    boolean sendSms =
        "SendSms".equals(action)
            || (query != null && query.contains("Action=SendSms"))
            || body.contains("Action=SendSms");
    if (sendSms) {
      synchronized (this) {
        sendSmsNanos.add(now);
      }
    }
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, OK.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(OK);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
