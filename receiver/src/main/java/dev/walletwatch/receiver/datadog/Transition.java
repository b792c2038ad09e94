package dev.walletwatch.receiver.datadog;

import java.util.Locale;

/** The monitor state changes that Datadog sends as {@code $ALERT_TRANSITION}. */
public enum Transition {
  TRIGGERED("Triggered"),
  RE_TRIGGERED("Re-Triggered"),
  RECOVERED("Recovered"),
  WARN("Warn"),
  RE_WARN("Re-Warn"),
  NO_DATA("No Data"),
  RE_NO_DATA("Re-No Data"),
  RENOTIFY("Renotify");

  private final String label;

  Transition(String label) {
    this.label = label;
  }

  /** Returns the name as Datadog writes it, such as {@code Re-Triggered}. */
  public String label() {
    return label;
  }

  /**
   * Returns the transition written as {@code text}, ignoring case, spaces, hyphens and underscores
   * ({@code re-triggered}, {@code No_Data}), or null when it names none.
   */
  public static Transition parse(String text) {
    if (text == null) {
      return null;
    }
    String wanted = normalize(text);
    if (wanted.isEmpty()) {
      return null;
    }
    for (Transition transition : values()) {
      if (normalize(transition.label).equals(wanted)) {
        return transition;
      }
    }
    return null;
  }

  private static String normalize(String text) {
    return text.replaceAll("[\\s_-]", "").toLowerCase(Locale.ROOT);
  }

  /** Returns every label, for error messages. */
  public static String known() {
    StringBuilder out = new StringBuilder();
    for (Transition transition : values()) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append(transition.label);
    }
    return out.toString();
  }
}
