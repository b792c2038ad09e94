package dev.walletwatch.receiver.cli;

import dev.walletwatch.receiver.config.ConfigException;
import dev.walletwatch.receiver.config.ConfigLoader;
import dev.walletwatch.receiver.config.ReceiverConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --config} option shared by every command, and loading the file it names. */
final class ConfigOption {
  /** Exit code for a config that cannot be used. */
  static final int EXIT_CONFIG = 2;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      defaultValue = "receiver.yml",
      description = "Path of receiver.yml (default: ${DEFAULT-VALUE}).")
  Path file;

  /** Reads only the store path, or prints the problems to {@code err} and returns null. */
  Path loadStorePath(PrintWriter err) {
    try {
      return new ConfigLoader(System.getenv()).loadStorePath(file);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.flush();
      return null;
    }
  }

  /** Loads the config, or prints every problem to {@code err} and returns null. */
  ReceiverConfig load(PrintWriter err) {
    try {
      return new ConfigLoader(System.getenv()).load(file);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.flush();
      return null;
    }
  }
}
