package dev.walletwatch.monitor.query;

/** A monitor query that is invalid or uses a part of the Datadog grammar this tool does not run. */
public final class QueryException extends RuntimeException {
  public QueryException(String message) {
    super(message);
  }
}
