package dev.walletwatch.receiver.datadog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses a webhook body into a {@link WebhookEvent}. It accepts the walletwatch payload (keys named
 * after Datadog's variables in snake case, such as {@code alert_transition}) and Datadog's default
 * payload ({@code body}, {@code title}, {@code id}, {@code date}, {@code event_type}, {@code org}),
 * each as JSON or as a form-encoded body. Every value may arrive as a string, a number or empty.
 */
public final class PayloadParser {
  private static final List<String> WEBHOOK_KEYS =
      List.of(
          "id",
          "alert_id",
          "alert_transition",
          "alert_title",
          "title",
          "body",
          "text_only_msg",
          "event_type");
  // "[TEST] [Triggered on {currency:btc}] BTC low": bracket groups at the start of a title.
  private static final Pattern TITLE_TAG = Pattern.compile("^\\s*\\[([^\\]]*)]");
  private static final Pattern TITLE_SCOPE = Pattern.compile("\\bon\\s*\\{([^}]*)}");

  private final ObjectMapper json = new ObjectMapper();

  /**
   * Parses {@code body}; {@code contentType} may be null. Throws {@link InvalidPayloadException}
   * with a message for the caller when the body is not a webhook.
   */
  public WebhookEvent parse(byte[] body, String contentType) throws InvalidPayloadException {
    String text = decodeUtf8(body);
    if (text.isBlank()) {
      throw new InvalidPayloadException("empty body; expected a Datadog webhook as JSON or form");
    }
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    ObjectNode fields;
    // The body decides: curl and some proxies label JSON as form-encoded, and a form body never
    // starts with a brace or bracket.
    String start = text.stripLeading();
    if (start.startsWith("{") || start.startsWith("[") || type.contains("json")) {
      fields = parseJson(text);
    } else {
      fields = parseForm(text);
    }
    requireWebhookKeys(fields);
    return toEvent(fields);
  }

  private static String decodeUtf8(byte[] body) throws InvalidPayloadException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidPayloadException("body is not valid UTF-8");
    }
  }

  private ObjectNode parseJson(String text) throws InvalidPayloadException {
    JsonNode node;
    try {
      node = json.readTree(text);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr();
      throw new InvalidPayloadException(
          "malformed JSON" + where + ": " + e.getOriginalMessage() + "; check the webhook payload");
    }
    if (node == null || !node.isObject()) {
      throw new InvalidPayloadException(
          "JSON body is "
              + describe(node)
              + ", expected an object with webhook fields such as id and alert_transition");
    }
    return (ObjectNode) node;
  }

  /** Names the kind of a JSON value that is not an object: "an array", "a string", "null". */
  private static String describe(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "empty";
    }
    if (node.isNull()) {
      return "null";
    }
    String type = node.getNodeType().toString().toLowerCase(Locale.ROOT);
    return ("aeiou".indexOf(type.charAt(0)) >= 0 ? "an " : "a ") + type;
  }

  private ObjectNode parseForm(String text) throws InvalidPayloadException {
    ObjectNode fields = json.createObjectNode();
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key;
      String value;
      try {
        key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw new InvalidPayloadException("malformed form encoding: " + e.getMessage());
      }
      // Datadog writes a form payload as JSON and encodes each top-level key. A nested object such
      // as org may arrive as JSON text or as org[id] keys.
      String trimmed = value.trim();
      if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
        try {
          fields.set(key, json.readTree(trimmed));
          continue;
        } catch (JsonProcessingException e) {
          // Not JSON after all: keep it as text.
        }
      }
      fields.put(key, value);
    }
    if (fields.size() == 1 && fields.fields().next().getValue().isObject()) {
      // A form with one field holding the whole JSON payload.
      return (ObjectNode) fields.fields().next().getValue();
    }
    return fields;
  }

  private static void requireWebhookKeys(ObjectNode fields) throws InvalidPayloadException {
    for (String key : WEBHOOK_KEYS) {
      if (fields.has(key)) {
        return;
      }
    }
    List<String> present = new ArrayList<>();
    fields.fieldNames().forEachRemaining(present::add);
    String listed = present.size() > 10 ? present.subList(0, 10) + "..." : present.toString();
    throw new InvalidPayloadException(
        "not a Datadog webhook: none of the fields "
            + WEBHOOK_KEYS
            + " is present (found "
            + listed
            + "); use the payload from the receiver README or Datadog's default payload");
  }

  private WebhookEvent toEvent(ObjectNode fields) {
    String title = firstText(fields, "alert_title", "title");
    String eventTitle = text(fields, "title");
    String message = firstText(fields, "text_only_msg", "body");
    String query = text(fields, "alert_query");
    boolean test = isTest(title) || isTest(eventTitle) || message.contains("Test notification");

    Transition transition = transitionOf(fields, title, eventTitle);
    List<String> scope = splitTags(text(fields, "alert_scope"));
    if (scope.isEmpty()) {
      scope = scopeOfTitle(title.isEmpty() ? eventTitle : title);
    }

    MessageLine.Values line = MessageLine.find(message);
    if (line == null && !message.equals(text(fields, "body"))) {
      line = MessageLine.find(text(fields, "body"));
    }
    BigDecimal value = line == null ? null : line.value();
    BigDecimal threshold = line == null ? null : line.threshold();
    if (threshold == null) {
      threshold = MessageLine.thresholdOfQuery(query);
    }

    return new WebhookEvent(
        text(fields, "id"),
        text(fields, "alert_id"),
        text(fields, "alert_cycle_key"),
        transition,
        test,
        text(fields, "alert_type"),
        text(fields, "alert_metric"),
        query,
        scope,
        splitTags(text(fields, "tags")),
        title.isEmpty() ? eventTitle : title,
        message,
        value,
        threshold,
        epochMillis(text(fields, "date")),
        text(fields, "event_type"),
        orgId(fields),
        text(fields, "link"));
  }

  private static Transition transitionOf(ObjectNode fields, String title, String eventTitle) {
    Transition transition = Transition.parse(text(fields, "alert_transition"));
    if (transition == null) {
      transition = transitionOfTitle(title);
    }
    if (transition == null) {
      transition = transitionOfTitle(eventTitle);
    }
    return transition;
  }

  /** Returns the org id from org_id, the default payload's org object, or a form's org[id]. */
  private static String orgId(ObjectNode fields) {
    String orgId = text(fields, "org_id");
    JsonNode org = fields.get("org");
    if (orgId.isEmpty() && org != null && org.isObject()) {
      orgId = scalar(org.get("id"));
    }
    if (orgId.isEmpty()) {
      orgId = text(fields, "org[id]");
    }
    return orgId;
  }

  private static boolean isTest(String title) {
    return title.toUpperCase(Locale.ROOT).contains("[TEST]");
  }

  /**
   * Returns the transition named by a leading bracket group such as {@code [Triggered on {...}]}.
   */
  static Transition transitionOfTitle(String title) {
    String rest = title;
    while (true) {
      Matcher matcher = TITLE_TAG.matcher(rest);
      if (!matcher.find()) {
        return null;
      }
      String tag = matcher.group(1).replaceAll("\\s+on\\s*\\{.*$", "").trim();
      Transition transition = Transition.parse(tag);
      if (transition != null) {
        return transition;
      }
      rest = rest.substring(matcher.end());
    }
  }

  private static List<String> scopeOfTitle(String title) {
    Matcher matcher = TITLE_SCOPE.matcher(title);
    return matcher.find() ? splitTags(matcher.group(1)) : List.of();
  }

  /** Splits {@code $ALERT_SCOPE} or {@code $TAGS}, which Datadog joins with ", " (or ","). */
  static List<String> splitTags(String joined) {
    List<String> tags = new ArrayList<>();
    for (String tag : joined.split(",")) {
      String trimmed = tag.trim();
      if (!trimmed.isEmpty()) {
        tags.add(trimmed);
      }
    }
    return tags;
  }

  private static Long epochMillis(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return null;
    }
    try {
      return new BigDecimal(trimmed).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      return null;
    }
  }

  private static String firstText(ObjectNode fields, String... keys) {
    for (String key : keys) {
      String value = text(fields, key);
      if (!value.isEmpty()) {
        return value;
      }
    }
    return "";
  }

  private static String text(ObjectNode fields, String key) {
    return scalar(fields.get(key));
  }

  private static String scalar(JsonNode node) {
    if (node == null || node.isNull() || node.isContainerNode()) {
      return "";
    }
    return node.asText();
  }
}
