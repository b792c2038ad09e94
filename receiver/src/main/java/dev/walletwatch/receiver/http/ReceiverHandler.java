package dev.walletwatch.receiver.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.walletwatch.receiver.Troubleshooting;
import dev.walletwatch.receiver.config.ReceiverConfig;
import dev.walletwatch.receiver.datadog.InvalidPayloadException;
import dev.walletwatch.receiver.intake.WebhookIntake;
import dev.walletwatch.receiver.metrics.Metrics;
import dev.walletwatch.receiver.store.StorageException;
import dev.walletwatch.receiver.store.Store;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Serves {@code POST /webhooks/datadog} and {@code GET /healthz}.
 *
 * <p>Datadog retries a webhook only after a 5xx response and never after a 4xx. So the handler
 * returns 4xx only for a request that can never succeed (wrong caller, wrong token, not a webhook,
 * too large) and 503 for anything transient, such as a store that cannot commit. It returns 200
 * only after the event is committed.
 */
public final class ReceiverHandler extends Handler.Abstract {
  /** The path Datadog posts to. */
  public static final String WEBHOOK_PATH = "/webhooks/datadog";

  /** The error of a 401 response, also logged. */
  public static final String UNAUTHORIZED_MESSAGE =
      "missing or wrong bearer token in the Authorization header; "
          + Troubleshooting.see(Troubleshooting.RETURNS_401);

  /** The error of a 403 response, also logged. */
  /** The error of a 503 response when the store cannot commit. */
  public static final String STORE_FAILED_MESSAGE =
      "the store cannot commit, so retry later; "
          + Troubleshooting.see(Troubleshooting.RETURNS_503);

  /** The health check path. */
  public static final String HEALTH_PATH = "/healthz";

  /** The maximum body size accepted, in bytes. Datadog's payloads are a few KiB. */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(ReceiverHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final AccessControl access;
  private final WebhookIntake intake;
  private final Store store;
  private final Metrics metrics;
  private final Duration readTimeout;
  private final Clock clock;
  private final LogThrottle rejectionLog = new LogThrottle(10_000);

  public ReceiverHandler(
      ReceiverConfig.Server settings,
      WebhookIntake intake,
      Store store,
      Metrics metrics,
      Clock clock) {
    super(InvocationType.BLOCKING);
    this.access = new AccessControl(settings.allow(), settings.token());
    this.intake = intake;
    this.store = store;
    this.metrics = metrics;
    this.readTimeout = settings.readTimeout();
    this.clock = clock;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    String method = request.getMethod();
    String caller = Request.getRemoteAddr(request);
    if (!access.allows(caller)) {
      // The message names the address because behind a proxy it is the proxy's, which is the fact
      // the user needs. The log throttle keys on the status only, so callers cannot grow its map.
      return reject(
          response,
          callback,
          HttpStatus.FORBIDDEN_403,
          AccessControl.notAllowedMessage(caller),
          "403");
    }
    if (HEALTH_PATH.equals(path)) {
      if (!"GET".equals(method)) {
        return reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, error("use GET"));
      }
      return health(response, callback);
    }
    if (!WEBHOOK_PATH.equals(path)) {
      return reply(
          response,
          callback,
          HttpStatus.NOT_FOUND_404,
          error("no such path; post webhooks to " + WEBHOOK_PATH));
    }
    if (!"POST".equals(method)) {
      return reply(response, callback, HttpStatus.METHOD_NOT_ALLOWED_405, error("use POST"));
    }
    return webhook(request, response, callback);
  }

