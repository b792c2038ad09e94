package dev.walletwatch.agent.config;

import java.util.Collections;
import java.util.List;

/** Raised when {@code instrumentation.yml} cannot be used; carries one message per problem. */
public final class ConfigException extends Exception {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  public ConfigException(List<String> problems) {
    super(problems.isEmpty() ? "invalid configuration" : problems.get(0));
    this.problems = Collections.unmodifiableList(problems);
  }

  /** Returns each problem as one line naming the file, the YAML path and the fix. */
  public List<String> problems() {
    return problems;
  }
}
