package dev.walletwatch.receiver.sms.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyuncs.auth.AcsURLEncoder;
import com.aliyuncs.auth.RpcSignatureComposer;
import com.aliyuncs.auth.V3SignatureComposer;
import com.aliyuncs.auth.signers.HmacSHA1Signer;
import com.aliyuncs.auth.signers.HmacSHA256Signer;
import com.aliyuncs.http.MethodType;
import dev.walletwatch.receiver.config.Secret;
import dev.walletwatch.receiver.sms.aliyun.AliyunSettings.SignatureVersion;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signs the same inputs with our code and with the official Aliyun SDK classes and requires equal
 * results. Oracles: aliyun-java-sdk-core's {@code RpcSignatureComposer} and {@code HmacSHA1Signer}
 * for version 1; its {@code V3SignatureComposer} for the canonical request and openapiutil's {@code
 * hash}, {@code hexEncode} and {@code SignatureMethod} for the version 3 string to sign and
 * signature.
 */
class SignatureOracleTest {
  private static final String SECRET = "t3st+Secret/With=Symbols";
  private static final String ACCESS_KEY_ID = "LTAI-test-id";

  static Stream<Arguments> inputs() {
    return Stream.of(
        Arguments.of("plain ASCII", params("13800000000", "Walletwatch", "{\"name\":\"ops\"}")),
        Arguments.of("space star tilde", params("13800000000", "a b", "{\"v\":\"a b*c~d\"}")),
        Arguments.of("plus and percent", params("+8613800000000", "x+y", "{\"v\":\"50%+1\"}")),
        Arguments.of("Chinese sign name", params("13800000000", "云通信产品", "{\"name\":\"值班\"}")),
        Arguments.of(
            "JSON with escaped newline",
            params("13800000000", "阿里云短信测试", "{\"msg\":\"line1\\nline2\",\"q\":\"\\\"\"}")),
        Arguments.of(
            "reserved characters", params("13800000000", "a!b'c(d)", "{\"u\":\"/?&=#:;,@$\"}")),
        Arguments.of("four-byte emoji", params("13800000000", "火箭🚀", "{\"e\":\"🚀\"}")));
  }

