package dev.walletwatch.receiver.store;

import java.time.Duration;
import java.util.Map;

/**
 * An SMS to queue in the outbox together with the event that caused it.
 *
 * @param rule the rule's name
 * @param kind {@code alert} or {@code recovery}; flood control lets a recovery through only after
 *     an alert SMS, and lets a new alert through after a recovery SMS
 * @param phone the number to text
 * @param templateCode the Aliyun template code
 * @param params the rendered template variables
 * @param repeatInterval the rule's flood-control interval, kept with the row so that the worker
 *     needs no config to apply it
 */
public record NewDelivery(
    String rule,
    String kind,
    String phone,
    String templateCode,
    Map<String, String> params,
    Duration repeatInterval) {
  public NewDelivery {
    params = Map.copyOf(params);
  }

  @Override
  public String toString() {
    return "NewDelivery[rule=" + rule + ", kind=" + kind + ", template=" + templateCode + "]";
  }
}
