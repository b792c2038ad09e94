package dev.walletwatch.monitor.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A stateful stand-in for the Datadog v1 webhooks-integration and monitor endpoints. It checks what
 * Datadog checks: both key headers (403 otherwise), the required body fields and their types,
 * custom variable names, and that {@code options.thresholds.critical} equals the query's threshold.
 * Like Datadog, it hides secret custom variable values and returns thresholds as doubles and extra
 * default options, so that apply must compare by value.
 */
final class FakeDatadog extends Dispatcher {
  static final String API_KEY = "fake-api-key-0123";
  static final String APP_KEY = "fake-app-key-4567";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WEBHOOKS = "/api/v1/integration/webhooks/configuration/webhooks";
  private static final String VARIABLES =
      "/api/v1/integration/webhooks/configuration/custom-variables";
  private static final String MONITORS = "/api/v1/monitor";
  private static final Pattern QUERY_THRESHOLD = Pattern.compile("(<=|>=|<|>)\\s*(-?[0-9.]+)\\s*$");

  /** A POST or PUT that reached the endpoints: method, path and parsed body. */
  record Mutation(String method, String path, JsonNode body) {}

  /**
   * A canned response for the next {@code times} requests whose "METHOD path" starts with a prefix.
   */
  private record Failure(String prefix, MockResponse response, int[] remaining) {}

  final Map<String, ObjectNode> webhooks = new LinkedHashMap<>();
  final Map<String, ObjectNode> variables = new LinkedHashMap<>();
  final Map<Long, ObjectNode> monitors = new LinkedHashMap<>();
  final List<Mutation> mutations = Collections.synchronizedList(new ArrayList<>());
  private final List<Failure> failures = new ArrayList<>();
  private long nextMonitorId = 1001;

  /**
   * Returns {@code response} to the next {@code times} requests that match a "METHOD path" prefix.
   */
  synchronized void fail(String requestPrefix, int times, MockResponse response) {
    failures.add(new Failure(requestPrefix, response, new int[] {times}));
  }

  @Override
  public synchronized MockResponse dispatch(RecordedRequest request) {
    String method = request.getMethod();
    String fullPath = request.getPath();
    for (Failure failure : failures) {
      if ((method + " " + fullPath).startsWith(failure.prefix()) && failure.remaining()[0] > 0) {
        failure.remaining()[0]--;
        return failure.response();
      }
    }
    if (!API_KEY.equals(request.getHeader("DD-API-KEY"))
        || !APP_KEY.equals(request.getHeader("DD-APPLICATION-KEY"))) {
      return error(403, "Forbidden");
    }
    try {
      JsonNode body = null;
      if (method.equals("POST") || method.equals("PUT")) {
        if (!String.valueOf(request.getHeader("Content-Type")).startsWith("application/json")) {
          return error(415, "Content-Type must be application/json");
        }
        body = JSON.readTree(request.getBody().readUtf8());
        if (!body.isObject()) {
          return error(400, "body must be a JSON object");
        }
      }
      String path =
          fullPath.contains("?") ? fullPath.substring(0, fullPath.indexOf('?')) : fullPath;
      if (body != null) {
        mutations.add(new Mutation(method, fullPath, body));
      }
      return route(method, path, fullPath, (ObjectNode) body);
    } catch (Exception e) {
      return error(500, "fake failed: " + e);
    }
  }

  private MockResponse route(String method, String path, String fullPath, ObjectNode body) {
    if (path.startsWith(WEBHOOKS)) {
      return webhook(method, path.substring(WEBHOOKS.length()), body);
    }
    if (path.startsWith(VARIABLES)) {
      return variable(method, path.substring(VARIABLES.length()), body);
    }
    if (path.startsWith(MONITORS)) {
      return monitor(method, path.substring(MONITORS.length()), fullPath, body);
    }
    return error(404, "no route for " + method + " " + path);
  }

  private MockResponse webhook(String method, String rest, ObjectNode body) {
    String name = rest.startsWith("/") ? rest.substring(1) : null;
    if (method.equals("GET") && name != null) {
      return webhooks.containsKey(name) ? ok(webhooks.get(name)) : error(404, "Webhook not found");
    }
    if (method.equals("POST") && name == null) {
      String invalid = invalidWebhook(body, true);
      if (invalid != null) {
        return error(400, invalid);
      }
      if (webhooks.containsKey(body.path("name").asText())) {
        return error(400, "Webhook already exists");
      }
      ObjectNode stored = body.deepCopy();
      if (!stored.has("encode_as")) {
        stored.put("encode_as", "json");
      }
      webhooks.put(stored.path("name").asText(), stored);
      return ok(stored);
    }
    if (method.equals("PUT") && name != null) {
      if (!webhooks.containsKey(name)) {
        return error(404, "Webhook not found");
      }
      String invalid = invalidWebhook(body, false);
      if (invalid != null) {
        return error(400, invalid);
      }
      webhooks.get(name).setAll(body);
      return ok(webhooks.get(name));
    }
    return error(405, "method not allowed");
  }

