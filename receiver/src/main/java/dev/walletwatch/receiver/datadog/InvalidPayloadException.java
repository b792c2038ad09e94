package dev.walletwatch.receiver.datadog;

/**
 * Thrown when a request body is not a Datadog webhook. The message states what is wrong and goes
 * back to the caller with status 400, so it quotes only the caller's own body, never config values.
 */
public final class InvalidPayloadException extends Exception {
  public InvalidPayloadException(String message) {
    super(message);
  }
}
