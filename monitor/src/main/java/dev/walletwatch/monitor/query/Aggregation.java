package dev.walletwatch.monitor.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;

/**
 * An aggregation a metric query applies over time (points of one series in the window) or across
 * space (the per-series results). Values stay {@link BigDecimal} so that a gauge of 4.9999999 is
 * compared and printed with every digit it arrived with.
 */
public enum Aggregation {
  MIN("min"),
  MAX("max"),
  AVG("avg"),
  SUM("sum"),
  /** The value with the latest timestamp; the caller passes values in time order. */
  LAST("last");

  private final String keyword;

  Aggregation(String keyword) {
    this.keyword = keyword;
  }

  /** Returns the word the query grammar uses, such as {@code min}. */
  public String keyword() {
    return keyword;
  }

  /**
   * Aggregates {@code values}, which must not be empty and, for {@link #LAST}, must be in time
   * order. An average is rounded to 34 significant digits (IEEE 754 decimal128).
   */
  public BigDecimal apply(List<BigDecimal> values) {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("cannot aggregate an empty list of values");
    }
    switch (this) {
      case MIN:
        return values.stream().reduce(BigDecimal::min).orElseThrow();
      case MAX:
        return values.stream().reduce(BigDecimal::max).orElseThrow();
      case SUM:
        return values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
      case AVG:
        BigDecimal sum = values.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        return sum.divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128)
            .stripTrailingZeros();
      case LAST:
        return values.get(values.size() - 1);
      default:
        throw new AssertionError(this);
    }
  }

  @Override
  public String toString() {
    return keyword;
  }
}
