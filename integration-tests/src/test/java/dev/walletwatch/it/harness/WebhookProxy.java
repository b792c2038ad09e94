package dev.walletwatch.it.harness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An HTTP proxy on 127.0.0.1 between the monitor and the receiver that forwards every webhook but
 * replaces the receiver's answer to the first few with {@code 503}.
 *
 * <p>This reproduces the case where the receiver stored an event and the 200 never reached Datadog
 * (a timeout or a dropped connection): Datadog retries the same payload on 5xx, so the receiver
 * sees the same event id again and must act on it only once.
 */
public final class WebhookProxy implements AutoCloseable {

  private final HttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final URI target;
  private final AtomicInteger failuresLeft;
  private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();

  /** One forwarded webhook: its body, the receiver's status, and the status the caller got. */
  public record Exchange(String body, int receiverStatus, int returnedStatus) {}

  /**
   * Starts the proxy forwarding to {@code target}; the first {@code failures} POSTs get 503 after
   * the receiver has responded to them.
   */
  public WebhookProxy(URI target, int failures) throws IOException {
    this.target = target;
    this.failuresLeft = new AtomicInteger(failures);
    server = HttpServer.create(new InetSocketAddress(Loopback.HOST, 0), 0);
    server.createContext("/", this::forward);
    server.start();
  }

  /** Returns the URL to give the monitor as {@code webhook.url}. */
  public String url() {
    return "http://" + Loopback.HOST + ":" + server.getAddress().getPort() + target.getPath();
  }

  public List<Exchange> exchanges() {
    return List.copyOf(exchanges);
  }

  private void forward(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(10))
            .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
    for (String header : List.of("Authorization", "Content-Type")) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        request.header(header, value);
      }
    }
    int receiverStatus;
    byte[] answer;
    try {
      HttpResponse<byte[]> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      receiverStatus = response.statusCode();
      answer = response.body();
    } catch (IOException | InterruptedException e) {
      receiverStatus = 502;
      answer = ("proxy: receiver unreachable: " + e).getBytes(StandardCharsets.UTF_8);
    }
    int returned = receiverStatus;
    if (exchange.getRequestMethod().equals("POST") && failuresLeft.getAndDecrement() > 0) {
      returned = 503;
      answer = "proxy: answered 503 in place of the receiver".getBytes(StandardCharsets.UTF_8);
    }
    exchanges.add(new Exchange(new String(body, StandardCharsets.UTF_8), receiverStatus, returned));
    exchange.sendResponseHeaders(returned, answer.length == 0 ? -1 : answer.length);
    try (var out = exchange.getResponseBody()) {
      out.write(answer);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
