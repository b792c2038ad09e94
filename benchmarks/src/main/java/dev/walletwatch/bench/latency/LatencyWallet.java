package dev.walletwatch.bench.latency;

/** A wallet whose balance the latency app sets; {@link #balance} is the woven method. */
public final class LatencyWallet {

  private volatile double btc;

  public void set(double value) {
    btc = value;
  }

  public double balance() {
    return btc;
  }
}
