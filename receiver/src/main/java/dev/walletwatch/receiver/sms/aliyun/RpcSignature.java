package dev.walletwatch.receiver.sms.aliyun;

import dev.walletwatch.receiver.config.Secret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Aliyun's RPC signature, version 1 (HMAC-SHA1). The string to sign is the HTTP method, {@code
 * &%2F&}, and the canonical query string percent-encoded once more; the signature is the Base64
 * HMAC-SHA1 of it keyed by the AccessKey secret plus {@code &}, sent as the {@code Signature}
 * parameter. Every parameter except {@code Signature} is signed, form-body fields included.
 */
final class RpcSignature {
  /** The parameter that carries the signature; it is never part of the signed set. */
  static final String SIGNATURE_PARAM = "Signature";

  private RpcSignature() {}

  /**
   * Builds the canonical query string: parameters sorted by name in code-unit order (uppercase
   * before lowercase), each name and value percent-encoded, joined as {@code name=value} with
   * {@code &}. {@code Signature} is left out.
   */
  static String canonicalQuery(Map<String, String> params) {
    SortedMap<String, String> sorted = new TreeMap<>(params);
    sorted.remove(SIGNATURE_PARAM);
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> param : sorted.entrySet()) {
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(AliyunPercentEncoding.encode(param.getKey()));
      query.append('=');
      query.append(AliyunPercentEncoding.encode(param.getValue()));
    }
    return query.toString();
  }

  /** Builds the string to sign for {@code method} ({@code GET} or {@code POST}) and the params. */
  static String stringToSign(String method, Map<String, String> params) {
    return method
        + "&"
        + AliyunPercentEncoding.encode("/")
        + "&"
        + AliyunPercentEncoding.encode(canonicalQuery(params));
  }

  /** Signs {@code stringToSign}: Base64 of HMAC-SHA1 keyed by the secret followed by {@code &}. */
  static String sign(String stringToSign, Secret secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      byte[] key = (secret.reveal() + "&").getBytes(StandardCharsets.UTF_8);
      mac.init(new SecretKeySpec(key, "HmacSHA1"));
      byte[] digest = mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(digest);
    } catch (GeneralSecurityException e) {
      // Every Java 17 runtime ships HmacSHA1, so this is a broken JDK, not bad input.
      throw new IllegalStateException("HmacSHA1 is not available in this JDK", e);
    }
  }

  /** Computes the {@code Signature} value for a request with these params. */
  static String signature(String method, Map<String, String> params, Secret secret) {
    return sign(stringToSign(method, params), secret);
  }
}
