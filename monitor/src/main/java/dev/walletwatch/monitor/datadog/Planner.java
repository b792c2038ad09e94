package dev.walletwatch.monitor.datadog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.walletwatch.monitor.config.MonitorDefinition;
import dev.walletwatch.monitor.config.MonitorsConfig;
import dev.walletwatch.monitor.config.WebhookSettings;
import dev.walletwatch.monitor.datadog.PlannedChange.Action;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares monitors.yml with the state in Datadog and plans one request per resource that differs,
 * in the order apply must send them: the token custom variable and its fingerprint, then the
 * webhook that uses the token, then the monitors that mention the webhook.
 */
public final class Planner {
  static final String WEBHOOKS = "/api/v1/integration/webhooks/configuration/webhooks";
  static final String VARIABLES = "/api/v1/integration/webhooks/configuration/custom-variables";
  static final String MONITORS = "/api/v1/monitor";

  /** The suffix of the non-secret custom variable that contains the token's fingerprint. */
  public static final String FINGERPRINT_SUFFIX = "_FINGERPRINT";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final MonitorsConfig config;
  private final DatadogClient client;

  private Planner(MonitorsConfig config, DatadogClient client) {
    this.config = config;
    this.client = client;
  }

  /** Reads the current state through {@code client} and returns one change per resource. */
  public static List<PlannedChange> plan(MonitorsConfig config, DatadogClient client) {
    Planner planner = new Planner(config, client);
    List<PlannedChange> changes = new ArrayList<>(planner.tokenVariables());
    changes.add(planner.webhook());
    for (MonitorDefinition monitor : config.monitors()) {
      changes.add(planner.monitor(monitor));
    }
    return changes;
  }

  /**
   * Plans the secret token variable and its fingerprint; see {@link TokenFingerprint} for why the
   * fingerprint exists.
   */
  private List<PlannedChange> tokenVariables() {
    WebhookSettings webhook = config.webhook();
    String tokenName = webhook.tokenVariable();
    String fingerprintName = tokenName + FINGERPRINT_SUFFIX;
    JsonNode token = client.get(VARIABLES + "/" + tokenName);
    JsonNode fingerprint = client.get(VARIABLES + "/" + fingerprintName);
    String tokenResource = "custom variable " + tokenName;
    String fingerprintResource = "custom variable " + fingerprintName;

    boolean tokenIsSecret = token != null && token.path("is_secret").asBoolean(false);
    String storedFingerprint = fingerprint == null ? null : fingerprint.path("value").asText(null);
    if (tokenIsSecret && TokenFingerprint.matches(storedFingerprint, webhook.token().reveal())) {
      return List.of(
          PlannedChange.unchanged(tokenResource), PlannedChange.unchanged(fingerprintResource));
    }

    List<PlannedChange> changes = new ArrayList<>();
    ObjectNode tokenBody = JSON.createObjectNode();
    tokenBody.put("value", webhook.token().reveal());
    tokenBody.put("is_secret", true);
    if (token == null) {
      tokenBody.put("name", tokenName);
      changes.add(
          new PlannedChange(
              Action.CREATE,
              tokenResource,
              List.of("value: <secret>", "is_secret: true"),
              "POST",
              VARIABLES,
              tokenBody));
    } else {
      String reason =
          tokenIsSecret
              ? "value: <secret> (the stored fingerprint does not match webhook.token)"
              : "value: <secret> and is_secret: false -> true";
      changes.add(
          new PlannedChange(
              Action.UPDATE,
              tokenResource,
              List.of(reason),
              "PUT",
              VARIABLES + "/" + tokenName,
              tokenBody));
    }

    ObjectNode fingerprintBody = JSON.createObjectNode();
    fingerprintBody.put("value", TokenFingerprint.create(webhook.token().reveal()));
    fingerprintBody.put("is_secret", false);
    String detail = "value: salted PBKDF2 fingerprint of webhook.token";
    if (fingerprint == null) {
      fingerprintBody.put("name", fingerprintName);
      changes.add(
          new PlannedChange(
              Action.CREATE,
              fingerprintResource,
              List.of(detail),
              "POST",
              VARIABLES,
              fingerprintBody));
    } else {
      changes.add(
          new PlannedChange(
              Action.UPDATE,
              fingerprintResource,
              List.of(detail),
              "PUT",
              VARIABLES + "/" + fingerprintName,
              fingerprintBody));
    }
    return changes;
  }

