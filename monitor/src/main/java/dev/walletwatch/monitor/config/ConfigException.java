package dev.walletwatch.monitor.config;

/**
 * An invalid monitors file. The message names the file, the YAML path (such as {@code
 * monitors[0].query}) and what to change.
 */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
