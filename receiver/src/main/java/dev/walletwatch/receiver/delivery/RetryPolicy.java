package dev.walletwatch.receiver.delivery;

import dev.walletwatch.receiver.config.ReceiverConfig;
import dev.walletwatch.receiver.sms.LookupResult;
import dev.walletwatch.receiver.sms.SendResult;
import java.time.Duration;

/**
 * Decides what follows a send attempt or a lookup: done, try again after a wait (capped exponential
 * backoff with jitter), or stop. A pure function: the caller passes the attempt count and a jitter
 * draw in [0, 1).
 */
public final class RetryPolicy {
  private final ReceiverConfig.Delivery settings;

  public RetryPolicy(ReceiverConfig.Delivery settings) {
    this.settings = settings;
  }

  /** The next step for a delivery. */
  public record Step(Kind kind, Duration delay, boolean lookupFirst, String reason) {
    /** The worker's next action. */
    public enum Kind {
      /** Mark the delivery sent. */
      SENT,
      /** Send now, without waiting (a lookup found nothing). */
      SEND_NOW,
      /** Try again after {@code delay}. */
      RETRY,
      /** Mark the delivery failed. */
      FAIL
    }
  }

  /**
   * Returns the step after a send attempt; {@code attempts} counts this attempt. {@code jitter} is
   * a draw in [0, 1).
   */
  public Step afterSend(SendResult result, int attempts, double jitter) {
    String code = result.code();
    switch (result.outcome()) {
      case SENT:
        return new Step(Step.Kind.SENT, Duration.ZERO, false, "accepted, code " + code);
      case PERMANENT:
        return new Step(
            Step.Kind.FAIL,
            Duration.ZERO,
            false,
            "permanent error " + code + ": " + result.detail());
      default:
        break;
    }
    if (attempts >= settings.maxAttempts()) {
      return new Step(
          Step.Kind.FAIL,
          Duration.ZERO,
          false,
          "gave up after " + attempts + " attempts, last code " + code + ": " + result.detail());
    }
    return switch (result.outcome()) {
      case RETRY -> {
        Duration wait = max(backoff(attempts, jitter), result.retryAfter());
        yield new Step(
            Step.Kind.RETRY,
            wait,
            false,
            "transient error " + code + ", retrying: " + result.detail());
      }
      case DEFER -> {
        Duration wait = result.retryAfter() != null ? result.retryAfter() : settings.deferWait();
        yield new Step(
            Step.Kind.RETRY,
            wait,
            false,
            "flow control " + code + ", deferring: " + result.detail());
      }
      default ->
          new Step(
              Step.Kind.RETRY,
              backoff(attempts, jitter),
              true,
              "outcome unknown (" + code + "), looking the message up before sending again");
    };
  }

  /** Returns the step after looking up an attempt whose outcome was unknown. */
  public Step afterLookup(LookupResult result, int attempts, double jitter) {
    return switch (result) {
      case FOUND -> new Step(Step.Kind.SENT, Duration.ZERO, false, "lookup found the message");
      case NOT_FOUND ->
          new Step(
              Step.Kind.SEND_NOW, Duration.ZERO, false, "lookup found no message, sending again");
      case UNKNOWN ->
          attempts >= settings.maxAttempts()
              ? new Step(
                  Step.Kind.FAIL,
                  Duration.ZERO,
                  false,
                  "gave up after "
                      + attempts
                      + " attempts: the provider never confirmed or denied the send")
              : new Step(
                  Step.Kind.RETRY,
                  backoff(attempts, jitter),
                  true,
                  "lookup failed, asking again later");
    };
  }

  /**
   * Returns the wait before retry number {@code attempts}: {@code initialBackoff * 2^(attempts-1)},
   * capped at {@code maxBackoff}, of which a random half is dropped ("equal jitter") so that
   * retries after a shared outage spread out.
   */
  Duration backoff(int attempts, double jitter) {
    long initial = settings.initialBackoff().toMillis();
    long cap = settings.maxBackoff().toMillis();
    int doublings = Math.max(0, Math.min(attempts - 1, 30));
    long full = initial > cap >> doublings ? cap : Math.min(cap, initial << doublings);
    long half = full / 2;
    return Duration.ofMillis(full - half + (long) (half * jitter));
  }

  private static Duration max(Duration a, Duration b) {
    return b == null || a.compareTo(b) >= 0 ? a : b;
  }
}
