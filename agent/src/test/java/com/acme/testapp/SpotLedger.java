package com.acme.testapp;

import java.math.BigDecimal;

/** The one implementation of {@link Ledger} in the test application. */
public class SpotLedger implements Ledger {

  @Override
  public BigDecimal total() {
    return new BigDecimal("1234.5");
  }
}
