package dev.walletwatch.receiver.sms;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogSmsProviderTest {
  @Test
  void dryRunLogsTemplateAndParamsAtInfo() {
    Logger logger = (Logger) LoggerFactory.getLogger(LogSmsProvider.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    SendResult result;
    try {
      result =
          new LogSmsProvider(null, Clock.systemUTC())
              .send(
                  new SmsMessage(
                      "+8613812345678", "SMS_000000", Map.of("value", "4.2", "name", "值班"), "d-1"));
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(result.outcome()).isEqualTo(SendResult.Outcome.SENT);
    assertThat(appender.list).hasSize(1);
    ILoggingEvent line = appender.list.get(0);
    assertThat(line.getLevel()).isEqualTo(Level.INFO);
    assertThat(line.getFormattedMessage()).contains("template=SMS_000000");
    assertThat(line.getFormattedMessage()).contains("params={\"name\":\"值班\",\"value\":\"4.2\"}");
    assertThat(line.getFormattedMessage()).contains("phone=+86138****5678");
    assertThat(line.getFormattedMessage()).doesNotContain("13812345678");
  }
}
