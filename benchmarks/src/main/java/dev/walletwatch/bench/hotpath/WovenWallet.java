package dev.walletwatch.bench.hotpath;

import java.math.BigDecimal;

/**
 * The wallet that the benchmark configuration names, so the agent weaves its methods. Its body is
 * identical to {@link PlainWallet}, which the configuration does not name: the difference between
 * the two is what the woven advice costs.
 */
public class WovenWallet {

  private final double btc;
  private final BigDecimal exact;
  private final Holding holding;

  public WovenWallet(double btc, BigDecimal exact, Holding holding) {
    this.btc = btc;
    this.exact = exact;
    this.holding = holding;
  }

  /** Woven with {@code value: return}: a primitive, passed to the probe without a box. */
  public double balanceDouble() {
    return btc;
  }

  /** Woven with {@code value: return}: a {@code BigDecimal}, converted by the probe. */
  public BigDecimal balanceDecimal() {
    return exact;
  }

  /** Woven with {@code value: return.total}: the probe follows one field step. */
  public Holding holding() {
    return holding;
  }

  /** Woven with the tag {@code currency: ${arg0}}: the series is looked up by the argument. */
  public BigDecimal balanceOf(String currency) {
    return exact;
  }
}
