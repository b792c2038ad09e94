package dev.walletwatch.receiver.datadog;

/**
 * Thrown when a request body is not a Datadog webhook. The message says what is wrong and is sent
 * back to the caller with status 400, so it holds no secret.
 */
public final class InvalidPayloadException extends Exception {
  public InvalidPayloadException(String message) {
    super(message);
  }
}
