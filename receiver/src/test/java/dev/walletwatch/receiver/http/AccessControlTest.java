package dev.walletwatch.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessControlTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        // An IPv4 caller gets a /32 entry.
        "203.0.113.7|caller address 203.0.113.7 |such as 203.0.113.7/32",
        // An IPv6 caller in brackets gets a /128 entry without the brackets.
        "[2001:db8::7]|caller address 2001:db8::7 |such as 2001:db8::7/128",
        // An IPv6 caller written out in full keeps its form.
        "0:0:0:0:0:0:0:1|caller address 0:0:0:0:0:0:0:1 |such as 0:0:0:0:0:0:0:1/128",
      })
  void notAllowedMessageNamesCallerAndFix(String remote, String names, String fix) {
    String message = AccessControl.notAllowedMessage(remote);

    assertThat(message).contains(names);
    assertThat(message).contains("add it to server.allow as a CIDR " + fix);
  }
}
