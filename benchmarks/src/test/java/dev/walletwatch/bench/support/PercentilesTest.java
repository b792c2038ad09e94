package dev.walletwatch.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PercentilesTest {

  private static final long[] ONE_TO_HUNDRED = new long[100];

  static {
    for (int i = 0; i < 100; i++) {
      // Reversed, so that a missing sort shows.
      ONE_TO_HUNDRED[i] = 100 - i;
    }
  }

  @Test
  void nearestRankOfOneToHundred() {
    assertThat(Percentiles.of(ONE_TO_HUNDRED, 50)).isEqualTo(50);
    assertThat(Percentiles.of(ONE_TO_HUNDRED, 99)).isEqualTo(99);
    assertThat(Percentiles.of(ONE_TO_HUNDRED, 100)).isEqualTo(100);
    assertThat(Percentiles.of(ONE_TO_HUNDRED, 0)).isEqualTo(1);
  }

  @Test
  void p99OfFewSamplesIsMaximum() {
    assertThat(Percentiles.of(new long[] {5, 1, 9}, 99)).isEqualTo(9);
  }

  @Test
  void medianOfEvenCountAveragesMiddle() {
    assertThat(Percentiles.median(new long[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Percentiles.median(new long[] {3, 1, 2})).isEqualTo(2);
  }

  @Test
  void emptySamplesGiveNaN() {
    assertThat(Percentiles.of(new long[0], 50)).isNaN();
    assertThat(Percentiles.median(new long[0])).isNaN();
  }

  @Test
  void inputIsNotReordered() {
    long[] samples = {3, 1, 2};
    Percentiles.of(samples, 50);
    assertThat(samples).containsExactly(3, 1, 2);
  }
}
