package dev.walletwatch.receiver.template;

/** A value from the webhook event that a template parameter may take, written {@code {name}}. */
public enum Placeholder {
  VALUE("value"),
  THRESHOLD("threshold"),
  METRIC("metric"),
  SCOPE("scope"),
  TRANSITION("transition"),
  TITLE("title"),
  MONITOR_ID("monitorId");

  private final String key;

  Placeholder(String key) {
    this.key = key;
  }

  /** Returns the name written between the braces. */
  public String key() {
    return key;
  }

  /** Returns the placeholder named {@code key}, or null when there is none. */
  public static Placeholder byKey(String key) {
    for (Placeholder placeholder : values()) {
      if (placeholder.key.equals(key)) {
        return placeholder;
      }
    }
    return null;
  }

  /** Returns the list of names as written in a config, for error messages. */
  public static String known() {
    StringBuilder out = new StringBuilder();
    for (Placeholder placeholder : values()) {
      if (out.length() > 0) {
        out.append(", ");
      }
      out.append('{').append(placeholder.key).append('}');
    }
    return out.toString();
  }
}
