package dev.walletwatch.receiver.http;

import dev.walletwatch.receiver.Troubleshooting;
import dev.walletwatch.receiver.config.Cidr;
import dev.walletwatch.receiver.config.Secret;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * The caller checks: a caller address inside {@code server.allow}, and a bearer token equal to
 * {@code server.token}, compared in constant time. Datadog does not sign webhooks, so the token in
 * a custom header is what proves the sender.
 */
public final class AccessControl {
  private static final String BEARER = "bearer ";

  private final List<Cidr> allow;
  private final Secret token;

  AccessControl(List<Cidr> allow, Secret token) {
    this.allow = List.copyOf(allow);
    this.token = token;
  }

  /**
   * Returns whether {@code remoteAddress} (a literal IP from the socket, never a forwarded header)
   * is allowed.
   */
  boolean allows(String remoteAddress) {
    InetAddress address;
    try {
      // The socket gives a literal, so no DNS lookup happens here; brackets come with IPv6.
      address = InetAddress.getByName(remoteAddress.replace("[", "").replace("]", ""));
    } catch (UnknownHostException e) {
      return false;
    }
    for (Cidr network : allow) {
      if (network.contains(address)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns the 403 message for {@code remoteAddress}: the address as the socket shows it (a
   * proxy's address when the receiver runs behind one) and the {@code server.allow} entry to add.
   */
  public static String notAllowedMessage(String remoteAddress) {
    String address = remoteAddress.replace("[", "").replace("]", "");
    String prefix = address.contains(":") ? "/128" : "/32";
    return "caller address "
        + address
        + " is not in server.allow; if this caller should be served, add it to server.allow as"
        + " a CIDR such as "
        + address
        + prefix
        + "; "
        + Troubleshooting.see(Troubleshooting.RETURNS_403);
  }

  /** Returns whether the {@code Authorization} header value carries the configured token. */
  boolean authorized(String authorization) {
    if (authorization == null
        || authorization.length() < BEARER.length()
        || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
      return false;
    }
    return token.matches(authorization.substring(BEARER.length()).trim());
  }
}
