package dev.walletwatch.bench.hotpath;

import java.math.BigDecimal;

/**
 * A copy of {@link WovenWallet} that the benchmark configuration does not name: the unwoven
 * baseline. Keep the two bodies identical.
 */
public class PlainWallet {

  private final double btc;
  private final BigDecimal exact;
  private final Holding holding;

  public PlainWallet(double btc, BigDecimal exact, Holding holding) {
    this.btc = btc;
    this.exact = exact;
    this.holding = holding;
  }

  public double balanceDouble() {
    return btc;
  }

  public BigDecimal balanceDecimal() {
    return exact;
  }

  public Holding holding() {
    return holding;
  }

  public BigDecimal balanceOf(String currency) {
    return exact;
  }
}
