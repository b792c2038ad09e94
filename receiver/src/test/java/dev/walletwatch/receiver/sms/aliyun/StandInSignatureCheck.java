package dev.walletwatch.receiver.sms.aliyun;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * The stand-in's signature checks, written from Aliyun's documentation independently of the
 * production signer: parameters are decoded with form rules (so a raw {@code +} reads as a space,
 * as on Aliyun) and re-encoded with {@link URLEncoder} plus Aliyun's three replacements. Each check
 * returns null when the request passes, or Aliyun's error code, a colon and its message.
 */
final class StandInSignatureCheck {
  /** Aliyun's gateway error code for a signature that does not match. */
  static final String SIGNATURE_DOES_NOT_MATCH = "SignatureDoesNotMatch";

  private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

  private final String accessKeyId;
  private final String secret;
  private final Clock clock;
  private final Set<String> nonces = new HashSet<>();

  StandInSignatureCheck(String accessKeyId, String secret, Clock clock) {
    this.accessKeyId = accessKeyId;
    this.secret = secret;
    this.clock = clock;
  }

  /** Checks the request's V3 signature when it has an ACS3 Authorization header, else V1. */
  String verify(RecordedRequest request, Map<String, String> params) {
    String authorization = request.getHeaders().get("Authorization");
    if (authorization != null && authorization.startsWith("ACS3-HMAC-SHA256 ")) {
      return verifyV3(request, authorization);
    }
    return verifyV1(request, params);
  }

  /** Returns null when the V1 signature checks out, or a failure code followed by a message. */
  String verifyV1(RecordedRequest request, Map<String, String> params) {
    String signature = params.get("Signature");
    if (signature == null) {
      return "MissingParameter: Signature is missing";
    }
    String common = checkCommon(params.get("AccessKeyId"), params.get("Timestamp"));
    if (common != null) {
      return common;
    }
    if (!"HMAC-SHA1".equals(params.get("SignatureMethod"))
        || !"1.0".equals(params.get("SignatureVersion"))) {
      return "InvalidParameter: SignatureMethod must be HMAC-SHA1 and SignatureVersion 1.0";
    }
    if (!"2017-05-25".equals(params.get("Version"))) {
      return "InvalidVersion: Version " + params.get("Version") + " is not supported";
    }
    String nonce = checkNonce(params.get("SignatureNonce"));
    if (nonce != null) {
      return nonce;
    }

    Map<String, String> signed = new TreeMap<>(params);
    signed.remove("Signature");
    String stringToSign = request.getMethod() + "&%2F&" + encode(canonicalQuery(signed));
    String expected =
        Base64.getEncoder().encodeToString(hmac("HmacSHA1", secret + "&", stringToSign));
    if (!expected.equals(signature)) {
      return SIGNATURE_DOES_NOT_MATCH
          + ": Specified signature is not matched with our calculation. server string to sign is:"
          + stringToSign;
    }
    return null;
  }

  /** Returns null when the V3 signature checks out, or a failure code followed by a message. */
  String verifyV3(RecordedRequest request, String authorization) {
    Map<String, String> fields = new TreeMap<>();
    for (String part : authorization.substring("ACS3-HMAC-SHA256 ".length()).split(",")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        fields.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
      }
    }
    List<String> signedHeaders =
        new ArrayList<>(List.of(fields.getOrDefault("SignedHeaders", "").split(";")));
    Collections.sort(signedHeaders);
    Headers headers = request.getHeaders();
    String common = checkCommon(fields.get("Credential"), headers.get("x-acs-date"));
    if (common != null) {
      return common;
    }
    String headerProblem = checkV3Headers(request, signedHeaders);
    if (headerProblem != null) {
      return headerProblem;
    }
    String nonce = checkNonce(headers.get("x-acs-signature-nonce"));
    if (nonce != null) {
      return nonce;
    }

