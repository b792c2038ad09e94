package dev.walletwatch.monitor.query;

import java.math.BigDecimal;

/** The comparison between the aggregated value and the threshold that puts a monitor in alert. */
public enum Comparator {
  LESS("<"),
  LESS_OR_EQUAL("<="),
  GREATER(">"),
  GREATER_OR_EQUAL(">=");

  private final String symbol;

  Comparator(String symbol) {
    this.symbol = symbol;
  }

  public String symbol() {
    return symbol;
  }

  /** Returns true when {@code value} breaches {@code threshold}, that is, the monitor alerts. */
  public boolean breaches(BigDecimal value, BigDecimal threshold) {
    int order = value.compareTo(threshold);
    switch (this) {
      case LESS:
        return order < 0;
      case LESS_OR_EQUAL:
        return order <= 0;
      case GREATER:
        return order > 0;
      case GREATER_OR_EQUAL:
        return order >= 0;
      default:
        throw new AssertionError(this);
    }
  }

  @Override
  public String toString() {
    return symbol;
  }
}
