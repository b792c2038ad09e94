package dev.walletwatch.receiver.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.receiver.config.ReceiverConfig;
import dev.walletwatch.receiver.delivery.RetryPolicy.Step.Kind;
import dev.walletwatch.receiver.sms.LookupResult;
import dev.walletwatch.receiver.sms.SendResult;
import dev.walletwatch.receiver.sms.SendResult.Outcome;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {
  private static final ReceiverConfig.Delivery SETTINGS =
      new ReceiverConfig.Delivery(
          Duration.ofSeconds(2),
          Duration.ofSeconds(60),
          5,
          Duration.ofMinutes(10),
          Duration.ofSeconds(1));
  private final RetryPolicy policy = new RetryPolicy(SETTINGS);

  private static SendResult result(Outcome outcome, String code, Duration retryAfter) {
    return new SendResult(outcome, code, "detail", null, retryAfter);
  }

  static Stream<Arguments> sendCases() {
    return Stream.of(
        // Accepted: done.
        Arguments.of(result(Outcome.SENT, "OK", null), 1, 0.0, Kind.SENT, Duration.ZERO, false),
        // A bad number can never succeed: failed at once, even on the first attempt.
        Arguments.of(
            result(Outcome.PERMANENT, "isv.MOBILE_NUMBER_ILLEGAL", null),
            1,
            0.0,
            Kind.FAIL,
            Duration.ZERO,
            false),
        // First transient error: 2 s backoff, of which jitter 0 keeps the lower half (1 s).
        Arguments.of(
            result(Outcome.RETRY, "isp.SYSTEM_ERROR", null),
            1,
            0.0,
            Kind.RETRY,
            Duration.ofSeconds(1),
            false),
        // Jitter near 1 keeps almost the full 2 s.
        Arguments.of(
            result(Outcome.RETRY, "http.500", null),
            1,
            0.999,
            Kind.RETRY,
            Duration.ofMillis(1999),
            false),
        // Third attempt: 2 s * 2^2 = 8 s, jitter 0.5 gives 6 s.
        Arguments.of(
            result(Outcome.RETRY, "Throttling.User", null),
            3,
            0.5,
            Kind.RETRY,
            Duration.ofSeconds(6),
            false),
        // A wait the provider requests wins when it is longer than the backoff.
        Arguments.of(
            result(Outcome.RETRY, "Throttling", Duration.ofSeconds(30)),
            1,
            0.0,
            Kind.RETRY,
            Duration.ofSeconds(30),
            false),
        // Flow control without a named wait: the configured defer wait.
        Arguments.of(
            result(Outcome.DEFER, "isv.DAY_LIMIT_CONTROL", null),
            1,
            0.3,
            Kind.RETRY,
            Duration.ofMinutes(10),
            false),
        // Flow control with a named wait (a minute window): that wait.
        Arguments.of(
            result(Outcome.DEFER, "isv.BUSINESS_LIMIT_CONTROL", Duration.ofSeconds(60)),
            2,
            0.3,
            Kind.RETRY,
            Duration.ofSeconds(60),
            false),
        // Unknown outcome: wait, then look the message up before sending again.
        Arguments.of(
            result(Outcome.UNKNOWN, "timeout", null),
            1,
            0.0,
            Kind.RETRY,
            Duration.ofSeconds(1),
            true),
        // Attempts used up on a transient error: failed with the last code.
        Arguments.of(
            result(Outcome.RETRY, "http.503", null), 5, 0.0, Kind.FAIL, Duration.ZERO, false),
        // Attempts used up also stops deferring.
        Arguments.of(
            result(Outcome.DEFER, "isv.DAY_LIMIT_CONTROL", null),
            5,
            0.0,
            Kind.FAIL,
            Duration.ZERO,
            false));
  }

  @ParameterizedTest(name = "[{index}] {0} attempt {1}")
  @MethodSource("sendCases")
  void afterSendTable(
      SendResult result, int attempts, double jitter, Kind kind, Duration delay, boolean lookup) {
    RetryPolicy.Step step = policy.afterSend(result, attempts, jitter);

    assertThat(step.kind()).as(step.reason()).isEqualTo(kind);
    assertThat(step.delay()).isEqualTo(delay);
    assertThat(step.lookupFirst()).isEqualTo(lookup);
    assertThat(step.reason()).contains(result.code());
  }

  static Stream<Arguments> lookupCases() {
    return Stream.of(
        // The provider has the message: it went out, never send it again.
        Arguments.of(LookupResult.FOUND, 2, Kind.SENT, false),
        // The provider has no such message: send now.
        Arguments.of(LookupResult.NOT_FOUND, 2, Kind.SEND_NOW, false),
        // The lookup failed: ask again later, still without sending.
        Arguments.of(LookupResult.UNKNOWN, 2, Kind.RETRY, true),
        // The lookup kept failing until the attempts ran out: failed.
        Arguments.of(LookupResult.UNKNOWN, 5, Kind.FAIL, false));
  }

  @ParameterizedTest(name = "[{index}] {0} attempt {1}")
  @MethodSource("lookupCases")
  void afterLookupTable(LookupResult result, int attempts, Kind kind, boolean lookup) {
    RetryPolicy.Step step = policy.afterLookup(result, attempts, 0.0);

    assertThat(step.kind()).isEqualTo(kind);
    assertThat(step.lookupFirst()).isEqualTo(lookup);
  }

  @Test
  void backoffCappedAtMax() {
    assertThat(policy.backoff(10, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(60));
    assertThat(policy.backoff(10, 0.0)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.backoff(1_000, 0.0)).isEqualTo(Duration.ofSeconds(30));
  }
}
