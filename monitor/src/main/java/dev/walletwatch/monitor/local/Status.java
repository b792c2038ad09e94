package dev.walletwatch.monitor.local;

/** The state a monitor is in between evaluations. */
public enum Status {
  OK,
  ALERT,
  NO_DATA
}
