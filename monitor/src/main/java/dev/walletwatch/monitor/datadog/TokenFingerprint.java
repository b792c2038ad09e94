package dev.walletwatch.monitor.datadog;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted PBKDF2-HMAC-SHA256 fingerprint of the webhook token, written as {@code
 * pbkdf2-sha256:ITERATIONS:SALT:HASH} (base64url).
 *
 * <p>Datadog does not return the value of a secret custom variable, so {@code apply} cannot see
 * whether the stored token is the configured one. It keeps this fingerprint in a second, non-secret
 * custom variable and rewrites the token only when the fingerprint no longer matches. That keeps a
 * second {@code apply} free of changes, which re-sending the secret on every run would not. The
 * salt and the iteration count make guessing a token from its fingerprint slow, but only a random
 * token (such as 32 bytes from {@code openssl rand -hex 32}) makes it infeasible.
 */
public final class TokenFingerprint {
  private static final String SCHEME = "pbkdf2-sha256";
  private static final int ITERATIONS = 100_000;
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  private TokenFingerprint() {}

  /** Computes a fingerprint of {@code token} with a new random salt. */
  public static String create(String token) {
    byte[] salt = new byte[SALT_BYTES];
    new SecureRandom().nextBytes(salt);
    return format(ITERATIONS, salt, hash(token, salt, ITERATIONS));
  }

  /** Returns true when {@code fingerprint} was computed from {@code token}. */
  public static boolean matches(String fingerprint, String token) {
    if (fingerprint == null) {
      return false;
    }
    String[] parts = fingerprint.split(":");
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      return false;
    }
    try {
      int iterations = Integer.parseInt(parts[1]);
      if (iterations < 1 || iterations > 10_000_000) {
        return false;
      }
      byte[] salt = Base64.getUrlDecoder().decode(parts[2]);
      byte[] expected = Base64.getUrlDecoder().decode(parts[3]);
      return MessageDigest.isEqual(expected, hash(token, salt, iterations));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String format(int iterations, byte[] salt, byte[] hash) {
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    return SCHEME
        + ":"
        + iterations
        + ":"
        + encoder.encodeToString(salt)
        + ":"
        + encoder.encodeToString(hash);
  }

  private static byte[] hash(String token, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(token.toCharArray(), salt, iterations, HASH_BITS);
      return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(
          "this JVM lacks PBKDF2WithHmacSHA256, which Java 17 provides", e);
    }
  }
}
