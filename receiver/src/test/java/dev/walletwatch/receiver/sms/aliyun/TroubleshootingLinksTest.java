package dev.walletwatch.receiver.sms.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.receiver.Troubleshooting;
import dev.walletwatch.receiver.http.AccessControl;
import dev.walletwatch.receiver.http.ReceiverHandler;
import dev.walletwatch.receiver.sms.SendResult;
import dev.walletwatch.receiver.template.VariableRules;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every product message for a situation that the troubleshooting guide covers points to the guide's
 * entry, and that entry exists: the anchor is checked against the headings of the markdown file in
 * this repository, slugged the way GitHub does it.
 */
class TroubleshootingLinksTest {
  private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6} +(.+?) *$");
  private static final Pattern TABLE_ANCHOR = Pattern.compile("(?m)^\\| `([^`]+)` \\|");
  private static String guide;
  private static Set<String> headingAnchors;

  @BeforeAll
  static void readGuide() throws IOException {
    guide = Files.readString(guideFile(), StandardCharsets.UTF_8);
    headingAnchors = new LinkedHashSet<>();
    Matcher heading = HEADING.matcher(guide);
    while (heading.find()) {
      headingAnchors.add(slug(heading.group(1)));
    }
  }

  /** Finds the guide from the module folder (Maven's working directory) or the repository root. */
  private static Path guideFile() {
    Path dir = Path.of("").toAbsolutePath();
    for (; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(Troubleshooting.FILE);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(
        Troubleshooting.FILE + " not found above " + Path.of("").toAbsolutePath());
  }

  /** GitHub's heading anchor: lower case, punctuation other than - and _ dropped, spaces to -. */
  private static String slug(String heading) {
    String text = heading.replace("`", "").toLowerCase(Locale.ROOT);
    return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  static Stream<Arguments> aliyunCodes() {
    return Stream.of(
        // code, HTTP status that Aliyun returns with it, the anchor of the guide entry
        Arguments.of("SignatureDoesNotMatch", 400, "signaturedoesnotmatch"),
        Arguments.of("SignatureNonceUsed", 400, "signaturenonceused"),
        Arguments.of("InvalidTimeStamp.Expired", 400, "invalidtimestampexpired"),
        Arguments.of("isv.BUSINESS_LIMIT_CONTROL", 200, "isvbusiness_limit_control"),
        Arguments.of("isv.DAY_LIMIT_CONTROL", 200, "isvday_limit_control"),
        Arguments.of("isv.MONTH_LIMIT_CONTROL", 200, "isvday_limit_control"),
        Arguments.of("isv.PARAM_LENGTH_LIMIT", 200, "isvparam_length_limit"),
        Arguments.of("isv.PARAM_NOT_SUPPORT_URL", 200, "isvparam_not_support_url"),
        Arguments.of("isv.DENY_IP_RANGE", 200, "isvdeny_ip_range"),
        Arguments.of("isv.SMS_TEST_NUMBER_LIMIT", 200, "isvsms_test_number_limit"),
        Arguments.of("InvalidAccessKeyId.NotFound", 404, "invalidaccesskeyidnotfound"),
        Arguments.of("InvalidAccessKeyId.Inactive", 400, "invalidaccesskeyidnotfound"),
        Arguments.of("isp.RAM_PERMISSION_DENY", 200, "ispram_permission_deny"),
        Arguments.of("Forbidden.RAM", 403, "ispram_permission_deny"),
        Arguments.of("isv.SMS_SIGNATURE_ILLEGAL", 200, "signature-or-template-not-approved"),
        Arguments.of("isv.SMS_TEMPLATE_ILLEGAL", 200, "signature-or-template-not-approved"),
        Arguments.of("isv.SIGN_STATE_ILLEGAL", 200, "signature-or-template-not-approved"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("aliyunCodes")
  void aliyunCodeDetailLinksEntry(String code, int status, String anchor) {
    SendResult result = AliyunFailureClassifier.classifyAnswer(status, code, "message", null);

    assertThat(headingAnchors).as("heading for #" + anchor).contains(anchor);
    assertThat(result.detail()).endsWith("; see docs/troubleshooting.md#" + anchor);
  }

  @Test
  void codeWithoutEntryHasNoLink() {
    SendResult result =
        AliyunFailureClassifier.classifyAnswer(200, "isv.MOBILE_NUMBER_ILLEGAL", "非法手机号", null);

    assertThat(result.detail()).doesNotContain(Troubleshooting.FILE);
  }

  static Stream<Arguments> receiverMessages() {
    return Stream.of(
        Arguments.of("401", ReceiverHandler.UNAUTHORIZED_MESSAGE, "receiver-returns-401"),
        Arguments.of("403", AccessControl.notAllowedMessage("203.0.113.7"), "receiver-returns-403"),
        Arguments.of("503", ReceiverHandler.STORE_FAILED_MESSAGE, "receiver-returns-503"),
        Arguments.of(
            "fixed value over 35 characters",
            VariableRules.violation("x".repeat(VariableRules.MAX_LENGTH + 1)),
            "isvparam_length_limit"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("receiverMessages")
  void receiverMessageLinksEntry(String situation, String message, String anchor) {
    assertThat(headingAnchors).as("heading for #" + anchor).contains(anchor);
    assertThat(message).endsWith("see docs/troubleshooting.md#" + anchor);
  }

  @Test
  void everyLinkTargetIsAHeading() throws IllegalAccessException {
    for (Field field : Troubleshooting.class.getFields()) {
      if (!Modifier.isStatic(field.getModifiers()) || field.getName().equals("FILE")) {
        continue;
      }
      String anchor = (String) field.get(null);
      assertThat(headingAnchors).as(field.getName()).contains(anchor);
    }
  }

  @Test
  void guideAnchorTableMatchesHeadings() {
    Matcher row = TABLE_ANCHOR.matcher(guide.substring(guide.indexOf("## Anchors")));
    List<String> listed = row.results().map(m -> m.group(1)).toList();

    assertThat(listed).isNotEmpty();
    assertThat(headingAnchors).containsAll(listed);
  }
}