  private boolean webhook(Request request, Response response, Callback callback) {
    if (!access.authorized(request.getHeaders().get(HttpHeader.AUTHORIZATION))) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
      return reject(response, callback, HttpStatus.UNAUTHORIZED_401, UNAUTHORIZED_MESSAGE);
    }
    // A declared length over the limit is rejected before a byte of the body is read.
    if (request.getLength() > MAX_BODY_BYTES) {
      return tooLarge(response, callback);
    }
    String contentType = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
    new BoundedBodyReader(
            request, MAX_BODY_BYTES, new BodyListener(contentType, response, callback))
        .start(readTimeout);
    return true;
  }

  /** Completes a webhook request once its body is read, too large, late or broken. */
  private final class BodyListener implements BoundedBodyReader.Listener {
    private final String contentType;
    private final Response response;
    private final Callback callback;

    BodyListener(String contentType, Response response, Callback callback) {
      this.contentType = contentType;
      this.response = response;
      this.callback = callback;
    }

    @Override
    public void onBody(byte[] body) {
      accept(body, contentType, response, callback);
    }

    @Override
    public void onTooLarge() {
      tooLarge(response, callback);
    }

    @Override
    public void onTimeout() {
      response.getHeaders().put(HttpHeader.CONNECTION, "close");
      reject(
          response,
          callback,
          HttpStatus.REQUEST_TIMEOUT_408,
          "request body not received within " + readTimeout.toSeconds() + "s");
    }

    @Override
    public void onFailure(Throwable failure) {
      // The client went away or broke the framing; no response can reach it.
      LOG.info("webhook.read_failed error=\"{}\"", failure.toString());
      callback.failed(failure);
    }
  }

  private void accept(byte[] body, String contentType, Response response, Callback callback) {
    WebhookIntake.Result result;
    try {
      result = intake.accept(body, contentType);
    } catch (InvalidPayloadException e) {
      reject(response, callback, HttpStatus.BAD_REQUEST_400, e.getMessage());
      return;
    } catch (StorageException e) {
      LOG.error(
          "webhook.store_failed status=503 error=\"{}\" {}",
          e.getMessage(),
          Troubleshooting.see(Troubleshooting.RETURNS_503));
      reject(response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, STORE_FAILED_MESSAGE);
      return;
    } catch (RuntimeException e) {
      // A bug, not the caller's fault: 5xx so that Datadog retries after it is fixed.
      LOG.error("webhook.internal_error status=500", e);
      reject(
          response,
          callback,
          HttpStatus.INTERNAL_SERVER_ERROR_500,
          "internal error; see the receiver log");
      return;
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("status", result.stored().duplicate() ? "duplicate" : "stored");
    out.put("event", result.stored().eventId());
    out.put("deliveries", result.stored().deliveryIds().size());
    LOG.info(
        "webhook.accepted id={} transition={} duplicate={} deliveries={}",
        result.event().id(),
        result.event().transition() == null ? "" : result.event().transition().label(),
        result.stored().duplicate(),
        result.stored().deliveryIds().size());
    metrics.increment("webhooks.accepted", "duplicate:" + result.stored().duplicate());
    reply(response, callback, HttpStatus.OK_200, out);
  }

  private boolean health(Response response, Callback callback) {
    Store.Health health = store.health();
    ObjectNode out = JSON.createObjectNode();
    out.put("store", health.ok() ? "ok" : "failed");
    if (!health.ok()) {
      out.put("error", health.error());
    }
    out.put("outboxDepth", health.outboxDepth());
    Long oldest = health.oldestPendingCreatedAtMillis();
    if (oldest == null) {
      out.putNull("oldestPendingAgeSeconds");
    } else {
      out.put("oldestPendingAgeSeconds", Math.max(0, (clock.millis() - oldest) / 1000));
    }
    // Failed deliveries stay failed until someone acts, so they are reported next to the outbox.
    out.put("failedDeliveries", health.failedDeliveries());
    if (health.lastFailedCode() == null) {
      out.putNull("lastFailedCode");
    } else {
      out.put("lastFailedCode", health.lastFailedCode());
    }
    if (health.ok()) {
      metrics.gauge("outbox.depth", health.outboxDepth());
    }
    return reply(
        response,
        callback,
        health.ok() ? HttpStatus.OK_200 : HttpStatus.SERVICE_UNAVAILABLE_503,
        out);
  }

  private boolean tooLarge(Response response, Callback callback) {
    // The rest of the body is not read; closing the connection discards it.
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    return reject(
        response,
        callback,
        HttpStatus.PAYLOAD_TOO_LARGE_413,
        "body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  private boolean reject(Response response, Callback callback, int status, String message) {
    return reject(response, callback, status, message, status + message);
  }

  /** Rejects the request, logging it unless a line with the same {@code logKey} was just logged. */
  private boolean reject(
      Response response, Callback callback, int status, String message, String logKey) {
    metrics.increment("webhooks.rejected", "status:" + status);
    if (status != HttpStatus.SERVICE_UNAVAILABLE_503) {
      long skipped = rejectionLog.admit(logKey, clock.millis());
      if (skipped >= 0) {
        // A wrong token or caller can mean a misconfigured sender or a probe, so it is a warning.
        Level level =
            status == HttpStatus.UNAUTHORIZED_401 || status == HttpStatus.FORBIDDEN_403
                ? Level.WARN
                : Level.INFO;
        LOG.atLevel(level)
            .log(
                "webhook.rejected status={} reason=\"{}\" repeats_not_logged={}",
                status,
                message,
                skipped);
      }
    }
    return reply(response, callback, status, error(message));
  }

  private static ObjectNode error(String message) {
    ObjectNode out = JSON.createObjectNode();
    out.put("error", message);
    return out;
  }

  private static boolean reply(Response response, Callback callback, int status, ObjectNode body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    byte[] bytes = (body.toString() + "\n").getBytes(StandardCharsets.UTF_8);
    response.write(true, ByteBuffer.wrap(bytes), callback);
    return true;
  }
}
