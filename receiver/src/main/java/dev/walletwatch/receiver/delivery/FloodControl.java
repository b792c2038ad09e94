package dev.walletwatch.receiver.delivery;

import dev.walletwatch.receiver.config.Durations;
import dev.walletwatch.receiver.store.FloodState;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether an SMS may go out, so that a flapping monitor or a short renotify interval does
 * not flood the person on duty, and so that the last SMS they got tells the current state. A repeat
 * alert within the rule's {@code repeatInterval} is suppressed unless a recovery SMS was sent after
 * the last alert SMS. A recovery is sent only after an alert SMS that no recovery SMS has followed
 * yet, whatever the interval, because "recovered" means nothing to someone who never got the alert.
 * A pure function with the clock passed in.
 */
public final class FloodControl {
  private FloodControl() {}

  /** Whether a delivery may be sent now, and why. */
  public record Verdict(boolean allowed, String reason) {}

  /**
   * Decides whether to send an alert ({@code recovery} false) or a recovery SMS, given what was
   * already sent to the same phone for the same rule.
   */
  public static Verdict check(
      boolean recovery, FloodState sent, Duration repeatInterval, Instant now) {
    return recovery ? checkRecovery(sent, now) : checkAlert(sent, repeatInterval, now);
  }

  private static Verdict checkAlert(FloodState sent, Duration repeatInterval, Instant now) {
    if (repeatInterval.isZero()) {
      return new Verdict(true, "no repeatInterval set");
    }
    if (sent.lastAlertSent() == null) {
      return new Verdict(true, "no alert sent to this phone for this rule yet");
    }
    String since = Durations.format(since(sent.lastAlertSent(), now));
    if (sent.recoverySentSince()) {
      return new Verdict(
          true, "last alert sent " + since + " ago, but a recovery was sent after it");
    }
    if (since(sent.lastAlertSent(), now).compareTo(repeatInterval) >= 0) {
      return new Verdict(
          true,
          "last alert sent "
              + since
              + " ago, repeatInterval is "
              + Durations.format(repeatInterval));
    }
    return new Verdict(
        false,
        "suppressed: last alert sent "
            + since
            + " ago with no recovery since, within repeatInterval "
            + Durations.format(repeatInterval));
  }

  private static Verdict checkRecovery(FloodState sent, Instant now) {
    if (sent.lastAlertSent() == null) {
      return new Verdict(
          false, "suppressed: no alert was sent to this phone for this rule, so none to recover");
    }
    String since = Durations.format(since(sent.lastAlertSent(), now));
    if (sent.recoverySentSince()) {
      return new Verdict(
          false,
          "suppressed: a recovery was already sent after the last alert (" + since + " ago)");
    }
    return new Verdict(true, "last alert sent " + since + " ago, no recovery sent since");
  }

  /** Returns the whole seconds since {@code then}, zero when the clock went back. */
  private static Duration since(Instant then, Instant now) {
    Duration since = Duration.between(then, now);
    if (since.isNegative()) {
      // The clock went back: treat the last send as just now rather than long ago.
      return Duration.ZERO;
    }
    return Duration.ofSeconds(since.getSeconds());
  }
}
