package dev.walletwatch.receiver.sms.aliyun;

import dev.walletwatch.receiver.config.Secret;
import dev.walletwatch.receiver.sms.aliyun.AliyunSettings.SignatureVersion;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;

/**
 * Builds signed Dysmsapi (2017-05-25) requests. Every call takes a new nonce and the current time
 * from the injected clock, so a retry is a new request that Aliyun does not reject as {@code
 * SignatureNonceUsed}. Operation parameters travel in the query string for both GET and POST, and a
 * POST has an empty body, as the official SDK sends it.
 */
final class AliyunRequestSigner {
  static final String API_VERSION = "2017-05-25";

  /** The region every SMS example names; the endpoint host decides where the request goes. */
  static final String REGION_ID = "cn-hangzhou";

  private static final RequestBody EMPTY_BODY = RequestBody.create(new byte[0], null);

  private final String accessKeyId;
  private final Secret secret;
  private final SignatureVersion version;
  private final Clock clock;
  private final Supplier<String> nonces;

  AliyunRequestSigner(
      String accessKeyId,
      Secret secret,
      SignatureVersion version,
      Clock clock,
      Supplier<String> nonces) {
    this.accessKeyId = Objects.requireNonNull(accessKeyId, "accessKeyId");
    this.secret = Objects.requireNonNull(secret, "secret");
    this.version = Objects.requireNonNull(version, "version");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nonces = Objects.requireNonNull(nonces, "nonces");
  }

  /** Creates a signer that takes random UUIDs as nonces, as Aliyun recommends. */
  static AliyunRequestSigner withRandomNonces(AliyunSettings settings, Clock clock) {
    return new AliyunRequestSigner(
        settings.accessKeyId(),
        settings.accessKeySecret(),
        settings.signature(),
        clock,
        () -> UUID.randomUUID().toString());
  }

  /**
   * Builds a signed request for {@code action} with {@code params} against {@code endpoint}.
   *
   * @param method {@code GET} or {@code POST}
   * @throws IllegalArgumentException if a parameter value is empty: the two official SDKs sign
   *     empty values differently, so the server's choice is unknown and we never send one
   */
  Request sign(HttpUrl endpoint, String method, String action, Map<String, String> params) {
    if (!method.equals("GET") && !method.equals("POST")) {
      throw new IllegalArgumentException("unsupported HTTP method " + method + "; use GET or POST");
    }
    for (Map.Entry<String, String> param : params.entrySet()) {
      if (param.getValue() == null || param.getValue().isEmpty()) {
        throw new IllegalArgumentException(
            "parameter " + param.getKey() + " of " + action + " is empty; leave it out instead");
      }
    }
    String timestamp = timestamp(clock.instant());
    String nonce = nonces.get();
    return switch (version) {
      case V1 -> signV1(endpoint, method, action, params, timestamp, nonce);
      case V3 -> signV3(endpoint, method, action, params, timestamp, nonce);
    };
  }

  private Request signV1(
      HttpUrl endpoint,
      String method,
      String action,
      Map<String, String> params,
      String timestamp,
      String nonce) {
    Map<String, String> all = new TreeMap<>(params);
    all.put("AccessKeyId", accessKeyId);
    all.put("Action", action);
    all.put("Format", "JSON");
    all.put("RegionId", REGION_ID);
    all.put("SignatureMethod", "HMAC-SHA1");
    all.put("SignatureNonce", nonce);
    all.put("SignatureVersion", "1.0");
    all.put("Timestamp", timestamp);
    all.put("Version", API_VERSION);
    all.put(RpcSignature.SIGNATURE_PARAM, RpcSignature.signature(method, all, secret));
    return new Request.Builder()
        .url(withQuery(endpoint, all))
        .method(method, method.equals("POST") ? EMPTY_BODY : null)
        .build();
  }

  private Request signV3(
      HttpUrl endpoint,
      String method,
      String action,
      Map<String, String> params,
      String timestamp,
      String nonce) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", hostHeader(endpoint));
    headers.put("x-acs-action", action);
    headers.put("x-acs-version", API_VERSION);
    headers.put("x-acs-date", timestamp);
    headers.put("x-acs-signature-nonce", nonce);
    headers.put("x-acs-content-sha256", Acs3Signature.EMPTY_PAYLOAD_HASH);
    String canonical =
        Acs3Signature.canonicalRequest(
            method, "/", params, headers, Acs3Signature.EMPTY_PAYLOAD_HASH);
    String signature = Acs3Signature.sign(Acs3Signature.stringToSign(canonical), secret);

    Request.Builder request =
        new Request.Builder()
            .url(withQuery(endpoint, params))
            .method(method, method.equals("POST") ? EMPTY_BODY : null);
    // The host we signed must be the one sent, so it is set here rather than left to OkHttp.
    headers.forEach(request::header);
    request.header("Authorization", Acs3Signature.authorization(accessKeyId, headers, signature));
    return request.build();
  }

  /** Formats {@code instant} as Aliyun expects: UTC, whole seconds, {@code Z} suffix. */
  static String timestamp(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Returns the Host header OkHttp would send: the port only when it is not the default. */
  static String hostHeader(HttpUrl url) {
    String host = url.host().contains(":") ? "[" + url.host() + "]" : url.host();
    if (url.port() == HttpUrl.defaultPort(url.scheme())) {
      return host;
    }
    return host + ":" + url.port();
  }

  private static HttpUrl withQuery(HttpUrl endpoint, Map<String, String> params) {
    HttpUrl.Builder url = endpoint.newBuilder().encodedPath("/").query(null);
    // Encoded with Aliyun's rules so the bytes on the wire match the signed canonical query.
    new TreeMap<>(params)
        .forEach(
            (name, value) ->
                url.addEncodedQueryParameter(
                    AliyunPercentEncoding.encode(name), AliyunPercentEncoding.encode(value)));
    return url.build();
  }
}
