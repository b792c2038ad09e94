package dev.walletwatch.receiver.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CidrTest {

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource({
    "10.0.0.0/8, 10.255.1.2, true",
    "10.0.0.0/8, 11.0.0.1, false",
    "192.168.1.0/25, 192.168.1.127, true",
    "192.168.1.0/25, 192.168.1.128, false",
    "0.0.0.0/0, 8.8.8.8, true",
    "127.0.0.1, 127.0.0.1, true",
    "127.0.0.1, 127.0.0.2, false",
    "2001:db8::/32, 2001:db8:1::5, true",
    "2001:db8::/32, 2001:db9::1, false",
    "::/0, ::1, true",
    "::/0, 10.0.0.1, false",
    "10.0.0.0/8, ::ffff:10.0.0.1, true",
    "::1/128, ::1, true",
  })
  void containsTable(String network, String address, boolean expected) throws Exception {
    assertThat(Cidr.parse(network).contains(InetAddress.getByName(address))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"10.0.0.0/33", "::/129", "example.com", "10.0.0.0/x", "/8", "300.1.1.1"})
  void parseRejectsInvalid(String text) {
    assertThatThrownBy(() -> Cidr.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
