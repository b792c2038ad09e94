package dev.walletwatch.monitor.datadog;

/** A Datadog API request that failed; the message names the request, the response and the fix. */
public final class DatadogException extends RuntimeException {
  public DatadogException(String message) {
    super(message);
  }
}
