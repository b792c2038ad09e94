package dev.walletwatch.bench.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Command-line options of the form {@code --name value} and {@code --flag}. */
public final class Args {

  private final Map<String, String> values = new HashMap<>();
  private final Set<String> flags = new HashSet<>();

  private Args() {}

  /**
   * Parses {@code args}; {@code flagNames} take no value.
   *
   * @throws IllegalArgumentException for an option without a value or a stray word
   */
  public static Args parse(String[] args, String... flagNames) {
    Args parsed = new Args();
    Set<String> known = Set.of(flagNames);
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException(
            "unexpected argument '" + arg + "'; options start with --");
      }
      String name = arg.substring(2);
      if (known.contains(name)) {
        parsed.flags.add(name);
      } else if (i + 1 < args.length) {
        parsed.values.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException("option --" + name + " needs a value");
      }
    }
    return parsed;
  }

  public boolean flag(String name) {
    return flags.contains(name);
  }

  public String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  public int getInt(String name, int fallback) {
    String value = values.get(name);
    try {
      return value == null ? fallback : Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " '" + value + "' is not a whole number");
    }
  }

  /** Returns an existing file named by a required option. */
  public Path existingFile(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("option --" + name + " is missing; pass the file's path");
    }
    Path path = Path.of(value).toAbsolutePath();
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException(
          "--" + name + " " + path + " does not exist; build it with mvn -B -o package first");
    }
    return path;
  }
}
