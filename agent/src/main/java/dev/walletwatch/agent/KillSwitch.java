package dev.walletwatch.agent;

/**
 * The switch that turns the agent off without removing {@code -javaagent}: the system property
 * {@code walletwatch.agent.enabled} or the environment variable {@code WALLETWATCH_ENABLED} set to
 * {@code false}. Either one set to {@code false} turns the agent off, whatever the other says.
 */
final class KillSwitch {

  static final String PROPERTY = "walletwatch.agent.enabled";
  static final String VARIABLE = "WALLETWATCH_ENABLED";

  private KillSwitch() {}

  /** Returns why the agent is off in this JVM, or null when it is on. */
  static String reasonOff() {
    return reasonOff(System.getProperty(PROPERTY), System.getenv(VARIABLE));
  }

  /**
   * Returns why the agent is off for these settings, or null when it is on. A value other than
   * {@code true} or {@code false} (any case) also turns it off, because an operator who set the
   * switch meant to change something, and a monitoring agent left running by a typo is the worse
   * mistake.
   */
  static String reasonOff(String property, String variable) {
    String reason = reason("-D" + PROPERTY, property);
    return reason != null ? reason : reason(VARIABLE, variable);
  }

  private static String reason(String setting, String value) {
    if (value == null || value.trim().equalsIgnoreCase("true")) {
      return null;
    }
    if (value.trim().equalsIgnoreCase("false")) {
      return setting + "=false";
    }
    return setting + "='" + value + "' (not true or false, so read as false)";
  }
}
