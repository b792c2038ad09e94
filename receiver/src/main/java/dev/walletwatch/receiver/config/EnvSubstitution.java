package dev.walletwatch.receiver.config;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in config values with environment variables.
 * A variable that is unset, or set to the empty string as in POSIX shells, takes the default. An
 * unset variable without a default is a config problem that names it.
 */
final class EnvSubstitution {
  private static final Pattern REFERENCE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:-([^}]*))?}");

  private final Map<String, String> env;

  EnvSubstitution(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Returns {@code raw} with every reference replaced, or null after adding a problem for each
   * missing variable.
   */
  String resolve(String raw, String path, List<String> problems) {
    Matcher matcher = REFERENCE.matcher(raw);
    StringBuilder out = new StringBuilder();
    boolean missing = false;
    while (matcher.find()) {
      String name = matcher.group(1);
      String value = env.get(name);
      if (value == null || value.isEmpty()) {
        value = matcher.group(3);
      }
      if (value == null) {
        problems.add(
            path
                + ": environment variable "
                + name
                + " is not set; set it, or write ${"
                + name
                + ":-default} to give a default");
        missing = true;
        continue;
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    matcher.appendTail(out);
    return missing ? null : out.toString();
  }
}
