package dev.walletwatch.receiver.sms.aliyun;

import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding as Aliyun's signatures require it (RFC 3986 over UTF-8): {@code A-Z a-z 0-9 - _
 * . ~} stay as they are, every other byte becomes {@code %} and two uppercase hex digits. So a
 * space is {@code %20} (never {@code +}), {@code *} is {@code %2A}, {@code ~} stays, {@code +} is
 * {@code %2B} and a Chinese character is three {@code %XX}. {@link java.net.URLEncoder} differs on
 * the first three and must not be used for signing.
 */
final class AliyunPercentEncoding {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  private AliyunPercentEncoding() {}

  /** Encodes {@code value} for a canonical query string or a V1 string to sign. */
  static String encode(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(bytes.length + 16);
    for (byte b : bytes) {
      int c = b & 0xFF;
      if (isUnreserved(c)) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0x0F]);
      }
    }
    return out.toString();
  }

  private static boolean isUnreserved(int c) {
    return (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9')
        || c == '-'
        || c == '_'
        || c == '.'
        || c == '~';
  }
}
