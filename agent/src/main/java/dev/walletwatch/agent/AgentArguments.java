package dev.walletwatch.agent;

/**
 * The agent argument string, as given after {@code -javaagent:walletwatch-agent.jar=} or by the
 * {@code attach} command: {@code PATH}, {@code config=PATH}, or {@code result=FILE,config=PATH}.
 * The configuration path comes last and takes the rest of the string, so it may contain commas.
 * Without a path, the {@code WALLETWATCH_CONFIG} environment variable names the file.
 */
final class AgentArguments {

  private static final String RESULT = "result=";
  private static final String CONFIG = "config=";

  /** The configuration file, or null when neither the arguments nor the environment name one. */
  final String configPath;

  /** The file that receives the start report for the {@code attach} command, or null. */
  final String resultPath;

  private AgentArguments(String configPath, String resultPath) {
    this.configPath = configPath;
    this.resultPath = resultPath;
  }

  static AgentArguments parse(String arguments, String environmentConfig) {
    String rest = arguments == null ? "" : arguments.trim();
    String resultPath = null;
    if (rest.startsWith(RESULT)) {
      // The result path ends where ",config=" starts, so it may contain commas too.
      int end = rest.indexOf("," + CONFIG);
      resultPath = rest.substring(RESULT.length(), end < 0 ? rest.length() : end).trim();
      rest = end < 0 ? "" : rest.substring(end + 1).trim();
    }
    if (rest.startsWith(CONFIG)) {
      rest = rest.substring(CONFIG.length()).trim();
    }
    String configPath = rest;
    if (configPath.isEmpty()) {
      configPath = environmentConfig == null ? "" : environmentConfig.trim();
    }
    return new AgentArguments(
        configPath.isEmpty() ? null : configPath,
        resultPath == null || resultPath.isEmpty() ? null : resultPath);
  }
}
