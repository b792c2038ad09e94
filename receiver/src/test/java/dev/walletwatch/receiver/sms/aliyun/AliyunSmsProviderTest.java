package dev.walletwatch.receiver.sms.aliyun;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.walletwatch.receiver.config.Secret;
import dev.walletwatch.receiver.sms.LookupResult;
import dev.walletwatch.receiver.sms.SendResult;
import dev.walletwatch.receiver.sms.SendResult.Outcome;
import dev.walletwatch.receiver.sms.SmsMessage;
import dev.walletwatch.receiver.sms.aliyun.AliyunSettings.SignatureVersion;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

/** The provider against {@link AliyunStandIn}, for both signature versions. */
class AliyunSmsProviderTest {
  private static final String KEY_ID = "LTAI-provider-test";
  private static final String SECRET = "provider-secret-0123456789";
  private static final String PHONE = "+8613812345678";

  private AliyunStandIn aliyun;
  private final OkHttpClient client = new OkHttpClient();

  @BeforeEach
  void startStandIn() throws Exception {
    aliyun = AliyunStandIn.start(KEY_ID, SECRET);
  }

  @AfterEach
  void stopStandIn() {
    aliyun.close();
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
  }

  private AliyunSmsProvider provider(SignatureVersion version) {
    return provider(version, SECRET, Clock.systemUTC());
  }

  private AliyunSmsProvider provider(SignatureVersion version, String secret, Clock clock) {
    AliyunSettings settings =
        new AliyunSettings(
            KEY_ID,
            Secret.of(secret),
            aliyun.endpoint(),
            "云通信产品",
            version,
            Duration.ofSeconds(2),
            Duration.ofMillis(500));
    return new AliyunSmsProvider(settings, client, clock);
  }

