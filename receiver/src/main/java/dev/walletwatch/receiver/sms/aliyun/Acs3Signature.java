package dev.walletwatch.receiver.sms.aliyun;

import dev.walletwatch.receiver.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Aliyun's signature version 3, {@code ACS3-HMAC-SHA256}. The canonical request joins, one per
 * line: method, path, canonical query, canonical headers (each ending in a newline), signed header
 * names, and the hex SHA-256 of the body. The string to sign is {@code ACS3-HMAC-SHA256}, a newline
 * and the hex SHA-256 of the canonical request; the signature is its hex HMAC-SHA256 keyed by the
 * plain secret (no trailing {@code &}, unlike version 1).
 */
final class Acs3Signature {
  static final String ALGORITHM = "ACS3-HMAC-SHA256";

  /** Hex SHA-256 of an empty body. */
  static final String EMPTY_PAYLOAD_HASH =
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

  private Acs3Signature() {}

  /**
   * Selects and normalises the signed headers: every {@code x-acs-*} header, {@code host} and
   * {@code content-type}, with lowercase names and trimmed values, sorted by name. {@code
   * Authorization} is never signed.
   */
  static SortedMap<String, String> signedHeaders(Map<String, String> headers) {
    SortedMap<String, String> signed = new TreeMap<>();
    for (Map.Entry<String, String> header : headers.entrySet()) {
      String name = header.getKey().toLowerCase(Locale.ROOT);
      if (name.startsWith("x-acs-") || name.equals("host") || name.equals("content-type")) {
        signed.put(name, header.getValue().trim());
      }
    }
    return signed;
  }

  /** Builds the canonical request; {@code query} contains decoded names and values. */
  static String canonicalRequest(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      String payloadHash) {
    SortedMap<String, String> signed = signedHeaders(headers);
    StringBuilder canonicalHeaders = new StringBuilder();
    for (Map.Entry<String, String> header : signed.entrySet()) {
      canonicalHeaders.append(header.getKey()).append(':').append(header.getValue()).append('\n');
    }
    return method
        + "\n"
        + path
        + "\n"
        + RpcSignature.canonicalQuery(query)
        + "\n"
        + canonicalHeaders
        + "\n"
        + String.join(";", signed.keySet())
        + "\n"
        + payloadHash;
  }

  /** Builds the string to sign from a canonical request. */
  static String stringToSign(String canonicalRequest) {
    return ALGORITHM + "\n" + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
  }

  /** Signs {@code stringToSign}: lowercase hex HMAC-SHA256 keyed by the secret. */
  static String sign(String stringToSign, Secret secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  /** Builds the {@code Authorization} header value. */
  static String authorization(String accessKeyId, Map<String, String> headers, String signature) {
    return ALGORITHM
        + " Credential="
        + accessKeyId
        + ",SignedHeaders="
        + String.join(";", signedHeaders(headers).keySet())
        + ",Signature="
        + signature;
  }

  /** Lowercase hex SHA-256 of {@code bytes}, as used for the payload and canonical request. */
  static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available in this JDK", e);
    }
  }
}
