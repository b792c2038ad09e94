package com.acme.testapp;

import java.util.concurrent.atomic.AtomicLong;

/** Loaded by an isolated class loader whose parent is the platform loader. */
public class Vault {

  private final AtomicLong coins = new AtomicLong(42);

  public AtomicLong coins() {
    return coins;
  }
}
