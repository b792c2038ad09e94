package dev.walletwatch.bench.hotpath;

import java.math.BigDecimal;

/** A balance object whose {@code total} field a {@code return.total} value path reads. */
public final class Holding {

  private final String currency;
  private final BigDecimal total;

  public Holding(String currency, BigDecimal total) {
    this.currency = currency;
    this.total = total;
  }

  public String getCurrency() {
    return currency;
  }

  public BigDecimal getTotal() {
    return total;
  }
}