    StringBuilder canonicalHeaders = new StringBuilder();
    for (String name : signedHeaders) {
      canonicalHeaders.append(name).append(':').append(headers.get(name).trim()).append('\n');
    }
    String canonicalRequest =
        request.getMethod()
            + "\n/\n"
            + canonicalQuery(rawQueryParams(request))
            + "\n"
            + canonicalHeaders
            + "\n"
            + String.join(";", signedHeaders)
            + "\n"
            + headers.get("x-acs-content-sha256");
    String stringToSign =
        "ACS3-HMAC-SHA256\n" + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
    String expected = hex(hmac("HmacSHA256", secret, stringToSign));
    if (!expected.equals(fields.get("Signature"))) {
      return SIGNATURE_DOES_NOT_MATCH
          + ": The request signature does not conform to Aliyun standards. server string to sign is:"
          + stringToSign;
    }
    return null;
  }

  /**
   * Checks that the headers V3 requires are present and signed, that no {@code x-acs-*} header is
   * sent unsigned, and that {@code x-acs-content-sha256} is the body's hash.
   */
  private static String checkV3Headers(RecordedRequest request, List<String> signedHeaders) {
    Headers headers = request.getHeaders();
    List<String> required =
        List.of(
            "host",
            "x-acs-action",
            "x-acs-content-sha256",
            "x-acs-date",
            "x-acs-signature-nonce",
            "x-acs-version");
    for (String name : required) {
      if (headers.get(name) == null || !signedHeaders.contains(name)) {
        return "MissingParameter: header " + name + " is missing or not signed";
      }
    }
    for (String name : signedHeaders) {
      if (headers.get(name) == null) {
        return "InvalidParameter: signed header " + name + " is not sent";
      }
    }
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-acs-") && !signedHeaders.contains(lower)) {
        return "InvalidParameter: header " + lower + " is sent but not signed";
      }
    }
    if (!"2017-05-25".equals(headers.get("x-acs-version"))) {
      return "InvalidVersion: x-acs-version " + headers.get("x-acs-version") + " is not supported";
    }
    byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
    if (!hex(sha256(body)).equals(headers.get("x-acs-content-sha256"))) {
      return "InvalidParameter: x-acs-content-sha256 does not match the body";
    }
    return null;
  }

  /** Joins sorted, encoded {@code name=value} pairs with {@code &}. */
  private static String canonicalQuery(Map<String, String> params) {
    StringBuilder query = new StringBuilder();
    for (Map.Entry<String, String> param : new TreeMap<>(params).entrySet()) {
      if (query.length() > 0) {
        query.append('&');
      }
      query.append(encode(param.getKey())).append('=').append(encode(param.getValue()));
    }
    return query.toString();
  }

  private String checkCommon(String keyId, String timestamp) {
    if (!accessKeyId.equals(keyId)) {
      return "InvalidAccessKeyId.NotFound: Specified access key is not found.";
    }
    if (timestamp == null) {
      return "MissingTimestamp: Timestamp is mandatory for this action.";
    }
    try {
      Instant sent = Instant.parse(timestamp);
      if (Duration.between(sent, clock.instant()).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
        return "InvalidTimeStamp.Expired: Specified time stamp or date value is expired.";
      }
    } catch (DateTimeParseException e) {
      return "InvalidTimeStamp.Format: Specified time stamp or date value is not well formatted.";
    }
    return null;
  }

  private String checkNonce(String nonce) {
    if (nonce == null || nonce.isEmpty()) {
      return "MissingSignatureNonce: SignatureNonce is mandatory for this action.";
    }
    if (!nonces.add(nonce)) {
      return "SignatureNonceUsed: Specified signature nonce was used already.";
    }
    return null;
  }

  /** Collects query parameters and, for a form body, its fields, decoded as a server does. */
  static Map<String, String> requestParams(RecordedRequest request) {
    Map<String, String> params = rawQueryParams(request);
    String contentType = request.getHeaders().get("Content-Type");
    if (contentType != null
        && contentType.startsWith("application/x-www-form-urlencoded")
        && request.getBody() != null) {
      params.putAll(decodeForm(request.getBody().utf8()));
    }
    return params;
  }

  private static Map<String, String> rawQueryParams(RecordedRequest request) {
    String query = request.getUrl().encodedQuery();
    return query == null ? new TreeMap<>() : decodeForm(query);
  }

  /** Decodes {@code a=b&c=d} with form rules, so a raw {@code +} becomes a space as on Aliyun. */
  private static Map<String, String> decodeForm(String form) {
    Map<String, String> params = new TreeMap<>();
    for (String pair : form.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      params.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return params;
  }

  /** Percent-encodes the way Aliyun's documentation describes it with a form encoder. */
  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8)
        .replace("+", "%20")
        .replace("*", "%2A")
        .replace("%7E", "~");
  }

  private static byte[] hmac(String algorithm, String key, String data) {
    try {
      Mac mac = Mac.getInstance(algorithm);
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
      return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(algorithm + " is not available", e);
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
