package dev.walletwatch.receiver.sms;

import java.util.Map;
import java.util.Objects;

/**
 * One SMS to one phone: an approved template with its variables.
 *
 * @param phone the number as configured, such as {@code +8613800000000}
 * @param templateCode the provider's template code, such as {@code SMS_000000}
 * @param params template variables in template order; every value is already cut to the provider's
 *     limits
 * @param outId our delivery id, sent as the provider's caller reference ({@code OutId}) so that a
 *     message whose outcome is unknown can be looked up before it is sent again
 */
public record SmsMessage(
    String phone, String templateCode, Map<String, String> params, String outId) {
  public SmsMessage {
    Objects.requireNonNull(phone, "phone");
    Objects.requireNonNull(templateCode, "templateCode");
    params = Map.copyOf(params);
    Objects.requireNonNull(outId, "outId");
  }

  @Override
  public String toString() {
    return "SmsMessage[phone="
        + Phones.mask(phone)
        + ", template="
        + templateCode
        + ", outId="
        + outId
        + "]";
  }
}