  private static Map<String, String> params(String phone, String signName, String templateParam) {
    Map<String, String> params = new TreeMap<>();
    params.put("PhoneNumbers", phone);
    params.put("SignName", signName);
    params.put("TemplateCode", "SMS_71390007");
    params.put("TemplateParam", templateParam);
    params.put("OutId", "delivery-42");
    return params;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void percentEncodingMatchesSdk(String name, Map<String, String> params) throws Exception {
    for (String value : params.values()) {
      assertThat(AliyunPercentEncoding.encode(value))
          .as("sdk-core AcsURLEncoder for %s", value)
          .isEqualTo(AcsURLEncoder.percentEncode(value));
      assertThat(AliyunPercentEncoding.encode(value))
          .as("openapiutil percentEncode for %s", value)
          .isEqualTo(com.aliyun.openapiutil.Client.percentEncode(value));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void v1SignatureMatchesSdkForGetAndPost(String name, Map<String, String> operation) {
    for (MethodType method : new MethodType[] {MethodType.GET, MethodType.POST}) {
      Map<String, String> params = new HashMap<>(operation);
      params.putAll(v1CommonParams());

      String ours = RpcSignature.stringToSign(method.name(), params);
      String sdk =
          RpcSignatureComposer.getComposer()
              .composeStringToSign(method, null, null, params, Map.of(), Map.of());
      assertThat(ours).as("%s string to sign", method).isEqualTo(sdk);
      assertThat(RpcSignature.sign(ours, Secret.of(SECRET)))
          .as("%s signature", method)
          .isEqualTo(new HmacSHA1Signer().signString(sdk, SECRET + "&"));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void v1SignedRequestVerifiesWithSdk(String name, Map<String, String> operation) {
    for (String method : new String[] {"GET", "POST"}) {
      Request request = signer(SignatureVersion.V1).sign(endpoint(), method, "SendSms", operation);

      Map<String, String> sent = queryOf(request.url());
      String signature = sent.remove("Signature");
      String sdkStringToSign =
          RpcSignatureComposer.getComposer()
              .composeStringToSign(
                  MethodType.valueOf(method), null, null, sent, Map.of(), Map.of());
      assertThat(signature)
          .as("%s Signature parameter", method)
          .isEqualTo(new HmacSHA1Signer().signString(sdkStringToSign, SECRET + "&"));
      assertThat(sent)
          .as("operation parameters reach the wire unchanged")
          .containsAllEntriesOf(operation);
      assertThat(request.method()).isEqualTo(method);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void v3SignatureMatchesSdkForGetAndPost(String name, Map<String, String> query) throws Exception {
    for (MethodType method : new MethodType[] {MethodType.GET, MethodType.POST}) {
      Map<String, String> headers = v3Headers();
      String payloadHash = Acs3Signature.sha256Hex("a=1&b=2".getBytes(StandardCharsets.UTF_8));

      String ours = Acs3Signature.canonicalRequest(method.name(), "/", query, headers, payloadHash);
      String sdk = sdkCanonicalRequest(method, query, headers, payloadHash);
      assertThat(ours).as("%s canonical request", method).isEqualTo(sdk);
      assertThat(Acs3Signature.sign(Acs3Signature.stringToSign(ours), Secret.of(SECRET)))
          .as("%s signature", method)
          .isEqualTo(openApiUtilSignature(sdk));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("inputs")
  void v3SignedRequestVerifiesWithSdk(String name, Map<String, String> operation) throws Exception {
    for (String method : new String[] {"GET", "POST"}) {
      Request request = signer(SignatureVersion.V3).sign(endpoint(), method, "SendSms", operation);

      Map<String, String> headers = new TreeMap<>();
      for (String header : request.headers().names()) {
        if (!header.equalsIgnoreCase("Authorization")) {
          headers.put(header.toLowerCase(), request.header(header));
        }
      }
      String canonical =
          sdkCanonicalRequest(
              MethodType.valueOf(method),
              queryOf(request.url()),
              headers,
              headers.get("x-acs-content-sha256"));
      String expected =
          "ACS3-HMAC-SHA256 Credential="
              + ACCESS_KEY_ID
              + ",SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;"
              + "x-acs-signature-nonce;x-acs-version,Signature="
              + openApiUtilSignature(canonical);
      assertThat(request.header("Authorization"))
          .as("%s Authorization", method)
          .isEqualTo(expected);
      assertThat(headers.get("x-acs-content-sha256"))
          .as("hash of the empty body")
          .isEqualTo(AcsURLEncoder.hexEncode(new HmacSHA256Signer().hash(new byte[0])));
    }
  }

  private static String sdkCanonicalRequest(
      MethodType method, Map<String, String> query, Map<String, String> headers, String payload) {
    return V3SignatureComposer.getComposer()
            .composeStringToSign(method, "/", null, query, headers, Map.of())
        + "\n"
        + payload;
  }

  private static String openApiUtilSignature(String canonicalRequest) throws Exception {
    String algorithm = "ACS3-HMAC-SHA256";
    String stringToSign =
        algorithm
            + "\n"
            + com.aliyun.openapiutil.Client.hexEncode(
                com.aliyun.openapiutil.Client.hash(
                    canonicalRequest.getBytes(StandardCharsets.UTF_8), algorithm));
    return com.aliyun.openapiutil.Client.hexEncode(
        com.aliyun.openapiutil.Client.SignatureMethod(stringToSign, SECRET, algorithm));
  }

  private static Map<String, String> v1CommonParams() {
    Map<String, String> common = new LinkedHashMap<>();
    common.put("AccessKeyId", ACCESS_KEY_ID);
    common.put("Action", "SendSms");
    common.put("Format", "JSON");
    common.put("RegionId", "cn-hangzhou");
    common.put("SignatureMethod", "HMAC-SHA1");
    common.put("SignatureNonce", "3f1b2c3d-0000-4000-8000-000000000001");
    common.put("SignatureVersion", "1.0");
    common.put("Timestamp", "2026-12-04T08:00:00Z");
    common.put("Version", "2017-05-25");
    return common;
  }

  private static Map<String, String> v3Headers() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", "dysmsapi.example.test");
    headers.put("x-acs-action", "SendSms");
    headers.put("x-acs-version", "2017-05-25");
    headers.put("x-acs-date", "2026-12-04T08:00:00Z");
    headers.put("x-acs-signature-nonce", "3f1b2c3d-0000-4000-8000-000000000001");
    headers.put("content-type", "application/x-www-form-urlencoded");
    headers.put(
        "x-acs-content-sha256",
        Acs3Signature.sha256Hex("a=1&b=2".getBytes(StandardCharsets.UTF_8)));
    return headers;
  }

  private static AliyunRequestSigner signer(SignatureVersion version) {
    Clock clock = Clock.fixed(Instant.parse("2026-12-04T08:00:00.750Z"), ZoneOffset.UTC);
    return new AliyunRequestSigner(
        ACCESS_KEY_ID, Secret.of(SECRET), version, clock, () -> "nonce-fixed-for-test");
  }

  private static HttpUrl endpoint() {
    return HttpUrl.get("http://127.0.0.1:8999/");
  }

  /** Decodes the query string of {@code url} as a server would. */
  private static Map<String, String> queryOf(HttpUrl url) {
    Map<String, String> query = new TreeMap<>();
    for (String name : url.queryParameterNames()) {
      query.put(name, url.queryParameter(name));
    }
    return query;
  }
}