  private static SmsMessage message(String outId) {
    return new SmsMessage(
        PHONE, "SMS_000000", Map.of("name", "值班", "value", "4.99", "note", "a b*c~d+e%f"), outId);
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void sendOkIsSentWithBizId(SignatureVersion version) {
    SendResult result = provider(version).send(message("d-1"));

    assertThat(result.outcome()).isEqualTo(Outcome.SENT);
    assertThat(aliyun.accepted()).hasSize(1);
    assertThat(result.providerId()).isEqualTo(aliyun.accepted().get(0).bizId());
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void sendDeliversFieldsIntact(SignatureVersion version) {
    provider(version).send(message("d-2"));

    AliyunStandIn.SentSms sent = aliyun.accepted().get(0);
    assertThat(sent.phone()).isEqualTo(PHONE);
    assertThat(sent.signName()).isEqualTo("云通信产品");
    assertThat(sent.templateCode()).isEqualTo("SMS_000000");
    assertThat(sent.params()).isEqualTo(message("d-2").params());
    assertThat(sent.outId()).isEqualTo("d-2");
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void sendKeepsNewlineInVariable(SignatureVersion version) {
    SmsMessage multiline = new SmsMessage(PHONE, "SMS_1", Map.of("text", "line1\nline2"), "d-3");

    SendResult result = provider(version).send(multiline);

    assertThat(result.outcome()).isEqualTo(Outcome.SENT);
    assertThat(aliyun.accepted().get(0).params()).containsEntry("text", "line1\nline2");
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void sendWithoutVariablesOmitsTemplateParam(SignatureVersion version) {
    SendResult result = provider(version).send(new SmsMessage(PHONE, "SMS_1", Map.of(), "d-4"));

    assertThat(result.outcome()).isEqualTo(Outcome.SENT);
    assertThat(aliyun.accepted().get(0).params()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void flowControlCodeIsDefer(SignatureVersion version) {
    aliyun.failNext(1, "isv.BUSINESS_LIMIT_CONTROL");

    SendResult result = provider(version).send(message("d-5"));

    assertThat(result.outcome()).isEqualTo(Outcome.DEFER);
    assertThat(result.code()).isEqualTo("isv.BUSINESS_LIMIT_CONTROL");
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void badNumberCodeIsPermanent(SignatureVersion version) {
    aliyun.failNext(1, "isv.MOBILE_NUMBER_ILLEGAL");

    assertThat(provider(version).send(message("d-6")).outcome()).isEqualTo(Outcome.PERMANENT);
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void throttlingThenRetrySignsAnew(SignatureVersion version) {
    aliyun.failNext(1, "Throttling.User");
    AliyunSmsProvider provider = provider(version);

    SendResult first = provider.send(message("d-7"));
    SendResult second = provider.send(message("d-7"));

    assertThat(first.outcome()).isEqualTo(Outcome.RETRY);
    // A reused nonce would be rejected with SignatureNonceUsed here.
    assertThat(second.outcome()).isEqualTo(Outcome.SENT);
    assertThat(aliyun.accepted()).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void serverErrorIsRetry(SignatureVersion version) {
    aliyun.serverErrorNext(1);

    SendResult result = provider(version).send(message("d-8"));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
    assertThat(aliyun.accepted()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void hangPastReadTimeoutIsUnknown(SignatureVersion version) {
    aliyun.hangNext(1);

    SendResult result = provider(version).send(message("d-9"));

    assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(result.code()).isEqualTo("timeout");
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void refusedConnectionIsRetry(SignatureVersion version) {
    aliyun.down();

    SendResult result = provider(version).send(message("d-10"));

    assertThat(result.outcome()).isEqualTo(Outcome.RETRY);
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void wrongSecretIsPermanent(SignatureVersion version) {
    SendResult result =
        provider(version, "not-the-secret", Clock.systemUTC()).send(message("d-11"));

    assertThat(result.outcome()).isEqualTo(Outcome.PERMANENT);
    assertThat(result.code()).isEqualTo("SignatureDoesNotMatch");
    assertThat(result.detail()).doesNotContain("13812345678");
    assertThat(aliyun.accepted()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void lookupFindsAcceptedButUnanswered(SignatureVersion version) {
    aliyun.acceptThenHangNext(1);
    AliyunSmsProvider provider = provider(version);
    Instant firstAttempt = Instant.now();

    SendResult result = provider.send(message("d-12"));
    LookupResult lookup = provider.lookup(message("d-12"), firstAttempt);

    assertThat(result.outcome()).isEqualTo(Outcome.UNKNOWN);
    assertThat(lookup).isEqualTo(LookupResult.FOUND);
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void lookupMissesLostRequest(SignatureVersion version) {
    AliyunSmsProvider provider = provider(version);
    provider.send(new SmsMessage(PHONE, "SMS_1", Map.of(), "other-delivery"));
    aliyun.hangNext(1);
    Instant firstAttempt = Instant.now();

    provider.send(message("d-13"));
    LookupResult lookup = provider.lookup(message("d-13"), firstAttempt);

    assertThat(aliyun.accepted())
        .extracting(AliyunStandIn.SentSms::outId)
        .containsExactly("other-delivery");
    assertThat(lookup).isEqualTo(LookupResult.NOT_FOUND);
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void lookupCrossesChinaMidnight(SignatureVersion version) throws Exception {
    // 00:30 on 5 December in China; the first attempt was at 23:50 on 4 December.
    Clock clock = Clock.fixed(Instant.parse("2026-12-04T16:30:00Z"), ZoneOffset.UTC);
    aliyun.close();
    aliyun = AliyunStandIn.start(KEY_ID, SECRET, clock);
    AliyunSmsProvider provider = provider(version, SECRET, clock);
    provider.send(message("d-14"));

    LookupResult lookup = provider.lookup(message("d-14"), Instant.parse("2026-12-04T15:50:00Z"));

    assertThat(lookup).isEqualTo(LookupResult.FOUND);
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void lookupWhileDownIsUnknown(SignatureVersion version) {
    AliyunSmsProvider provider = provider(version);
    aliyun.down();

    assertThat(provider.lookup(message("d-15"), Instant.now())).isEqualTo(LookupResult.UNKNOWN);
  }

  @ParameterizedTest
  @EnumSource(SignatureVersion.class)
  void logsHideSecretAndPhone(SignatureVersion version) {
    Logger logger = (Logger) LoggerFactory.getLogger(AliyunSmsProvider.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try {
      AliyunSmsProvider provider = provider(version);
      provider.send(message("d-16"));
      aliyun.failNext(1, "isv.MOBILE_NUMBER_ILLEGAL");
      provider.send(message("d-17"));
      provider(version, "wrong-" + SECRET, Clock.systemUTC()).send(message("d-18"));

      assertThat(appender.list).hasSizeGreaterThanOrEqualTo(3);
      for (ILoggingEvent event : appender.list) {
        assertThat(event.getFormattedMessage())
            .doesNotContain(SECRET)
            .doesNotContain("13812345678");
      }
      assertThat(provider.toString()).doesNotContain(SECRET);
    } finally {
      logger.detachAppender(appender);
    }
  }
}
