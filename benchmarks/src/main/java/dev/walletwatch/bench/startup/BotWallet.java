package dev.walletwatch.bench.startup;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** The bot's balances by currency; {@link #balanceOf} is the method the agent weaves. */
public final class BotWallet {

  private final Map<String, BigDecimal> balances = new HashMap<>();

  public BotWallet(BigDecimal btc, BigDecimal usdt) {
    balances.put("BTC", btc);
    balances.put("USDT", usdt);
  }

  public synchronized BigDecimal balanceOf(String currency) {
    return balances.getOrDefault(currency, BigDecimal.ZERO);
  }

  /** Moves {@code amount} BTC at {@code price}: positive buys, negative sells. */
  public synchronized void fill(BigDecimal amount, BigDecimal price) {
    balances.merge("BTC", amount, BigDecimal::add);
    balances.merge("USDT", amount.multiply(price).negate(), BigDecimal::add);
  }
}
