package dev.walletwatch.receiver.sms.aliyun;

import dev.walletwatch.receiver.Troubleshooting;
import dev.walletwatch.receiver.sms.SendResult;
import dev.walletwatch.receiver.sms.SendResult.Outcome;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a SendSms response or failure means for the delivery worker. The classes are ours:
 * Aliyun publishes error codes but no retry advice. Both functions are pure: the same input always
 * gives the same result, and neither reads a clock or the network.
 */
final class AliyunFailureClassifier {

  private record Rule(Outcome outcome, String reason) {}

  private static final Rule SYSTEM_ERROR = new Rule(Outcome.RETRY, "Aliyun system error");
  private static final Rule NUMBER = new Rule(Outcome.PERMANENT, "invalid phone number");
  private static final Rule TEMPLATE =
      new Rule(Outcome.PERMANENT, "template or its variables rejected; fix the rule's template");
  private static final Rule SIGN =
      new Rule(Outcome.PERMANENT, "sign name rejected; check sms.aliyun.signName in the console");
  private static final Rule ACCOUNT =
      new Rule(Outcome.PERMANENT, "account, balance or product problem; fix it in the console");
  private static final Rule CREDENTIALS =
      new Rule(Outcome.PERMANENT, "AccessKey rejected or lacks dysms:SendSms; check the RAM user");
  private static final Rule DAY_OR_MONTH_LIMIT =
      new Rule(Outcome.DEFER, "daily or monthly send limit set in the console reached");

  /** Codes with a fixed class. {@code Throttling*} and unlisted {@code isp.*} codes are rules. */
  private static final Map<String, Rule> CODES =
      Map.ofEntries(
          Map.entry("isp.SYSTEM_ERROR", SYSTEM_ERROR),
          Map.entry("ServiceUnavailable", SYSTEM_ERROR),
          Map.entry(
              "SignatureNonceUsed",
              // An earlier copy of this signed request reached Aliyun and may have sent the SMS,
              // so the worker looks the message up before it signs a new attempt.
              new Rule(
                  Outcome.UNKNOWN,
                  "nonce used before: an earlier copy of this request reached Aliyun")),
          Map.entry(
              "InvalidTimeStamp.Expired",
              new Rule(
                  Outcome.RETRY,
                  "timestamp over 15 minutes from Aliyun's clock; if it repeats, fix this clock")),
          Map.entry(
              "isv.BUSINESS_LIMIT_CONTROL",
              new Rule(Outcome.DEFER, "per-number flow control for this sign and template")),
          Map.entry("isv.DAY_LIMIT_CONTROL", DAY_OR_MONTH_LIMIT),
          Map.entry("isv.MONTH_LIMIT_CONTROL", DAY_OR_MONTH_LIMIT),
          Map.entry("isv.MOBILE_NUMBER_ILLEGAL", NUMBER),
          Map.entry("isv.MOBILE_COUNT_OVER_LIMIT", NUMBER),
          Map.entry("isv.DOMESTIC_NUMBER_NOT_SUPPORTED", NUMBER),
          Map.entry("isv.SMS_TEST_NUMBER_LIMIT", NUMBER),
          Map.entry("isv.TEMPLATE_MISSING_PARAMETERS", TEMPLATE),
          Map.entry("isv.INVALID_JSON_PARAM", TEMPLATE),
          Map.entry("isv.INVALID_PARAMETERS", TEMPLATE),
          Map.entry("isv.PARAM_LENGTH_LIMIT", TEMPLATE),
          Map.entry("isv.PARAM_NOT_SUPPORT_URL", TEMPLATE),
          Map.entry("isv.BLACK_KEY_CONTROL_LIMIT", TEMPLATE),
          Map.entry("isv.TEMPLATE_PARAMS_ILLEGAL", TEMPLATE),
          Map.entry("isv.SMS_CONTENT_ILLEGAL", TEMPLATE),
          Map.entry("isv.SMS_TEMPLATE_ILLEGAL", TEMPLATE),
          Map.entry("isv.SMS_SIGNATURE_ILLEGAL", SIGN),
          Map.entry("isv.SMS_SIGN_ILLEGAL", SIGN),
          Map.entry("isv.SIGN_STATE_ILLEGAL", SIGN),
          Map.entry("isv.SMS_SIGNATURE_SCENE_ILLEGAL", SIGN),
          Map.entry("isv.EXTEND_CODE_ERROR", SIGN),
          Map.entry(
              "isv.DENY_IP_RANGE",
              new Rule(Outcome.PERMANENT, "caller IP outside mainland China may not send")),
          Map.entry("isv.OUT_OF_SERVICE", ACCOUNT),
          Map.entry("isv.AMOUNT_NOT_ENOUGH", ACCOUNT),
          Map.entry("isv.PRODUCT_UN_SUBSCRIPT", ACCOUNT),
          Map.entry("isv.PRODUCT_UNSUBSCRIBE", ACCOUNT),
          Map.entry("isv.ACCOUNT_NOT_EXISTS", ACCOUNT),
          Map.entry("isv.ACCOUNT_ABNORMAL", ACCOUNT),
          Map.entry("isp.RAM_PERMISSION_DENY", CREDENTIALS),
          Map.entry("Forbidden.RAM", CREDENTIALS),
          Map.entry("InvalidAccessKeyId.NotFound", CREDENTIALS),
          Map.entry("InvalidAccessKeyId.Inactive", CREDENTIALS),
          Map.entry(
              "SignatureDoesNotMatch",
              new Rule(
                  Outcome.PERMANENT,
                  "signature rejected: wrong accessKeySecret, or a signing bug")),
          Map.entry("MissingTimestamp", new Rule(Outcome.PERMANENT, "required parameter missing")),
          Map.entry("MissingParameter", new Rule(Outcome.PERMANENT, "required parameter missing")),
          Map.entry("InvalidVersion", new Rule(Outcome.PERMANENT, "unknown API version")));

