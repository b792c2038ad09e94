package dev.walletwatch.receiver.store;

import dev.walletwatch.receiver.sms.Phones;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * One row of the outbox.
 *
 * @param id the delivery id, also sent to the provider as {@code OutId}
 * @param eventId the event that caused it
 * @param rule the rule's name
 * @param kind {@code alert} or {@code recovery}
 * @param phone the number to text
 * @param templateCode the template code
 * @param params the template variables
 * @param repeatInterval the rule's flood-control interval
 * @param state where the row is in pending, sending, sent, failed or suppressed
 * @param attempts send attempts and lookups made so far
 * @param nextAttemptAt when the worker may try next
 * @param firstAttemptAt when the first attempt started, or null
 * @param lookupRequired whether an earlier attempt had an unknown outcome, so the provider must be
 *     asked before sending again
 * @param lastCode the provider's code from the last attempt, or null
 */
public record Delivery(
    String id,
    long eventId,
    String rule,
    String kind,
    String phone,
    String templateCode,
    Map<String, String> params,
    Duration repeatInterval,
    String state,
    int attempts,
    Instant nextAttemptAt,
    Instant firstAttemptAt,
    boolean lookupRequired,
    String lastCode) {

  @Override
  public String toString() {
    return "Delivery[id="
        + id
        + ", rule="
        + rule
        + ", phone="
        + Phones.mask(phone)
        + ", state="
        + state
        + "]";
  }
}
