package dev.walletwatch.agent.gauge;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ValuesTest {

  private static DoubleAdder doubleAdder(double value) {
    DoubleAdder adder = new DoubleAdder();
    adder.add(value);
    return adder;
  }

  private static LongAdder longAdder(long value) {
    LongAdder adder = new LongAdder();
    adder.add(value);
    return adder;
  }

  static Stream<Arguments> convertible() {
    return Stream.of(
        Arguments.of((byte) -128, -128.0),
        Arguments.of((short) 32767, 32767.0),
        Arguments.of(Integer.MIN_VALUE, -2147483648.0),
        Arguments.of(Long.MAX_VALUE, 9.223372036854775807E18),
        Arguments.of(4.9999999f, (double) 4.9999999f),
        Arguments.of(4.9999999, 4.9999999),
        Arguments.of(-0.0, -0.0),
        Arguments.of(Double.MIN_VALUE, Double.MIN_VALUE),
        Arguments.of(new BigDecimal("4.9999999"), 4.9999999),
        Arguments.of(new BigDecimal("21000000.12345678"), 21000000.12345678),
        Arguments.of(new BigDecimal("-0.00000001"), -1e-8),
        Arguments.of(new BigInteger("123456789012345678901234567890"), 1.2345678901234568E29),
        Arguments.of(new AtomicInteger(42), 42.0),
        Arguments.of(new AtomicLong(-7), -7.0),
        Arguments.of(doubleAdder(2.5), 2.5),
        Arguments.of(longAdder(99), 99.0),
        Arguments.of("4.9999999", 4.9999999),
        Arguments.of(" 21000000.12345678 ", 21000000.12345678),
        Arguments.of("1e3", 1000.0),
        Arguments.of("-12", -12.0));
  }

  @ParameterizedTest
  @MethodSource("convertible")
  void valueConverts(Object value, double expected) {
    assertThat(Values.toDouble(value)).isEqualTo(expected);
  }

  static Stream<Arguments> notANumber() {
    return Stream.of(
        Arguments.of((Object) null),
        Arguments.of(Double.NaN),
        Arguments.of(Float.NaN),
        Arguments.of("NaN"),
        Arguments.of("Infinity"),
        Arguments.of("1.5d"),
        Arguments.of("0x10"),
        Arguments.of("abc"),
        Arguments.of(""),
        Arguments.of(Boolean.TRUE),
        Arguments.of('7'),
        Arguments.of(new Object()));
  }

  @ParameterizedTest
  @MethodSource("notANumber")
  void valueWithoutNumberIsNaN(Object value) {
    assertThat(Values.toDouble(value)).isNaN();
  }

  @ParameterizedTest
  @MethodSource("infinite")
  void overflowIsInfinite(Object value) {
    assertThat(Values.toDouble(value)).isInfinite();
  }

  static Stream<Object> infinite() {
    return Stream.of(
        Double.POSITIVE_INFINITY, new BigDecimal("1e400"), BigInteger.TEN.pow(400), "-1e400");
  }
}
