package dev.walletwatch.monitor.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletwatch.monitor.config.DatadogSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends requests to the Datadog API with the {@code DD-API-KEY} and {@code DD-APPLICATION-KEY}
 * headers. A 429 waits for the {@code X-RateLimit-Reset} seconds and retries, at most {@link
 * #MAX_RATE_LIMIT_RETRIES} times; every other failure becomes a {@link DatadogException} with a
 * message for the user.
 */
public final class DatadogClient {
  /** How often one request is retried after HTTP 429 before the command gives up. */
  public static final int MAX_RATE_LIMIT_RETRIES = 5;

  /** The maximum wait for one rate-limit reset; a larger header value is capped to it. */
  static final Duration MAX_RATE_LIMIT_WAIT = Duration.ofSeconds(60);

  private static final MediaType JSON_TYPE = MediaType.get("application/json");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Logger LOG = LoggerFactory.getLogger(DatadogClient.class);

  private final DatadogSettings settings;
  private final OkHttpClient client;
  private final Sleeper sleeper;

  /** Creates a client for the API at {@code settings.apiUrl()}. */
  public DatadogClient(DatadogSettings settings, Sleeper sleeper) {
    this.settings = settings;
    this.sleeper = sleeper;
    this.client = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(60)).build();
  }

  /** Returns the JSON at {@code path}, or null when Datadog returns 404. */
  public JsonNode get(String path) {
    return execute("GET", path, null, true);
  }

  /** Sends {@code body} with {@code method} (POST or PUT) and returns Datadog's JSON response. */
  public JsonNode send(String method, String path, JsonNode body) {
    return execute(method, path, body, false);
  }

  private JsonNode execute(String method, String path, JsonNode body, boolean notFoundIsNull) {
    String request = method + " " + path;
    for (int retry = 0; ; retry++) {
      try (Response response = client.newCall(build(method, path, body)).execute()) {
        String text = readBody(response);
        int status = response.code();
        if (status == 429 && retry < MAX_RATE_LIMIT_RETRIES) {
          waitForReset(response.header("X-RateLimit-Reset"), request);
          continue;
        }
        if (status == 404 && notFoundIsNull) {
          return null;
        }
        if (status >= 200 && status < 300) {
          return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        }
        throw new DatadogException(describeFailure(status, request, text));
      } catch (IOException e) {
        throw new DatadogException(
            "could not reach Datadog at "
                + settings.apiUrl()
                + " for "
                + request
                + ": "
                + e.getMessage()
                + "; check datadog.site or datadog.apiUrl and the network");
      }
    }
  }

  private Request build(String method, String path, JsonNode body) {
    Request.Builder builder =
        new Request.Builder()
            .url(settings.apiUrl() + path)
            .header("DD-API-KEY", settings.apiKey().reveal())
            .header("DD-APPLICATION-KEY", settings.appKey().reveal())
            .header("Accept", "application/json");
    RequestBody requestBody = body == null ? null : RequestBody.create(body.toString(), JSON_TYPE);
    return builder.method(method, requestBody).build();
  }

  private static String readBody(Response response) throws IOException {
    ResponseBody body = response.body();
    return body == null ? "" : body.string();
  }

  private void waitForReset(String resetHeader, String request) {
    Duration wait = Duration.ofSeconds(1);
    try {
      long seconds = Long.parseLong(resetHeader == null ? "1" : resetHeader.strip());
      wait = Duration.ofSeconds(Math.max(1, seconds));
    } catch (NumberFormatException e) {
      // An unreadable header still gets a short wait rather than an immediate retry.
    }
    if (wait.compareTo(MAX_RATE_LIMIT_WAIT) > 0) {
      wait = MAX_RATE_LIMIT_WAIT;
    }
    LOG.warn(
        "Datadog rate limit reached (HTTP 429), retrying: request=\"{}\" retry_in_s={}",
        request,
        wait.toSeconds());
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DatadogException("interrupted while waiting for Datadog's rate limit to reset");
    }
  }

  private String describeFailure(int status, String request, String body) {
    String datadogErrors = errors(body);
    if (status == 403) {
      return "Datadog rejected the API or application key (HTTP 403) for "
          + request
          + ": check that datadog.apiKey and datadog.appKey are valid keys of an organization on "
          + settings.site()
          + " ("
          + settings.apiUrl()
          + ") and that the application key may manage monitors and webhooks"
          + datadogErrors;
    }
    if (status == 401) {
      return "Datadog did not accept the credentials (HTTP 401) for "
          + request
          + ": check datadog.apiKey and datadog.appKey"
          + datadogErrors;
    }
    if (status == 429) {
      return "Datadog's rate limit was still exceeded (HTTP 429) after "
          + MAX_RATE_LIMIT_RETRIES
          + " retries of "
          + request
          + "; wait a minute and run the command again"
          + datadogErrors;
    }
    if (status >= 500) {
      return "Datadog failed with HTTP "
          + status
          + " for "
          + request
          + "; this is a Datadog-side error, so run the command again later (earlier changes of"
          + " this run stay applied)"
          + datadogErrors;
    }
    return "Datadog rejected " + request + " with HTTP " + status + datadogErrors;
  }

  /**
   * Returns Datadog's {@code errors} list as ". Datadog's errors: ...", or an excerpt of the body.
   */
  private static String errors(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    List<String> errors = new ArrayList<>();
    try {
      JsonNode node = JSON.readTree(body);
      node.path("errors").forEach(error -> errors.add(error.asText()));
    } catch (IOException e) {
      // Not JSON: an excerpt of the body follows below.
    }
    String text = errors.isEmpty() ? body.strip() : String.join("; ", errors);
    if (text.length() > 300) {
      text = text.substring(0, 300) + "...";
    }
    return ". Datadog's errors: " + text;
  }
}
