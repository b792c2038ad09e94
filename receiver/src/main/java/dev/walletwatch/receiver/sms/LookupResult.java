package dev.walletwatch.receiver.sms;

/** The provider's record of an earlier send whose outcome was unknown. */
public enum LookupResult {
  /** The provider has a message with our {@code OutId}: it was sent, do not send again. */
  FOUND,
  /** The provider has no such message: sending again is safe. */
  NOT_FOUND,
  /** The lookup itself failed: ask again later, do not send yet. */
  UNKNOWN
}
