package dev.walletwatch.monitor.config;

import java.util.Objects;

/**
 * An API key, application key or token from the configuration. Its {@code toString()} is {@code
 * <secret>}, so a secret that reaches output, a log line or an exception message shows nothing.
 */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  /** Wraps {@code value}, which must not be null. */
  public static Secret of(String value) {
    return new Secret(value);
  }

  /** Returns the secret itself; call only where it goes into a request header or body. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret secret && secret.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
