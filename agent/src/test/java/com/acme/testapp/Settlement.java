package com.acme.testapp;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A job that the trading loop hands to an executor, as trading code often does. Agents that trace
 * executors treat every {@link Runnable} specially: the OpenTelemetry agent adds an interface to it
 * when it loads.
 */
public class Settlement implements Runnable {

  private final AtomicLong settled = new AtomicLong();

  @Override
  public void run() {
    settled.incrementAndGet();
  }

  public long settled() {
    return settled.get();
  }
}
