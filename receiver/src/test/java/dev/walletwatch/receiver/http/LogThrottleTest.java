package dev.walletwatch.receiver.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogThrottleTest {

  @Test
  void admitSkipsRepeatsWithinInterval() {
    LogThrottle throttle = new LogThrottle(10_000);

    assertThat(throttle.admit("401", 0)).isZero();
    assertThat(throttle.admit("401", 1_000)).isEqualTo(-1);
    assertThat(throttle.admit("401", 9_999)).isEqualTo(-1);
    // The first line after the interval reports the two skipped.
    assertThat(throttle.admit("401", 10_000)).isEqualTo(2);
    assertThat(throttle.admit("401", 10_001)).isEqualTo(-1);
  }

  @Test
  void admitKeepsKeysApart() {
    LogThrottle throttle = new LogThrottle(10_000);

    assertThat(throttle.admit("401", 0)).isZero();
    assertThat(throttle.admit("403", 1)).isZero();
    assertThat(throttle.admit("401", 2)).isEqualTo(-1);
  }
}
