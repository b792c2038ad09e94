package dev.walletwatch.monitor.datadog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The webhook payload agreed with the receiver: each key is a Datadog template variable's name in
 * snake case and each value that variable, quoted, so every value arrives as a JSON string.
 *
 * <p>{@code apply} configures {@link #TEMPLATE} in Datadog, which substitutes the variables as
 * text; the local evaluator fills the same keys through {@link #render}.
 */
public final class WebhookPayload {
  /** Payload keys in order, each with the Datadog variable (without {@code $}) it carries. */
  public static final Map<String, String> FIELDS = fields();

  /** The payload template exactly as Datadog stores it for the webhook. */
  public static final String TEMPLATE =
      "{\"id\": \"$ID\", \"alert_id\": \"$ALERT_ID\", \"alert_cycle_key\": \"$ALERT_CYCLE_KEY\",\n"
          + " \"alert_transition\": \"$ALERT_TRANSITION\", \"alert_type\": \"$ALERT_TYPE\",\n"
          + " \"alert_metric\": \"$ALERT_METRIC\", \"alert_query\": \"$ALERT_QUERY\",\n"
          + " \"alert_scope\": \"$ALERT_SCOPE\", \"alert_title\": \"$ALERT_TITLE\",\n"
          + " \"text_only_msg\": \"$TEXT_ONLY_MSG\", \"tags\": \"$TAGS\", \"date\": \"$DATE\",\n"
          + " \"last_updated\": \"$LAST_UPDATED\", \"link\": \"$LINK\", \"org_id\": \"$ORG_ID\"}";

  private static final ObjectMapper JSON = new ObjectMapper();

  private WebhookPayload() {}

  private static Map<String, String> fields() {
    Map<String, String> fields = new LinkedHashMap<>();
    for (String variable :
        new String[] {
          "ID",
          "ALERT_ID",
          "ALERT_CYCLE_KEY",
          "ALERT_TRANSITION",
          "ALERT_TYPE",
          "ALERT_METRIC",
          "ALERT_QUERY",
          "ALERT_SCOPE",
          "ALERT_TITLE",
          "TEXT_ONLY_MSG",
          "TAGS",
          "DATE",
          "LAST_UPDATED",
          "LINK",
          "ORG_ID"
        }) {
      fields.put(variable.toLowerCase(Locale.ROOT), variable);
    }
    return Collections.unmodifiableMap(fields);
  }

  /**
   * Builds the JSON body Datadog would send, from the value of each variable (keyed without {@code
   * $}); a variable missing from {@code variables} becomes an empty string, as in Datadog.
   */
  public static String render(Map<String, String> variables) {
    ObjectNode body = JSON.createObjectNode();
    FIELDS.forEach((key, variable) -> body.put(key, variables.getOrDefault(variable, "")));
    return body.toString();
  }
}
