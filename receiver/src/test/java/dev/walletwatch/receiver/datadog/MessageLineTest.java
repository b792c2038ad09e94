package dev.walletwatch.receiver.datadog;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

class MessageLineTest {
  static Stream<Arguments> numbers() {
    return Stream.of(
        // A plain decimal.
        Arguments.of("4.5", "4.5"),
        // One thousands separator.
        Arguments.of("1,234", "1234"),
        // Several separators and a fraction.
        Arguments.of("21,000,000.5", "21000000.5"),
        // A negative grouped number.
        Arguments.of("-1,000.25", "-1000.25"),
        // Markdown emphasis around a grouped number.
        Arguments.of("**2,000**", "2000"),
        // A decimal comma: unknown, not 45.
        Arguments.of("4,5", null),
        // Single digits between commas: unknown, not 123.
        Arguments.of("1,2,3", null),
        // A group of four digits: unknown.
        Arguments.of("1,2345", null),
        // A group of more than three leading digits: unknown.
        Arguments.of("1234,567", null),
        // A comma after the decimal point: unknown.
        Arguments.of("1.234,5", null),
        // A leading comma: unknown.
        Arguments.of(",5", null),
        // Not a number: unknown.
        Arguments.of("NaN", null),
        // Empty: unknown.
        Arguments.of("", null));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("numbers")
  void numberTable(String token, String expected) {
    BigDecimal parsed = MessageLine.number(token);

    if (expected == null) {
      assertThat(parsed).isNull();
    } else {
      assertThat(parsed).isEqualByComparingTo(expected);
    }
  }

  @Test
  void decimalCommaLoggedOnceWithRawText() {
    Logger logger = (Logger) LoggerFactory.getLogger(MessageLine.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    MessageLine.Values values;
    try {
      values = MessageLine.find("BTC low\nwalletwatch value=4,5 threshold=5\n@webhook-x");
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(values.value()).isNull();
    assertThat(values.threshold()).isEqualByComparingTo("5");
    assertThat(appender.list).hasSize(1);
    assertThat(appender.list.get(0).getFormattedMessage()).contains("raw=\"4,5\"");
    assertThat(appender.list.get(0).getFormattedMessage()).contains("field=value");
  }

  @Test
  void groupedNumberNotLogged() {
    Logger logger = (Logger) LoggerFactory.getLogger(MessageLine.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    MessageLine.Values values;
    try {
      values = MessageLine.find("walletwatch value=21,000,000.5 threshold=5");
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(values.value()).isEqualByComparingTo("21000000.5");
    assertThat(appender.list).isEmpty();
  }
}
