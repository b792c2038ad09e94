package dev.walletwatch.bench.support;

import java.util.Arrays;

/** Nearest-rank percentiles and medians of recorded samples. */
public final class Percentiles {

  private Percentiles() {}

  /** Returns the nearest-rank {@code percentile} (0 to 100) of {@code samples}, or NaN if empty. */
  public static double of(long[] samples, double percentile) {
    if (samples.length == 0) {
      return Double.NaN;
    }
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(percentile / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  /** Returns the median of {@code samples}, the mean of the middle two for an even count. */
  public static double median(long[] samples) {
    if (samples.length == 0) {
      return Double.NaN;
    }
    long[] sorted = samples.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
  }
}