  private PlannedChange webhook() {
    WebhookSettings webhook = config.webhook();
    ObjectNode desired = DesiredState.webhook(webhook);
    String resource = "webhook " + webhook.name();
    JsonNode current = client.get(WEBHOOKS + "/" + webhook.name());
    if (current == null) {
      List<String> details =
          List.of(
              "url: " + quote(Redaction.url(webhook.url())),
              "custom_headers: " + desired.path("custom_headers").asText(),
              "payload: the walletwatch payload ("
                  + WebhookPayload.FIELDS.size()
                  + " fields, keys in snake case)",
              "encode_as: json");
      return new PlannedChange(Action.CREATE, resource, details, "POST", WEBHOOKS, desired);
    }

    ObjectNode body = JSON.createObjectNode();
    List<String> details = new ArrayList<>();
    if (!desired.path("url").asText().equals(current.path("url").asText())) {
      body.put("url", webhook.url());
      details.add(
          "url: "
              + quote(Redaction.url(current.path("url").asText()))
              + " -> "
              + quote(Redaction.url(webhook.url())));
    }
    if (!sameJson(desired.path("payload").asText(), current.path("payload").asText(null))) {
      body.put("payload", WebhookPayload.TEMPLATE);
      details.add("payload: differs from the walletwatch payload; replaced");
    }
    String headers = desired.path("custom_headers").asText();
    if (!sameJson(headers, current.path("custom_headers").asText(null))) {
      body.put("custom_headers", headers);
      // The old headers are not shown, because they may hold a token written in plain text.
      details.add("custom_headers: replaced with " + headers);
    }
    String encodeAs = current.path("encode_as").asText("json");
    if (!encodeAs.equals("json")) {
      body.put("encode_as", "json");
      details.add("encode_as: " + quote(encodeAs) + " -> \"json\"");
    }
    if (details.isEmpty()) {
      return PlannedChange.unchanged(resource);
    }
    return new PlannedChange(
        Action.UPDATE, resource, details, "PUT", WEBHOOKS + "/" + webhook.name(), body);
  }

  private PlannedChange monitor(MonitorDefinition monitor) {
    ObjectNode desired = DesiredState.monitor(config, monitor);
    String resource = "monitor " + quote(monitor.name());
    JsonNode found =
        client.get(MONITORS + "?name=" + URLEncoder.encode(monitor.name(), StandardCharsets.UTF_8));
    List<JsonNode> matches = new ArrayList<>();
    if (found != null) {
      found.forEach(
          candidate -> {
            if (candidate.path("name").asText().equals(monitor.name())) {
              matches.add(candidate);
            }
          });
    }
    if (matches.size() > 1) {
      List<String> ids = matches.stream().map(match -> match.path("id").asText()).toList();
      throw new DatadogException(
          "Datadog has "
              + matches.size()
              + " monitors named "
              + quote(monitor.name())
              + " (ids "
              + String.join(", ", ids)
              + "); delete or rename all but one so that apply knows which to manage");
    }
    if (matches.isEmpty()) {
      List<String> details = new ArrayList<>();
      details.add("type: " + quote(DesiredState.MONITOR_TYPE));
      details.add("query: " + quote(monitor.query().text()));
      details.add("message: " + quote(desired.path("message").asText()));
      details.add("tags: " + desired.path("tags"));
      details.add("options: " + desired.path("options"));
      return new PlannedChange(Action.CREATE, resource, details, "POST", MONITORS, desired);
    }

    JsonNode current = matches.get(0);
    String id = current.path("id").asText();
    MonitorDiff diff = MonitorDiff.compare(desired, current);
    if (diff.details().isEmpty()) {
      return PlannedChange.unchanged(resource + " (id " + id + ")");
    }
    return new PlannedChange(
        Action.UPDATE,
        resource + " (id " + id + ")",
        diff.details(),
        "PUT",
        MONITORS + "/" + id,
        diff.body());
  }

  /** Compares two JSON texts by content, so that Datadog's reformatting is not a change. */
  static boolean sameJson(String desired, String current) {
    if (current == null) {
      return false;
    }
    try {
      return JSON.readTree(desired).equals(JSON.readTree(current));
    } catch (Exception e) {
      return desired.equals(current);
    }
  }

  static String quote(String text) {
    return new TextNode(text).toString();
  }
}
