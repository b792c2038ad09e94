package dev.walletwatch.receiver.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.receiver.store.FloodState;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FloodControlTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final Duration THIRTY_MINUTES = Duration.ofMinutes(30);
  private static final boolean ALERT = false;
  private static final boolean RECOVERY = true;

  private static FloodState alertAgo(Duration ago) {
    return new FloodState(NOW.minus(ago), false);
  }

  private static FloodState recoveredAfterAlertAgo(Duration ago) {
    return new FloodState(NOW.minus(ago), true);
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // Alert, nothing sent before: allowed.
        Arguments.of(ALERT, FloodState.NOTHING_SENT, THIRTY_MINUTES, true, "no alert sent"),
        // Alert 10 minutes after the last alert, no recovery since: suppressed.
        Arguments.of(
            ALERT, alertAgo(Duration.ofMinutes(10)), THIRTY_MINUTES, false, "no recovery since"),
        // Alert 59 s after an alert that a recovery followed: a new alert, allowed.
        Arguments.of(
            ALERT,
            recoveredAfterAlertAgo(Duration.ofSeconds(59)),
            THIRTY_MINUTES,
            true,
            "a recovery was sent after it"),
        // Alert exactly 30 minutes after the last alert: the interval has passed.
        Arguments.of(ALERT, alertAgo(THIRTY_MINUTES), THIRTY_MINUTES, true, "30m ago"),
        // Alert an hour after the last alert: allowed.
        Arguments.of(ALERT, alertAgo(Duration.ofHours(1)), THIRTY_MINUTES, true, "1h ago"),
        // Alert with no interval configured: always allowed.
        Arguments.of(ALERT, alertAgo(Duration.ofSeconds(1)), Duration.ZERO, true, "no repeat"),
        // Alert after the clock went back: the last alert counts as just now, so suppressed.
        Arguments.of(
            ALERT,
            new FloodState(NOW.plus(Duration.ofMinutes(5)), false),
            THIRTY_MINUTES,
            false,
            "0s ago"),
        // Recovery after an alert that no recovery followed: allowed, even within the interval.
        Arguments.of(
            RECOVERY,
            alertAgo(Duration.ofSeconds(59)),
            THIRTY_MINUTES,
            true,
            "no recovery sent since"),
        // Recovery when no alert was ever sent: suppressed.
        Arguments.of(RECOVERY, FloodState.NOTHING_SENT, THIRTY_MINUTES, false, "none to recover"),
        // Recovery when no alert was ever sent and no interval is set: still suppressed.
        Arguments.of(RECOVERY, FloodState.NOTHING_SENT, Duration.ZERO, false, "none to recover"),
        // Recovery when a recovery already followed the last alert: suppressed.
        Arguments.of(
            RECOVERY,
            recoveredAfterAlertAgo(Duration.ofHours(2)),
            Duration.ZERO,
            false,
            "already sent"));
  }

  @ParameterizedTest(name = "[{index}] {4}")
  @MethodSource("cases")
  void checkTable(
      boolean recovery, FloodState sent, Duration interval, boolean allowed, String reasonPart) {
    FloodControl.Verdict verdict = FloodControl.check(recovery, sent, interval, NOW);

    assertThat(verdict.allowed()).as(verdict.reason()).isEqualTo(allowed);
    assertThat(verdict.reason()).contains(reasonPart);
  }
}
