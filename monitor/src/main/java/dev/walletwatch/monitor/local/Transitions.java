package dev.walletwatch.monitor.local;

import dev.walletwatch.monitor.config.MonitorDefinition;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides a monitor's next status from one observation, the way Datadog moves a metric monitor: OK
 * to alert notifies {@code Triggered}; still in alert after the renotify interval notifies {@code
 * Re-Triggered}; alert or no data back to OK notifies {@code Recovered}; no points for the no-data
 * timeframe, when notify-no-data is on, notifies {@code No Data} and later {@code Re-No Data}.
 */
public final class Transitions {
  private Transitions() {}

  /**
   * The outcome of one evaluation.
   *
   * @param next the status after this evaluation
   * @param transition the notification to send, or null for none
   * @param reason why, for logs and tests
   */
  public record Decision(Status next, Transition transition, String reason) {}

  /**
   * Decides the next status of {@code monitor}.
   *
   * @param current the status before this evaluation
   * @param lastNotifiedAt when the monitor last notified, or null if never
   * @param observation what the evaluation saw
   * @param now the evaluation time
   */
  public static Decision decide(
      MonitorDefinition monitor,
      Status current,
      Instant lastNotifiedAt,
      Observation observation,
      Instant now) {
    if (observation.value() == null) {
      return decideWithoutValue(monitor, current, lastNotifiedAt, observation, now);
    }
    boolean breached =
        monitor.query().comparator().breaches(observation.value(), monitor.query().threshold());
    if (breached) {
      if (current != Status.ALERT) {
        return new Decision(Status.ALERT, Transition.TRIGGERED, "value breaches the threshold");
      }
      if (renotifyDue(monitor, lastNotifiedAt, now)) {
        return new Decision(
            Status.ALERT, Transition.RE_TRIGGERED, "still in alert after the renotify interval");
      }
      return new Decision(Status.ALERT, null, "still in alert, renotify not due");
    }
    if (current != Status.OK) {
      return new Decision(Status.OK, Transition.RECOVERED, "value no longer breaches");
    }
    return new Decision(Status.OK, null, "value does not breach");
  }

  private static Decision decideWithoutValue(
      MonitorDefinition monitor,
      Status current,
      Instant lastNotifiedAt,
      Observation observation,
      Instant now) {
    Duration timeframe = monitor.effectiveNoDataTimeframe();
    if (!monitor.notifyNoData() || observation.silence().compareTo(timeframe) < 0) {
      return new Decision(current, null, "no points in the window; status kept");
    }
    if (current != Status.NO_DATA) {
      return new Decision(
          Status.NO_DATA, Transition.NO_DATA, "no points for the no-data timeframe");
    }
    if (renotifyDue(monitor, lastNotifiedAt, now)) {
      return new Decision(
          Status.NO_DATA, Transition.RE_NO_DATA, "still no data after the renotify interval");
    }
    return new Decision(Status.NO_DATA, null, "still no data, renotify not due");
  }

  private static boolean renotifyDue(
      MonitorDefinition monitor, Instant lastNotifiedAt, Instant now) {
    Duration interval = monitor.renotifyInterval();
    return interval != null
        && lastNotifiedAt != null
        && Duration.between(lastNotifiedAt, now).compareTo(interval) >= 0;
  }
}
