package dev.walletwatch.receiver.sms.aliyun;

import dev.walletwatch.receiver.sms.LookupResult;
import dev.walletwatch.receiver.sms.SendResult;
import dev.walletwatch.receiver.sms.SmsMessage;
import dev.walletwatch.receiver.sms.SmsProvider;
import java.time.Instant;

/** Sends SMS through Aliyun SendSms. */
public final class AliyunSmsProvider implements SmsProvider {
  private final AliyunSettings settings;

  public AliyunSmsProvider(AliyunSettings settings) {
    this.settings = settings;
  }

  @Override
  public String name() {
    return "aliyun";
  }

  @Override
  public SendResult send(SmsMessage message) {
    // TODO: the signed SendSms client replaces this placeholder.
    throw new UnsupportedOperationException("Aliyun client not built yet");
  }

  @Override
  public LookupResult lookup(SmsMessage message, Instant firstAttempt) {
    throw new UnsupportedOperationException("Aliyun client not built yet");
  }
}