  /** Codes that have an entry in the troubleshooting guide, with the entry's anchor. */
  static final Map<String, String> GUIDE_ANCHORS =
      Map.ofEntries(
          Map.entry("SignatureDoesNotMatch", Troubleshooting.SIGNATURE_DOES_NOT_MATCH),
          Map.entry("SignatureNonceUsed", Troubleshooting.SIGNATURE_NONCE_USED),
          Map.entry("InvalidTimeStamp.Expired", Troubleshooting.TIMESTAMP_EXPIRED),
          Map.entry("isv.BUSINESS_LIMIT_CONTROL", Troubleshooting.BUSINESS_LIMIT_CONTROL),
          Map.entry("isv.DAY_LIMIT_CONTROL", Troubleshooting.DAY_LIMIT_CONTROL),
          Map.entry("isv.MONTH_LIMIT_CONTROL", Troubleshooting.DAY_LIMIT_CONTROL),
          Map.entry("isv.PARAM_LENGTH_LIMIT", Troubleshooting.PARAM_LENGTH_LIMIT),
          Map.entry("isv.PARAM_NOT_SUPPORT_URL", Troubleshooting.PARAM_NOT_SUPPORT_URL),
          Map.entry("isv.DENY_IP_RANGE", Troubleshooting.DENY_IP_RANGE),
          Map.entry("isv.SMS_TEST_NUMBER_LIMIT", Troubleshooting.TEST_NUMBER_LIMIT),
          Map.entry("InvalidAccessKeyId.NotFound", Troubleshooting.ACCESS_KEY_NOT_FOUND),
          Map.entry("InvalidAccessKeyId.Inactive", Troubleshooting.ACCESS_KEY_NOT_FOUND),
          Map.entry("isp.RAM_PERMISSION_DENY", Troubleshooting.RAM_PERMISSION_DENY),
          Map.entry("Forbidden.RAM", Troubleshooting.RAM_PERMISSION_DENY),
          Map.entry("isv.SMS_SIGNATURE_ILLEGAL", Troubleshooting.NOT_APPROVED),
          Map.entry("isv.SMS_TEMPLATE_ILLEGAL", Troubleshooting.NOT_APPROVED),
          Map.entry("isv.SMS_SIGN_ILLEGAL", Troubleshooting.NOT_APPROVED),
          Map.entry("isv.SIGN_STATE_ILLEGAL", Troubleshooting.NOT_APPROVED),
          Map.entry("isv.SMS_SIGNATURE_SCENE_ILLEGAL", Troubleshooting.NOT_APPROVED));

  /** Runs of seven or more digits, which may be phone numbers inside Aliyun's messages. */
  private static final Pattern DIGIT_RUN = Pattern.compile("\\d{3,}(\\d{4})");

  private static final int MAX_MESSAGE = 160;

  private AliyunFailureClassifier() {}

