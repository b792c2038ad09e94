package dev.walletwatch.receiver.sms;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of one send attempt, already classified so that the delivery worker needs no knowledge
 * of the provider's error codes.
 *
 * @param outcome what the worker does next
 * @param code the provider's code ({@code OK}, {@code isv.BUSINESS_LIMIT_CONTROL}, {@code
 *     http.500}, {@code timeout}), never null
 * @param detail a short human-readable reason without secrets or full phone numbers
 * @param providerId the provider's message id ({@code BizId}) when the message was accepted, or
 *     null
 * @param retryAfter a wait the provider asked for, or null to use the worker's backoff
 */
public record SendResult(
    Outcome outcome, String code, String detail, String providerId, Duration retryAfter) {

  /** The classes of result that the delivery worker handles differently. */
  public enum Outcome {
    /** Accepted by the provider; the delivery is done. */
    SENT,
    /** A transient failure (timeout before sending, 5xx, throttling): retry with backoff. */
    RETRY,
    /** Flow control (hourly, daily or monthly limits): try again much later. */
    DEFER,
    /** The request can never succeed as it is (bad number, template, credentials): stop. */
    PERMANENT,
    /**
     * The request may or may not have reached the provider (a read timeout after sending): look it
     * up before sending again, because the send is not idempotent.
     */
    UNKNOWN
  }

  public SendResult {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }
}
