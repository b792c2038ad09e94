package dev.walletwatch.monitor.local;

import dev.walletwatch.monitor.config.Secret;
import java.io.IOException;
import java.time.Duration;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs webhook events the way Datadog delivers them: JSON body, the bearer token in {@code
 * Authorization}, a retry after a connection failure or a 5xx response (up to {@link #MAX_RETRIES}
 * times, with doubling backoff), and none after a 4xx, which means the receiver rejected the event
 * for good.
 */
public final class WebhookSender {
  /** Datadog retries a missed delivery 5 times. */
  public static final int MAX_RETRIES = 5;

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /**
   * The result of one delivery.
   *
   * @param delivered whether the receiver returned 2xx
   * @param attempts how many requests were sent
   * @param detail the last status or error, for the log
   */
  public record Outcome(boolean delivered, int attempts, String detail) {}

  private final OkHttpClient client;
  private final String url;
  private final Secret token;
  private final Duration firstBackoff;

  /**
   * Creates a sender.
   *
   * @param timeout the time allowed for one request, connect to last byte (Datadog allows 15 s)
   * @param firstBackoff the wait before the first retry; each later retry waits twice as long, at
   *     most one minute
   */
  public WebhookSender(String url, Secret token, Duration timeout, Duration firstBackoff) {
    this.client =
        new OkHttpClient.Builder().callTimeout(timeout).retryOnConnectionFailure(false).build();
    this.url = url;
    this.token = token;
    this.firstBackoff = firstBackoff;
  }

  /** Returns true when a delivery that ended with {@code status} should be sent again. */
  static boolean isRetryable(int status) {
    return status >= 500;
  }

  /**
   * Delivers {@code body}, retrying as described on the class. Blocks through the backoff waits;
   * returns early, undelivered, when the thread is interrupted.
   */
  public Outcome deliver(String eventId, String body) {
    Duration backoff = firstBackoff;
    String detail = "not sent";
    for (int attempt = 1; attempt <= MAX_RETRIES + 1; attempt++) {
      boolean retryable;
      try {
        int status = post(body);
        if (status >= 200 && status < 300) {
          return new Outcome(true, attempt, "HTTP " + status);
        }
        detail = "HTTP " + status + rejectionHint(status);
        retryable = isRetryable(status);
      } catch (IOException e) {
        detail = "request failed: " + e.getMessage();
        retryable = true;
      }
      if (!retryable || attempt > MAX_RETRIES) {
        return new Outcome(false, attempt, detail);
      }
      LOG.warn(
          "webhook delivery failed, retrying: event_id={} attempt={} error=\"{}\" retry_in_ms={}",
          eventId,
          attempt,
          detail,
          backoff.toMillis());
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new Outcome(false, attempt, detail + "; interrupted before the next retry");
      }
      backoff =
          backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
              ? MAX_BACKOFF
              : backoff.multipliedBy(2);
    }
    return new Outcome(false, MAX_RETRIES + 1, detail);
  }

  /**
   * Returns what to check when the receiver rejects the webhook with {@code status}, because a 4xx
   * is final: the event is not sent again and its alert is lost.
   */
  static String rejectionHint(int status) {
    return switch (status) {
      case 401 ->
          ": the receiver rejected the bearer token; webhook.token must equal the receiver's"
              + " server.token (docs/troubleshooting.md#receiver-returns-401)";
      case 403 ->
          ": this machine's address is not in the receiver's server.allow"
              + " (docs/troubleshooting.md#receiver-returns-403)";
      default -> "";
    };
  }

  private int post(String body) throws IOException {
    Request request =
        new Request.Builder()
            .url(url)
            .header("Authorization", "Bearer " + token.reveal())
            .post(RequestBody.create(body, JSON))
            .build();
    try (Response response = client.newCall(request).execute()) {
      return response.code();
    }
  }

  /** Releases the HTTP client's threads and connections. */
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }
}
