package dev.walletwatch.monitor.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.walletwatch.monitor.config.MonitorDefinition;
import dev.walletwatch.monitor.query.QueryParser;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransitionsTest {
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private static MonitorDefinition monitor(boolean notifyNoData, Duration renotify) {
    return new MonitorDefinition(
        "monitors[0]",
        "BTC low",
        QueryParser.parse("min(last_5m):min:quant.wallet.balance{currency:btc} < 5"),
        "",
        notifyNoData,
        Duration.ofMinutes(10),
        renotify,
        List.of());
  }

  private static final MonitorDefinition WITH_RENOTIFY = monitor(true, Duration.ofMinutes(30));
  private static final MonitorDefinition WITHOUT_NO_DATA = monitor(false, null);

  private static Observation value(String value) {
    return new Observation(new BigDecimal(value), Duration.ZERO);
  }

  private static Observation silentFor(Duration silence) {
    return new Observation(null, silence);
  }

  private static Instant minutesAgo(long minutes) {
    return NOW.minus(Duration.ofMinutes(minutes));
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // OK and a value that breaches: the monitor triggers.
        Arguments.of(
            WITH_RENOTIFY, Status.OK, null, value("4.9"), Status.ALERT, Transition.TRIGGERED),
        // Just below the threshold still breaches; the digits past the sixth decimal count.
        Arguments.of(
            WITH_RENOTIFY, Status.OK, null, value("4.9999999"), Status.ALERT, Transition.TRIGGERED),
        // Equal to the threshold does not breach "< 5".
        Arguments.of(WITH_RENOTIFY, Status.OK, null, value("5"), Status.OK, null),
        // Already in alert, notified 10 minutes ago: nothing until the 30-minute renotify.
        Arguments.of(WITH_RENOTIFY, Status.ALERT, minutesAgo(10), value("4"), Status.ALERT, null),
        // Still in alert 30 minutes after the last notification: re-triggers.
        Arguments.of(
            WITH_RENOTIFY,
            Status.ALERT,
            minutesAgo(30),
            value("4"),
            Status.ALERT,
            Transition.RE_TRIGGERED),
        // Without a renotify interval an alert notifies once.
        Arguments.of(
            WITHOUT_NO_DATA, Status.ALERT, minutesAgo(600), value("4"), Status.ALERT, null),
        // Alert and a value back above the threshold: recovers.
        Arguments.of(
            WITH_RENOTIFY,
            Status.ALERT,
            minutesAgo(1),
            value("6"),
            Status.OK,
            Transition.RECOVERED),
        // No data and a healthy value again: recovers.
        Arguments.of(
            WITH_RENOTIFY,
            Status.NO_DATA,
            minutesAgo(1),
            value("6"),
            Status.OK,
            Transition.RECOVERED),
        // No data and a low value: triggers.
        Arguments.of(
            WITH_RENOTIFY,
            Status.NO_DATA,
            minutesAgo(1),
            value("1"),
            Status.ALERT,
            Transition.TRIGGERED),
        // No points in the window, silent less than the no-data timeframe: status kept.
        Arguments.of(
            WITH_RENOTIFY,
            Status.ALERT,
            minutesAgo(1),
            silentFor(Duration.ofMinutes(9)),
            Status.ALERT,
            null),
        // Silent for the no-data timeframe: No Data, from OK or from alert.
        Arguments.of(
            WITH_RENOTIFY,
            Status.OK,
            null,
            silentFor(Duration.ofMinutes(10)),
            Status.NO_DATA,
            Transition.NO_DATA),
        Arguments.of(
            WITH_RENOTIFY,
            Status.ALERT,
            minutesAgo(5),
            silentFor(Duration.ofMinutes(11)),
            Status.NO_DATA,
            Transition.NO_DATA),
        // Still silent after the renotify interval: Re-No Data.
        Arguments.of(
            WITH_RENOTIFY,
            Status.NO_DATA,
            minutesAgo(30),
            silentFor(Duration.ofMinutes(40)),
            Status.NO_DATA,
            Transition.RE_NO_DATA),
        Arguments.of(
            WITH_RENOTIFY,
            Status.NO_DATA,
            minutesAgo(20),
            silentFor(Duration.ofMinutes(40)),
            Status.NO_DATA,
            null),
        // notifyNoData off: silence never notifies.
        Arguments.of(
            WITHOUT_NO_DATA, Status.OK, null, silentFor(Duration.ofHours(5)), Status.OK, null));
  }

  @ParameterizedTest
  @MethodSource("cases")
  void decidesTransition(
      MonitorDefinition monitor,
      Status current,
      Instant lastNotifiedAt,
      Observation observation,
      Status expectedStatus,
      Transition expectedTransition) {
    Transitions.Decision decision =
        Transitions.decide(monitor, current, lastNotifiedAt, observation, NOW);

    assertThat(decision.next()).as(decision.reason()).isEqualTo(expectedStatus);
    assertThat(decision.transition()).as(decision.reason()).isEqualTo(expectedTransition);
  }
}
