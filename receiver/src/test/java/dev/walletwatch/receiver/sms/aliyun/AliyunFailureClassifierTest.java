package dev.walletwatch.receiver.sms.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.receiver.sms.SendResult;
import dev.walletwatch.receiver.sms.SendResult.Outcome;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AliyunFailureClassifierTest {

  static Stream<Arguments> answers() {
    return Stream.of(
        // Accepted: the only success.
        Arguments.of(200, "OK", Outcome.SENT),
        // Platform failure on Aliyun's side: retry with backoff.
        Arguments.of(200, "isp.SYSTEM_ERROR", Outcome.RETRY),
        // Gateway overload reported with its own code.
        Arguments.of(503, "ServiceUnavailable", Outcome.RETRY),
        // Call-rate limits, every Throttling variant.
        Arguments.of(400, "Throttling", Outcome.RETRY),
        Arguments.of(400, "Throttling.User", Outcome.RETRY),
        Arguments.of(400, "Throttling.Api", Outcome.RETRY),
        // A nonce seen before: an earlier copy may have sent the SMS, so look it up first.
        Arguments.of(400, "SignatureNonceUsed", Outcome.UNKNOWN),
        // Clock drift: a re-signed attempt may pass.
        Arguments.of(400, "InvalidTimeStamp.Expired", Outcome.RETRY),
        // Per-number, daily and monthly flow control: wait for the window, never loop.
        Arguments.of(200, "isv.BUSINESS_LIMIT_CONTROL", Outcome.DEFER),
        Arguments.of(200, "isv.DAY_LIMIT_CONTROL", Outcome.DEFER),
        Arguments.of(200, "isv.MONTH_LIMIT_CONTROL", Outcome.DEFER),
        // Bad number.
        Arguments.of(200, "isv.MOBILE_NUMBER_ILLEGAL", Outcome.PERMANENT),
        // International template sent to a mainland number.
        Arguments.of(200, "isv.DOMESTIC_NUMBER_NOT_SUPPORTED", Outcome.PERMANENT),
        // Test sign to an unbound number.
        Arguments.of(200, "isv.SMS_TEST_NUMBER_LIMIT", Outcome.PERMANENT),
        // Template variable missing from TemplateParam.
        Arguments.of(200, "isv.TEMPLATE_MISSING_PARAMETERS", Outcome.PERMANENT),
        // TemplateParam not JSON or with non-string values.
        Arguments.of(200, "isv.INVALID_JSON_PARAM", Outcome.PERMANENT),
        // A variable over 35 characters.
        Arguments.of(200, "isv.PARAM_LENGTH_LIMIT", Outcome.PERMANENT),
        // A URL in a variable.
        Arguments.of(200, "isv.PARAM_NOT_SUPPORT_URL", Outcome.PERMANENT),
        // Template not approved.
        Arguments.of(200, "isv.SMS_TEMPLATE_ILLEGAL", Outcome.PERMANENT),
        // Sign name not approved.
        Arguments.of(200, "isv.SMS_SIGNATURE_ILLEGAL", Outcome.PERMANENT),
        // Caller outside mainland China.
        Arguments.of(200, "isv.DENY_IP_RANGE", Outcome.PERMANENT),
        // Balance exhausted.
        Arguments.of(200, "isv.AMOUNT_NOT_ENOUGH", Outcome.PERMANENT),
        // RAM user without SMS permission.
        Arguments.of(403, "Forbidden.RAM", Outcome.PERMANENT),
        Arguments.of(200, "isp.RAM_PERMISSION_DENY", Outcome.PERMANENT),
        // Unknown or disabled AccessKey.
        Arguments.of(404, "InvalidAccessKeyId.NotFound", Outcome.PERMANENT),
        Arguments.of(400, "InvalidAccessKeyId.Inactive", Outcome.PERMANENT),
        // Wrong secret or a signing bug.
        Arguments.of(400, "SignatureDoesNotMatch", Outcome.PERMANENT),
        // A required parameter is missing.
        Arguments.of(400, "MissingParameter", Outcome.PERMANENT),
        // An isp code we do not list is still Aliyun's own failure.
        Arguments.of(200, "isp.SOMETHING_NEW", Outcome.RETRY),
        // An isv code we do not list is a request problem: stop and alert an operator.
        Arguments.of(200, "isv.SOMETHING_NEW", Outcome.PERMANENT),
        // An unlisted code on a 5xx is a server failure.
        Arguments.of(502, "BadGateway", Outcome.RETRY),
        // Plain 500 with no JSON body.
        Arguments.of(500, null, Outcome.RETRY),
        // 503 from a proxy in front of Aliyun.
        Arguments.of(503, null, Outcome.RETRY),
        // 429 without a body.
        Arguments.of(429, null, Outcome.RETRY),
        // A 2xx whose body is unreadable: Aliyun may have sent, so look it up.
        Arguments.of(200, null, Outcome.UNKNOWN),
        // A 404 without a Code: a wrong endpoint, retrying will not help.
        Arguments.of(404, null, Outcome.PERMANENT));
  }

  @ParameterizedTest(name = "HTTP {0} Code {1} -> {2}")
  @MethodSource("answers")
  void classifiesAnswer(int status, String code, Outcome expected) {
    SendResult result = AliyunFailureClassifier.classifyAnswer(status, code, "message", "biz-1");

    assertThat(result.outcome()).isEqualTo(expected);
    assertThat(result.code()).isEqualTo(code != null ? code : "http." + status);
    assertThat(result.detail()).isNotBlank();
  }

  static Stream<Arguments> failures() {
    return Stream.of(
        // Nothing listens: nothing was sent, retry.
        Arguments.of(new ConnectException("Connection refused"), false, Outcome.RETRY),
        // DNS failure before connecting.
        Arguments.of(new UnknownHostException("dysmsapi.invalid"), false, Outcome.RETRY),
        // Connect timeout: still before anything was written.
        Arguments.of(new SocketTimeoutException("connect timed out"), false, Outcome.RETRY),
        // Read timeout after the request was written: the SMS may have gone out.
        Arguments.of(new SocketTimeoutException("timeout"), true, Outcome.UNKNOWN),
        // OkHttp's call timeout after writing.
        Arguments.of(new InterruptedIOException("timeout"), true, Outcome.UNKNOWN),
        // Connection reset after writing: Aliyun may have processed it.
        Arguments.of(new IOException("unexpected end of stream"), true, Outcome.UNKNOWN));
  }

  @ParameterizedTest(name = "{0} written={1} -> {2}")
  @MethodSource("failures")
  void classifiesFailure(IOException failure, boolean requestStarted, Outcome expected) {
    SendResult result = AliyunFailureClassifier.classifyFailure(failure, requestStarted);

    assertThat(result.outcome()).isEqualTo(expected);
    assertThat(result.providerId()).isNull();
  }

  @Test
  void sentKeepsBizId() {
    SendResult result = AliyunFailureClassifier.classifyAnswer(200, "OK", "OK", "108374^1111");

    assertThat(result.providerId()).isEqualTo("108374^1111");
  }

  @Test
  void readTimeoutCodeIsTimeout() {
    SendResult result =
        AliyunFailureClassifier.classifyFailure(new SocketTimeoutException("timeout"), true);

    assertThat(result.code()).isEqualTo("timeout");
  }

  @Test
  void minuteFlowControlWaitsOneMinute() {
    SendResult result =
        AliyunFailureClassifier.classifyAnswer(
            200, "isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1", null);

    assertThat(result.retryAfter()).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void dayFlowControlWaitsOneDay() {
    SendResult result =
        AliyunFailureClassifier.classifyAnswer(
            200, "isv.BUSINESS_LIMIT_CONTROL", "触发天级流控Permits:10", null);

    assertThat(result.retryAfter()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void detailMasksPhoneInMessage() {
    SendResult result =
        AliyunFailureClassifier.classifyAnswer(
            200, "isv.MOBILE_NUMBER_ILLEGAL", "invalid number 13812345678", null);

    assertThat(result.detail()).doesNotContain("13812345678").contains("****5678");
  }

  @Test
  void detailDropsServerStringToSign() {
    String message =
        "Specified signature is not matched with our calculation. server string to sign is:"
            + "GET&%2F&AccessKeyId%3Dtest%26PhoneNumbers%3D13812345678";

    SendResult result =
        AliyunFailureClassifier.classifyAnswer(400, "SignatureDoesNotMatch", message, null);

    assertThat(result.detail()).doesNotContain("PhoneNumbers").doesNotContain("AccessKeyId");
  }
}
