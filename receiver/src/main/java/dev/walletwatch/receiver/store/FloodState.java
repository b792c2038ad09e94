package dev.walletwatch.receiver.store;

import java.time.Instant;

/**
 * What the flood control knows about the SMS already sent to one phone for one rule.
 *
 * @param lastAlertSent when the last alert SMS was sent, or null when none was
 * @param recoverySentSince whether a recovery SMS was sent after that alert SMS
 */
public record FloodState(Instant lastAlertSent, boolean recoverySentSince) {
  /** The state of a phone and rule that nothing was sent to yet. */
  public static final FloodState NOTHING_SENT = new FloodState(null, false);
}
