package dev.walletwatch.monitor.config;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a YAML string value with the environment
 * variable's value. As in the POSIX shell, the default also applies when the variable is set but
 * empty.
 */
final class EnvSubstitution {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private EnvSubstitution() {}

  /**
   * Returns {@code value} with every reference replaced.
   *
   * @throws ConfigException naming the variable and {@code where} when a variable without default
   *     is not set
   */
  static String substitute(String value, Map<String, String> environment, String where) {
    Matcher matcher = REFERENCE.matcher(value);
    StringBuilder result = new StringBuilder();
    while (matcher.find()) {
      String name = matcher.group(1);
      String replacement = environment.get(name);
      boolean hasDefault = matcher.group(2) != null;
      if (hasDefault && (replacement == null || replacement.isEmpty())) {
        replacement = matcher.group(3);
      }
      if (replacement == null) {
        throw new ConfigException(
            where
                + ": environment variable "
                + name
                + " is not set; export it, or write ${"
                + name
                + ":-default} to give a default");
      }
      matcher.appendReplacement(result, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(result);
    return result.toString();
  }
}
