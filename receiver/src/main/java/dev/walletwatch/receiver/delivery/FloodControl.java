package dev.walletwatch.receiver.delivery;

import dev.walletwatch.receiver.config.Durations;
import java.time.Duration;
import java.time.Instant;

/**
 * Limits SMS to one per phone, rule and kind within the rule's {@code repeatInterval}, so that a
 * flapping monitor or a short renotify interval does not flood the person on duty. A pure function
 * with the clock passed in.
 */
public final class FloodControl {
  private FloodControl() {}

  /** Whether a delivery may be sent now, and why. */
  public record Verdict(boolean allowed, String reason) {}

  /**
   * Decides whether to send, given when the last SMS of the same phone, rule and kind was sent
   * ({@code lastSent}, null when never).
   */
  public static Verdict check(Instant lastSent, Duration repeatInterval, Instant now) {
    if (repeatInterval.isZero()) {
      return new Verdict(true, "no repeatInterval set");
    }
    if (lastSent == null) {
      return new Verdict(true, "nothing sent to this phone for this rule yet");
    }
    Duration since = Duration.between(lastSent, now);
    if (since.isNegative()) {
      // The clock went back: treat the last send as just now rather than long ago.
      since = Duration.ZERO;
    }
    if (since.compareTo(repeatInterval) >= 0) {
      return new Verdict(
          true,
          "last sent "
              + Durations.format(truncate(since))
              + " ago, repeatInterval is "
              + Durations.format(repeatInterval));
    }
    return new Verdict(
        false,
        "suppressed: last sent "
            + Durations.format(truncate(since))
            + " ago, within repeatInterval "
            + Durations.format(repeatInterval));
  }

  private static Duration truncate(Duration duration) {
    return Duration.ofSeconds(duration.getSeconds());
  }
}
