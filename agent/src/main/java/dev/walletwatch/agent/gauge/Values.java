package dev.walletwatch.agent.gauge;

import java.math.BigDecimal;

/**
 * Converts a value read at a woven method's exit into the double that DogStatsD carries.
 *
 * <p>Every {@link Number} converts through {@link Number#doubleValue()}: the primitive boxes,
 * {@code BigDecimal}, {@code BigInteger}, {@code AtomicInteger}, {@code AtomicLong}, {@code
 * DoubleAdder} and {@code LongAdder} all extend {@code Number}. A {@link String} (or other {@link
 * CharSequence}) converts when it is a decimal number such as {@code 4.9999999} or {@code 1e3}.
 * Everything else, including null, becomes NaN, which the caller counts as dropped.
 */
public final class Values {

  private Values() {}

  /** Returns {@code value} as a double, or NaN when it has no numeric meaning. */
  public static double toDouble(Object value) {
    if (value instanceof Number) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof CharSequence) {
      return parse(value.toString());
    }
    return Double.NaN;
  }

  private static double parse(String text) {
    // BigDecimal rejects "NaN", "Infinity", hex floats and the "d"/"f" suffixes that
    // Double.parseDouble accepts, so only plain decimal text counts as a number.
    try {
      return new BigDecimal(text.trim()).doubleValue();
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }
}
