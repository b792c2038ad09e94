package dev.walletwatch.agent.gauge;

import java.math.BigDecimal;

/**
 * A gauge's {@code scale} as a double operation. A scale of 10^-k (such as 1e-8 for satoshis to
 * BTC) divides by 10^k. Dividing by an exact power of ten gives the correctly rounded result, so
 * 499999990 / 1e8 is exactly the double nearest 4.9999999. Multiplying by the inexact double 1e-8
 * can be off in the last digit.
 */
public final class Scale {

  private final double multiplier;
  private final double divisor;

  private Scale(double multiplier, double divisor) {
    this.multiplier = multiplier;
    this.divisor = divisor;
  }

  /** Returns the operation for the configured {@code scale}. */
  public static Scale of(BigDecimal scale) {
    if (scale.compareTo(BigDecimal.ONE) == 0) {
      return new Scale(1, 1);
    }
    try {
      BigDecimal inverse = BigDecimal.ONE.divide(scale).stripTrailingZeros();
      if (inverse.scale() <= 0 && inverse.abs().compareTo(new BigDecimal("1e22")) <= 0) {
        // Integers up to 1e22 are exact doubles.
        return new Scale(1, inverse.doubleValue());
      }
    } catch (ArithmeticException e) {
      // 1/scale has no finite decimal expansion; multiply instead.
    }
    return new Scale(scale.doubleValue(), 1);
  }

  /** Returns {@code value} scaled. */
  public double apply(double value) {
    if (divisor != 1) {
      return value / divisor;
    }
    return multiplier == 1 ? value : value * multiplier;
  }
}
