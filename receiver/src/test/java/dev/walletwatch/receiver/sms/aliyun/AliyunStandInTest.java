package dev.walletwatch.receiver.sms.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.walletwatch.receiver.config.Secret;
import dev.walletwatch.receiver.sms.aliyun.AliyunSettings.SignatureVersion;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import okhttp3.FormBody;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The stand-in must accept what Aliyun accepts and reject what Aliyun rejects. */
class AliyunStandInTest {
  private static final String KEY_ID = "LTAI-standin";
  private static final String SECRET = "stand-in-secret";

  private final ObjectMapper json = new ObjectMapper();
  private final OkHttpClient client =
      new OkHttpClient.Builder().retryOnConnectionFailure(false).build();
  private AliyunStandIn aliyun;

  @BeforeEach
  void start() throws IOException {
    aliyun = AliyunStandIn.start(KEY_ID, SECRET);
  }

  @AfterEach
  void stop() {
    aliyun.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private AliyunRequestSigner signer(SignatureVersion version, String secret) {
    return new AliyunRequestSigner(
        KEY_ID, Secret.of(secret), version, Clock.systemUTC(), () -> UUID.randomUUID().toString());
  }

  private static Map<String, String> sendParams(String templateParam) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("PhoneNumbers", "+8613800000000");
    params.put("SignName", "云通信产品");
    params.put("TemplateCode", "SMS_000000");
    params.put("TemplateParam", templateParam);
    params.put("OutId", "out-1");
    return params;
  }

  private JsonNode call(Request request) throws IOException {
    try (Response response = client.newCall(request).execute()) {
      JsonNode body = json.readTree(response.body().string());
      ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("_status", response.code());
      return body;
    }
  }

  private Request send(SignatureVersion version, String method, String secret, String param) {
    return signer(version, secret)
        .sign(HttpUrl.get(aliyun.endpoint()), method, "SendSms", sendParams(param));
  }

  @ParameterizedTest
  @CsvSource({"V1, GET", "V1, POST", "V3, GET", "V3, POST"})
  void acceptsCorrectSignature(SignatureVersion version, String method) throws IOException {
    JsonNode answer = call(send(version, method, SECRET, "{\"name\":\"a b*~+%值班\"}"));

    assertThat(answer.path("Code").asText()).isEqualTo("OK");
    assertThat(aliyun.accepted()).hasSize(1);
    assertThat(aliyun.accepted().get(0).params()).containsEntry("name", "a b*~+%值班");
  }

