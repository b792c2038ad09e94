package dev.walletwatch.receiver.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * One IPv4 or IPv6 network from the {@code server.allow} list, such as {@code 10.0.0.0/8} or {@code
 * 2001:db8::/32}. A bare address is a network of one host. An IPv4 network never matches an IPv6
 * caller, except an IPv4-mapped address ({@code ::ffff:10.0.0.1}), which is compared as IPv4.
 */
public final class Cidr {
  // Only literal addresses: InetAddress.getByName would resolve a host name over DNS.
  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");
  private static final Pattern IPV4 =
      Pattern.compile(
          "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

  private final String text;
  private final byte[] network;
  private final int prefixLength;

  private Cidr(String text, byte[] network, int prefixLength) {
    this.text = text;
    this.network = network;
    this.prefixLength = prefixLength;
  }

  /** Parses {@code text}; throws {@link IllegalArgumentException} with the reason when invalid. */
  public static Cidr parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String address = slash < 0 ? trimmed : trimmed.substring(0, slash);

    boolean ipv6 = address.contains(":");
    // An IPv6 literal is never looked up; a dotted string that is not a valid IPv4 literal would
    // be, so it is rejected first.
    if (!LITERAL.matcher(address).matches() || (!ipv6 && !IPV4.matcher(address).matches())) {
      throw new IllegalArgumentException("not an IPv4 or IPv6 address: '" + address + "'");
    }

    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IPv4 or IPv6 address: '" + address + "'");
    }

    int maxBits = bytes.length * 8;
    int prefix = maxBits;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > maxBits) {
        throw new IllegalArgumentException(
            "prefix length must be 0 to "
                + maxBits
                + ", got '"
                + trimmed.substring(slash + 1)
                + "'");
      }
    }
    return new Cidr(trimmed, bytes, prefix);
  }

  /** Returns whether {@code address} lies inside this network. */
  public boolean contains(InetAddress address) {
    byte[] candidate = unmapIpv4(address.getAddress());
    if (candidate.length != network.length) {
      return false;
    }
    int fullBytes = prefixLength / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int restBits = prefixLength % 8;
    if (restBits == 0) {
      return true;
    }
    int mask = (0xFF << (8 - restBits)) & 0xFF;
    return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
  }

  private static byte[] unmapIpv4(byte[] address) {
    if (address.length != 16) {
      return address;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return address;
      }
    }
    if (address[10] != (byte) 0xFF || address[11] != (byte) 0xFF) {
      return address;
    }
    return new byte[] {address[12], address[13], address[14], address[15]};
  }

  @Override
  public String toString() {
    return text;
  }
}
