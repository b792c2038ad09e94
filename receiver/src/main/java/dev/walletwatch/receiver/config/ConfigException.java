package dev.walletwatch.receiver.config;

import java.util.List;

/**
 * Thrown when {@code receiver.yml} cannot be used. It carries every problem found, each naming the
 * YAML path, the value and the fix, so that one run of {@code check-config} lists them all.
 */
public final class ConfigException extends Exception {
  private final List<String> problems;

  public ConfigException(String source, List<String> problems) {
    super(source + ": " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
    this.problems = List.copyOf(problems);
  }

  public List<String> problems() {
    return problems;
  }
}
