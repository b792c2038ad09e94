package dev.walletwatch.receiver.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential or token from the configuration. Its {@code toString()} is {@code <secret>}, so a
 * secret that reaches a log line, an exception message or a config dump shows nothing.
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

  /** Returns the secret itself; call only where it is put on the wire or into a signature. */
  public String reveal() {
    return value;
  }

  public boolean isEmpty() {
    return value.isEmpty();
  }

  /**
   * Compares {@code candidate} with this secret in time that does not depend on where they first
   * differ, so that a caller cannot guess a token byte by byte.
   */
  public boolean matches(String candidate) {
    if (candidate == null) {
      return false;
    }
    return MessageDigest.isEqual(
        value.getBytes(StandardCharsets.UTF_8), candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "<secret>";
  }
}
