package dev.walletwatch.receiver.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FloodControlTest {
  private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");
  private static final Duration THIRTY_MINUTES = Duration.ofMinutes(30);

  static Stream<Arguments> cases() {
    return Stream.of(
        // Never sent before: allowed.
        Arguments.of(null, THIRTY_MINUTES, true, "nothing sent"),
        // Sent 10 minutes ago within a 30-minute interval: suppressed.
        Arguments.of(NOW.minus(Duration.ofMinutes(10)), THIRTY_MINUTES, false, "10m ago"),
        // Sent exactly 30 minutes ago: the interval has passed.
        Arguments.of(NOW.minus(THIRTY_MINUTES), THIRTY_MINUTES, true, "30m ago"),
        // Sent an hour ago: allowed.
        Arguments.of(NOW.minus(Duration.ofHours(1)), THIRTY_MINUTES, true, "1h ago"),
        // No interval configured: always allowed.
        Arguments.of(NOW.minusSeconds(1), Duration.ZERO, true, "no repeatInterval"),
        // The clock went back: the last send counts as just now, so suppressed.
        Arguments.of(NOW.plus(Duration.ofMinutes(5)), THIRTY_MINUTES, false, "0s ago"));
  }

  @ParameterizedTest(name = "[{index}] {3}")
  @MethodSource("cases")
  void checkTable(Instant lastSent, Duration interval, boolean allowed, String reasonPart) {
    FloodControl.Verdict verdict = FloodControl.check(lastSent, interval, NOW);

    assertThat(verdict.allowed()).as(verdict.reason()).isEqualTo(allowed);
    assertThat(verdict.reason()).contains(reasonPart);
  }
}