  private static String invalidWebhook(ObjectNode body, boolean create) {
    if (create && (!body.path("name").isTextual() || !body.path("url").isTextual())) {
      return "name and url are required strings";
    }
    for (String field : List.of("url", "payload", "custom_headers", "encode_as")) {
      if (body.has(field) && !body.get(field).isTextual() && !body.get(field).isNull()) {
        return field + " must be a string";
      }
    }
    if (body.has("encode_as")
        && !List.of("json", "form").contains(body.path("encode_as").asText())) {
      return "encode_as must be json or form";
    }
    if (body.path("custom_headers").isTextual()) {
      try {
        if (!JSON.readTree(body.path("custom_headers").asText()).isObject()) {
          return "custom_headers must be a JSON object";
        }
      } catch (Exception e) {
        return "custom_headers is not valid JSON";
      }
    }
    return null;
  }

  private MockResponse variable(String method, String rest, ObjectNode body) {
    String name = rest.startsWith("/") ? rest.substring(1) : null;
    if (method.equals("GET") && name != null) {
      ObjectNode stored = variables.get(name);
      if (stored == null) {
        return error(404, "Custom variable not found");
      }
      ObjectNode visible = stored.deepCopy();
      if (visible.path("is_secret").asBoolean()) {
        visible.putNull("value");
      }
      return ok(visible);
    }
    if (method.equals("POST") && name == null) {
      if (!body.path("name").asText().matches("[A-Z0-9_]+")
          || !body.path("value").isTextual()
          || !body.path("is_secret").isBoolean()) {
        return error(400, "name (A-Z, 0-9, _), value and is_secret are required");
      }
      if (variables.containsKey(body.path("name").asText())) {
        return error(400, "Custom variable already exists");
      }
      variables.put(body.path("name").asText(), body.deepCopy());
      return ok(body);
    }
    if (method.equals("PUT") && name != null) {
      if (!variables.containsKey(name)) {
        return error(404, "Custom variable not found");
      }
      if (body.has("value") && !body.get("value").isTextual()) {
        return error(400, "value must be a string");
      }
      variables.get(name).setAll(body);
      return ok(variables.get(name));
    }
    return error(405, "method not allowed");
  }

  private MockResponse monitor(String method, String rest, String fullPath, ObjectNode body) {
    if (method.equals("GET") && rest.isEmpty()) {
      String filter = queryParameter(fullPath, "name");
      ArrayNode list = JSON.createArrayNode();
      monitors.values().stream()
          .filter(
              monitor ->
                  filter == null
                      || monitor
                          .path("name")
                          .asText()
                          .toLowerCase(Locale.ROOT)
                          .contains(filter.toLowerCase(Locale.ROOT)))
          .forEach(list::add);
      return ok(list);
    }
    if (method.equals("POST") && rest.isEmpty()) {
      for (String field : List.of("name", "type", "query", "message")) {
        if (!body.path(field).isTextual()) {
          return error(400, field + " is required");
        }
      }
      ObjectNode stored = body.deepCopy();
      stored.put("id", nextMonitorId++);
      normalizeOptions(stored);
      String invalid = invalidThreshold(stored);
      if (invalid != null) {
        return error(400, invalid);
      }
      monitors.put(stored.path("id").asLong(), stored);
      return ok(stored);
    }
    if (method.equals("PUT") && rest.matches("/[0-9]+")) {
      ObjectNode stored = monitors.get(Long.parseLong(rest.substring(1)));
      if (stored == null) {
        return error(404, "Monitor not found");
      }
      ObjectNode updated = stored.deepCopy();
      updated.setAll(body);
      normalizeOptions(updated);
      String invalid = invalidThreshold(updated);
      if (invalid != null) {
        return error(400, invalid);
      }
      monitors.put(updated.path("id").asLong(), updated);
      return ok(updated);
    }
    return error(405, "method not allowed");
  }

  /** Stores options the way Datadog returns them: thresholds as doubles, plus defaults. */
  private static void normalizeOptions(ObjectNode monitor) {
    ObjectNode options =
        monitor.path("options").isObject()
            ? (ObjectNode) monitor.get("options")
            : monitor.putObject("options");
    JsonNode critical = options.path("thresholds").path("critical");
    if (critical.isNumber()) {
      ((ObjectNode) options.get("thresholds")).put("critical", critical.doubleValue());
    }
    if (!options.has("new_host_delay")) {
      options.put("new_host_delay", 300);
    }
    if (!options.has("include_tags")) {
      options.put("include_tags", true);
    }
  }

  private static String invalidThreshold(ObjectNode monitor) {
    Matcher matcher = QUERY_THRESHOLD.matcher(monitor.path("query").asText());
    if (!matcher.find()) {
      return "The value provided for parameter 'query' is invalid";
    }
    JsonNode critical = monitor.path("options").path("thresholds").path("critical");
    BigDecimal queryThreshold = new BigDecimal(matcher.group(2));
    if (critical.isNumber() && critical.decimalValue().compareTo(queryThreshold) != 0) {
      return "Alert threshold ("
          + critical.asText()
          + ") does not match that used in the query ("
          + matcher.group(2)
          + ").";
    }
    return null;
  }

  private static String queryParameter(String fullPath, String name) {
    okhttp3.HttpUrl url = okhttp3.HttpUrl.parse("http://fake" + fullPath);
    return url == null ? null : url.queryParameter(name);
  }

  private static MockResponse ok(JsonNode body) {
    return new MockResponse()
        .setResponseCode(200)
        .setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }

  static MockResponse error(int status, String message) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("errors").add(message);
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body.toString());
  }
}
