package com.acme.testapp;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/** A trading wallet as a test application would have it; the agent weaves its methods. */
public class Wallet {

  private final Map<String, BigDecimal> balances = new HashMap<>();
  private final Account account = new Account();

  public void deposit(String currency, String amount) {
    balances.put(currency, new BigDecimal(amount));
  }

  public BigDecimal balanceOf(String currency) {
    BigDecimal balance = balances.get(currency);
    if (balance == null) {
      throw new IllegalArgumentException("no " + currency + " balance");
    }
    return balance;
  }

  public long satoshis() {
    return 499_999_990L;
  }

  public Account account() {
    return account;
  }

  /** A nested value that a path such as {@code return.available} reads. */
  public static final class Account {
    private final double available = 4.9999999;

    public double getAvailable() {
      return available;
    }
  }
}
