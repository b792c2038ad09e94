package dev.walletwatch.monitor.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenFingerprintTest {

  @Test
  void fingerprintMatchesOnlyItsToken() {
    String fingerprint = TokenFingerprint.create("s3cret-token");

    assertThat(fingerprint).startsWith("pbkdf2-sha256:100000:").doesNotContain("s3cret");
    assertThat(TokenFingerprint.matches(fingerprint, "s3cret-token")).isTrue();
    assertThat(TokenFingerprint.matches(fingerprint, "s3cret-tokem")).isFalse();
  }

  @Test
  void sameTokenGetsDifferentSalts() {
    assertThat(TokenFingerprint.create("t")).isNotEqualTo(TokenFingerprint.create("t"));
  }

  @Test
  void malformedFingerprintNeverMatches() {
    assertThat(TokenFingerprint.matches(null, "t")).isFalse();
    assertThat(TokenFingerprint.matches("", "t")).isFalse();
    assertThat(TokenFingerprint.matches("sha1:1:AA:AA", "t")).isFalse();
    assertThat(TokenFingerprint.matches("pbkdf2-sha256:x:AA:AA", "t")).isFalse();
    assertThat(TokenFingerprint.matches("pbkdf2-sha256:1:!!:AA", "t")).isFalse();
  }
}
