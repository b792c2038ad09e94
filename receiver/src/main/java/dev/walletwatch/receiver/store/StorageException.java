package dev.walletwatch.receiver.store;

/**
 * Thrown when the store cannot read or commit, for example when the disk is full or another process
 * holds the database lock. The HTTP layer returns 503 so that Datadog retries.
 */
public final class StorageException extends Exception {
  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