  @ParameterizedTest
  @CsvSource({"V1, GET", "V1, POST", "V3, GET", "V3, POST"})
  void rejectsWrongSecret(SignatureVersion version, String method) throws IOException {
    JsonNode answer = call(send(version, method, "wrong", "{\"name\":\"x\"}"));

    assertThat(answer.path("_status").asInt()).isEqualTo(400);
    assertThat(answer.path("Code").asText()).isEqualTo("SignatureDoesNotMatch");
    assertThat(answer.path("Message").asText()).contains("server string to sign is:");
    assertThat(aliyun.accepted()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void rejectsWrongKeyId(SignatureVersion version) throws IOException {
    Request request =
        new AliyunRequestSigner(
                "LTAI-other", Secret.of(SECRET), version, Clock.systemUTC(), () -> "n-1")
            .sign(HttpUrl.get(aliyun.endpoint()), "POST", "SendSms", sendParams("{}"));

    assertThat(call(request).path("Code").asText()).isEqualTo("InvalidAccessKeyId.NotFound");
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void rejectsReusedNonce(SignatureVersion version) throws IOException {
    AliyunRequestSigner sameNonce =
        new AliyunRequestSigner(KEY_ID, Secret.of(SECRET), version, Clock.systemUTC(), () -> "n");
    HttpUrl endpoint = HttpUrl.get(aliyun.endpoint());

    JsonNode first = call(sameNonce.sign(endpoint, "POST", "SendSms", sendParams("{}")));
    JsonNode second = call(sameNonce.sign(endpoint, "POST", "SendSms", sendParams("{}")));

    assertThat(first.path("Code").asText()).isEqualTo("OK");
    assertThat(second.path("Code").asText()).isEqualTo("SignatureNonceUsed");
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void rejectsStaleTimestamp(SignatureVersion version) throws IOException {
    Clock late = Clock.fixed(Instant.now().minus(Duration.ofMinutes(16)), ZoneOffset.UTC);
    AliyunRequestSigner signer =
        new AliyunRequestSigner(KEY_ID, Secret.of(SECRET), version, late, () -> "n-stale");

    JsonNode answer =
        call(signer.sign(HttpUrl.get(aliyun.endpoint()), "POST", "SendSms", sendParams("{}")));

    assertThat(answer.path("Code").asText()).isEqualTo("InvalidTimeStamp.Expired");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"code\":123456}|isv.INVALID_JSON_PARAM",
        "[\"a\"]|isv.INVALID_JSON_PARAM",
        "{\"a\":\"1234567890123456789012345678901234567\"}|isv.PARAM_LENGTH_LIMIT",
        "{\"a\":\"see https://example.test\"}|isv.PARAM_NOT_SUPPORT_URL"
      })
  void rejectsBadTemplateParam(String templateParam, String code) throws IOException {
    JsonNode answer = call(send(SignatureVersion.V3, "POST", SECRET, templateParam));

    assertThat(answer.path("_status").asInt()).isEqualTo(200);
    assertThat(answer.path("Code").asText()).isEqualTo(code);
    assertThat(aliyun.accepted()).isEmpty();
  }

  @Test
  void rawPlusReadAsSpaceFailsSignature() throws IOException {
    Request signed = send(SignatureVersion.V1, "GET", SECRET, "{}");
    // A client that leaves '+' raw: the server decodes it as a space and signs something else.
    String raw = signed.url().toString().replace("PhoneNumbers=%2B86", "PhoneNumbers=+86");
    Request tampered = signed.newBuilder().url(raw).build();

    assertThat(call(tampered).path("Code").asText()).isEqualTo("SignatureDoesNotMatch");
  }

  @Test
  void rejectsUnsignedAcsHeader() throws IOException {
    Request signed = send(SignatureVersion.V3, "POST", SECRET, "{}");

    JsonNode answer = call(signed.newBuilder().header("x-acs-extra", "1").build());

    assertThat(answer.path("_status").asInt()).isEqualTo(400);
    assertThat(aliyun.accepted()).isEmpty();
  }

  @Test
  void acceptsV1FormBodySignedWithQuery() throws IOException {
    Map<String, String> params = new TreeMap<>(sendParams("{\"k\":\"v w\"}"));
    params.put("AccessKeyId", KEY_ID);
    params.put("Action", "SendSms");
    params.put("Format", "JSON");
    params.put("SignatureMethod", "HMAC-SHA1");
    params.put("SignatureNonce", UUID.randomUUID().toString());
    params.put("SignatureVersion", "1.0");
    params.put("Timestamp", AliyunRequestSigner.timestamp(Instant.now()));
    params.put("Version", "2017-05-25");
    String signature = RpcSignature.signature("POST", params, Secret.of(SECRET));
    FormBody.Builder form = new FormBody.Builder();
    sendParams("{\"k\":\"v w\"}").forEach(form::add);
    HttpUrl.Builder url = HttpUrl.get(aliyun.endpoint()).newBuilder();
    params.forEach(
        (name, value) -> {
          if (!sendParams("").containsKey(name)) {
            url.addQueryParameter(name, value);
          }
        });
    url.addQueryParameter("Signature", signature);

    JsonNode answer = call(new Request.Builder().url(url.build()).post(form.build()).build());

    assertThat(answer.path("Code").asText()).isEqualTo("OK");
    assertThat(aliyun.accepted().get(0).params()).containsEntry("k", "v w");
  }

  @Test
  void scriptsApplyInOrder() throws IOException {
    aliyun.failNext(1, "Throttling.User").serverErrorNext(1).failNext(1, "isv.DAY_LIMIT_CONTROL");

    for (int i = 0; i < 4; i++) {
      call(send(SignatureVersion.V3, "POST", SECRET, "{}"));
    }

    assertThat(aliyun.exchanges())
        .extracting(AliyunStandIn.Exchange::responseCode)
        .containsExactly("Throttling.User", "isp.SYSTEM_ERROR", "isv.DAY_LIMIT_CONTROL", "OK");
    assertThat(aliyun.accepted()).hasSize(1);
  }

  @Test
  void downRefusesThenUpAccepts() throws IOException {
    aliyun.down();

    assertThatThrownBy(() -> call(send(SignatureVersion.V1, "POST", SECRET, "{}")))
        .isInstanceOf(ConnectException.class);

    aliyun.up();
    assertThat(call(send(SignatureVersion.V1, "POST", SECRET, "{}")).path("Code").asText())
        .isEqualTo("OK");
  }

  @Test
  void querySendDetailsPagesThroughRecords() throws IOException {
    for (int i = 0; i < 3; i++) {
      call(send(SignatureVersion.V3, "POST", SECRET, "{}"));
    }
    AliyunRequestSigner signer = signer(SignatureVersion.V3, SECRET);
    String today =
        java.time.LocalDate.now(AliyunSmsProvider.CHINA)
            .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
    List<Integer> sizes = new java.util.ArrayList<>();
    for (String page : List.of("1", "2")) {
      Map<String, String> query =
          Map.of(
              "PhoneNumber",
              "13800000000",
              "SendDate",
              today,
              "PageSize",
              "2",
              "CurrentPage",
              page);
      JsonNode answer =
          call(signer.sign(HttpUrl.get(aliyun.endpoint()), "POST", "QuerySendDetails", query));
      assertThat(answer.path("TotalCount").asInt()).isEqualTo(3);
      sizes.add(answer.path("SmsSendDetailDTOs").path("SmsSendDetailDTO").size());
    }

    assertThat(sizes).containsExactly(2, 1);
  }
}