  /**
   * Classifies an HTTP response from Aliyun.
   *
   * @param httpStatus the HTTP status code
   * @param code the body's {@code Code}, or null when the body had none or was not JSON
   * @param message the body's {@code Message}, or null; phone-like digit runs are masked and the
   *     server's string to sign is cut off before it reaches the result
   * @param bizId the body's {@code BizId}, or null
   */
  static SendResult classifyAnswer(int httpStatus, String code, String message, String bizId) {
    if (code != null && code.equals("OK")) {
      if (httpStatus / 100 == 2) {
        return new SendResult(Outcome.SENT, "OK", "accepted by Aliyun", bizId, null);
      }
      return new SendResult(
          Outcome.UNKNOWN, "OK", "Code OK with HTTP " + httpStatus + "; look it up", null, null);
    }
    if (code != null && !code.isEmpty()) {
      Rule rule = ruleFor(code, httpStatus);
      return new SendResult(
          rule.outcome(),
          code,
          withGuideLink(code, detail(rule.reason(), message)),
          null,
          retryAfter(code, message));
    }
    String statusCode = "http." + httpStatus;
    if (httpStatus / 100 == 2) {
      // Aliyun processed the request but the response is unreadable, so it may have sent the SMS.
      return new SendResult(
          Outcome.UNKNOWN, statusCode, "answer without a Code; look it up", null, null);
    }
    if (httpStatus / 100 == 5 || httpStatus == 429) {
      return new SendResult(Outcome.RETRY, statusCode, "Aliyun server error", null, null);
    }
    return new SendResult(
        Outcome.PERMANENT, statusCode, "unexpected HTTP status without a Code", null, null);
  }

  /**
   * Classifies a request that got no HTTP response.
   *
   * @param failure the exception OkHttp raised
   * @param requestStarted whether OkHttp began writing the request. Before that nothing can have
   *     reached Aliyun and a retry is safe. After it the SMS may have been sent.
   */
  static SendResult classifyFailure(IOException failure, boolean requestStarted) {
    boolean timeout = failure instanceof InterruptedIOException;
    String code = timeout ? "timeout" : "network";
    String kind = failure.getClass().getSimpleName();
    if (!requestStarted) {
      return new SendResult(
          Outcome.RETRY, code, "connection failed before sending (" + kind + ")", null, null);
    }
    String failureKind = timeout ? "no answer within the read timeout" : "connection lost";
    return new SendResult(
        Outcome.UNKNOWN,
        code,
        failureKind + " after the request was written (" + kind + "); look it up before resending",
        null,
        null);
  }

  private static Rule ruleFor(String code, int httpStatus) {
    Rule rule = CODES.get(code);
    if (rule != null) {
      return rule;
    }
    if (code.startsWith("Throttling")) {
      return new Rule(Outcome.RETRY, "API call rate limit");
    }
    if (code.startsWith("isp.") || httpStatus / 100 == 5) {
      return new Rule(Outcome.RETRY, "unlisted Aliyun platform error");
    }
    return new Rule(Outcome.PERMANENT, "unlisted Aliyun error code");
  }

  /**
   * Reads the flow-control window from an {@code isv.BUSINESS_LIMIT_CONTROL} message such as {@code
   * 触发分钟级流控Permits:1}: a minute window clears in a minute, hour and day windows later. Other codes
   * leave the wait to the worker.
   */
  private static Duration retryAfter(String code, String message) {
    if (!code.equals("isv.BUSINESS_LIMIT_CONTROL") || message == null) {
      return null;
    }
    if (message.contains("分钟级")) {
      return Duration.ofMinutes(1);
    }
    if (message.contains("小时级")) {
      return Duration.ofHours(1);
    }
    if (message.contains("天级")) {
      return Duration.ofDays(1);
    }
    return null;
  }

  /** Appends the troubleshooting entry for {@code code} to {@code detail} when there is one. */
  static String withGuideLink(String code, String detail) {
    String anchor = GUIDE_ANCHORS.get(code);
    return anchor == null ? detail : detail + "; " + Troubleshooting.see(anchor);
  }

  /** Joins our reason with Aliyun's message, masked and cut short, for logs and history. */
  static String detail(String reason, String message) {
    if (message == null || message.isBlank()) {
      return reason;
    }
    String text = message;
    // SignatureDoesNotMatch ends with the server's string to sign, which contains the phone number.
    int stringToSign = text.indexOf("server string to sign");
    if (stringToSign >= 0) {
      text = text.substring(0, stringToSign).trim();
    }
    Matcher digits = DIGIT_RUN.matcher(text);
    text = digits.replaceAll("****$1");
    if (text.length() > MAX_MESSAGE) {
      text = text.substring(0, MAX_MESSAGE) + "...";
    }
    return reason + " (Aliyun: " + text + ")";
  }
}
