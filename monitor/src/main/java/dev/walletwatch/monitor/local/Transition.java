package dev.walletwatch.monitor.local;

/**
 * A notifying change, with the values Datadog puts in {@code $ALERT_TRANSITION} and {@code
 * $ALERT_TYPE}.
 */
public enum Transition {
  TRIGGERED("Triggered", "error"),
  RE_TRIGGERED("Re-Triggered", "error"),
  RECOVERED("Recovered", "success"),
  // NOTE: Datadog's documentation does not say which $ALERT_TYPE a no-data notification carries.
  // "error" is an assumption, chosen because a silent balance needs the same attention as a low
  // one.
  NO_DATA("No Data", "error"),
  RE_NO_DATA("Re-No Data", "error");

  private final String title;
  private final String alertType;

  Transition(String title, String alertType) {
    this.title = title;
    this.alertType = alertType;
  }

  /** Returns the name as Datadog writes it, such as {@code Re-Triggered}. */
  public String title() {
    return title;
  }

  /** Returns one of {@code error}, {@code warning}, {@code success}. */
  public String alertType() {
    return alertType;
  }

  @Override
  public String toString() {
    return title;
  }
}
