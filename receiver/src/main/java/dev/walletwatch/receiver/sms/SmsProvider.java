package dev.walletwatch.receiver.sms;

import java.time.Instant;

/**
 * A way to send an SMS: Aliyun SendSms, or the {@code log} dry run. Implementations are called from
 * the single delivery worker thread and must not throw for provider or network errors: those come
 * back as a classified {@link SendResult}.
 */
public interface SmsProvider extends AutoCloseable {

  /** Returns the provider's name as written in the config ({@code aliyun}, {@code log}). */
  String name();

  /** Makes one send attempt, signed anew, and classifies its result. */
  SendResult send(SmsMessage message);

  /**
   * Looks up whether {@code message} (by its {@code outId}) reached the provider, for an attempt
   * whose outcome was unknown. {@code firstAttempt} bounds the search to that day.
   */
  LookupResult lookup(SmsMessage message, Instant firstAttempt);

  @Override
  default void close() {}
}
