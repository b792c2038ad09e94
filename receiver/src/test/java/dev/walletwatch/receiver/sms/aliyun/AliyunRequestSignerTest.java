package dev.walletwatch.receiver.sms.aliyun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.walletwatch.receiver.config.Secret;
import dev.walletwatch.receiver.sms.aliyun.AliyunSettings.SignatureVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AliyunRequestSignerTest {
  private static final HttpUrl ENDPOINT = HttpUrl.get("http://127.0.0.1:8999/");
  private static final Map<String, String> PARAMS =
      Map.of("PhoneNumbers", "13800000000", "SignName", "云通信产品", "TemplateCode", "SMS_1");

  /** A clock that moves one second forward on every read. */
  private static final class TickingClock extends Clock {
    private Instant now = Instant.parse("2026-12-04T08:00:00.250Z");

    @Override
    public Instant instant() {
      Instant current = now;
      now = now.plus(Duration.ofSeconds(1));
      return current;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  private static AliyunRequestSigner signer(SignatureVersion version) {
    Iterator<String> nonces = List.of("nonce-1", "nonce-2").iterator();
    return new AliyunRequestSigner(
        "LTAI-id", Secret.of("s3cret"), version, new TickingClock(), nonces::next);
  }

  @Test
  void v1RetrySignsWithNewNonceAndTime() {
    AliyunRequestSigner signer = signer(SignatureVersion.V1);

    HttpUrl first = signer.sign(ENDPOINT, "POST", "SendSms", PARAMS).url();
    HttpUrl second = signer.sign(ENDPOINT, "POST", "SendSms", PARAMS).url();

    assertThat(first.queryParameter("SignatureNonce")).isEqualTo("nonce-1");
    assertThat(second.queryParameter("SignatureNonce")).isEqualTo("nonce-2");
    assertThat(first.queryParameter("Timestamp")).isEqualTo("2026-12-04T08:00:00Z");
    assertThat(second.queryParameter("Timestamp")).isEqualTo("2026-12-04T08:00:01Z");
    assertThat(first.queryParameter("Signature")).isNotEqualTo(second.queryParameter("Signature"));
  }

  @Test
  void v3RetrySignsWithNewNonceAndTime() {
    AliyunRequestSigner signer = signer(SignatureVersion.V3);

    Request first = signer.sign(ENDPOINT, "POST", "SendSms", PARAMS);
    Request second = signer.sign(ENDPOINT, "POST", "SendSms", PARAMS);

    assertThat(first.header("x-acs-signature-nonce")).isEqualTo("nonce-1");
    assertThat(second.header("x-acs-signature-nonce")).isEqualTo("nonce-2");
    assertThat(first.header("x-acs-date")).isEqualTo("2026-12-04T08:00:00Z");
    assertThat(second.header("x-acs-date")).isEqualTo("2026-12-04T08:00:01Z");
    assertThat(first.header("Authorization")).isNotEqualTo(second.header("Authorization"));
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void rejectsEmptyParameter(SignatureVersion version) {
    Map<String, String> params = Map.of("PhoneNumbers", "13800000000", "OutId", "");

    assertThatThrownBy(() -> signer(version).sign(ENDPOINT, "POST", "SendSms", params))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OutId");
  }

  @Test
  void rejectsOtherMethods() {
    assertThatThrownBy(() -> signer(SignatureVersion.V3).sign(ENDPOINT, "PUT", "SendSms", PARAMS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("PUT");
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void postHasEmptyBodyWithoutContentType(SignatureVersion version) throws Exception {
    Request request = signer(version).sign(ENDPOINT, "POST", "SendSms", PARAMS);

    Buffer body = new Buffer();
    request.body().writeTo(body);
    assertThat(body.size()).isZero();
    assertThat(request.body().contentType()).isNull();
  }

  @Test
  void v1CarriesCommonParameters() {
    HttpUrl url = signer(SignatureVersion.V1).sign(ENDPOINT, "GET", "SendSms", PARAMS).url();

    assertThat(url.queryParameter("AccessKeyId")).isEqualTo("LTAI-id");
    assertThat(url.queryParameter("Action")).isEqualTo("SendSms");
    assertThat(url.queryParameter("Version")).isEqualTo("2017-05-25");
    assertThat(url.queryParameter("SignatureMethod")).isEqualTo("HMAC-SHA1");
    assertThat(url.queryParameter("SignatureVersion")).isEqualTo("1.0");
    assertThat(url.queryParameter("Format")).isEqualTo("JSON");
    assertThat(url.encodedPath()).isEqualTo("/");
  }

  @Test
  void secretNeverOnWire() {
    for (SignatureVersion version : SignatureVersion.values()) {
      Request request = signer(version).sign(ENDPOINT, "POST", "SendSms", PARAMS);

      assertThat(request.url().toString()).doesNotContain("s3cret");
      assertThat(request.headers().toString()).doesNotContain("s3cret");
    }
  }

  @Test
  void hostHeaderKeepsNonDefaultPort() {
    assertThat(AliyunRequestSigner.hostHeader(HttpUrl.get("http://127.0.0.1:8999/")))
        .isEqualTo("127.0.0.1:8999");
  }

  @Test
  void hostHeaderDropsDefaultPort() {
    assertThat(AliyunRequestSigner.hostHeader(HttpUrl.get("https://dysmsapi.example.test/")))
        .isEqualTo("dysmsapi.example.test");
  }

  @Test
  void hostHeaderBracketsIpv6() {
    assertThat(AliyunRequestSigner.hostHeader(HttpUrl.get("http://[::1]:8999/")))
        .isEqualTo("[::1]:8999");
  }

  @Test
  void endpointPathIsReplacedByRoot() {
    HttpUrl url =
        signer(SignatureVersion.V3)
            .sign(HttpUrl.get("http://127.0.0.1:8999/some/path?x=1"), "GET", "SendSms", PARAMS)
            .url();

    assertThat(url.encodedPath()).isEqualTo("/");
    assertThat(url.queryParameter("x")).isNull();
  }
}
