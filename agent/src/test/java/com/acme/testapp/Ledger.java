package com.acme.testapp;

import java.math.BigDecimal;

/** An interface whose implementations a gauge with {@code subtypes: true} weaves. */
public interface Ledger {
  BigDecimal total();
}
