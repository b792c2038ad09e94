package dev.walletwatch.agent;

import dev.walletwatch.agent.config.AgentConfig;
import dev.walletwatch.agent.config.ConfigException;
import dev.walletwatch.agent.config.ConfigLoader;
import java.lang.instrument.Instrumentation;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point of the walletwatch Java agent, for {@code -javaagent} ({@link #premain}) and for
 * attaching to a running JVM ({@link #agentmain}).
 *
 * <p>Invariants: nothing thrown here reaches the host, because both entry points catch {@link
 * Throwable}; the agent never calls {@code System.exit}; a configuration it cannot use disables it
 * with a message on stderr and the application starts as usual; a second start in the same JVM is
 * ignored. Everything slow (DNS, the UDP check) runs later on the flusher thread.
 *
 * <p>Arguments: {@code config=PATH} or {@code PATH}; without one, {@code WALLETWATCH_CONFIG}.
 */
public final class WalletwatchAgent {

  private static final AtomicBoolean STARTED = new AtomicBoolean();

  private WalletwatchAgent() {}

  /** Called by the JVM before {@code main} when started with {@code -javaagent}. */
  public static void premain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation);
  }

  /** Called by the JVM when the agent is attached to a running process. */
  public static void agentmain(String arguments, Instrumentation instrumentation) {
    start(arguments, instrumentation);
  }

  private static void start(String arguments, Instrumentation instrumentation) {
    try {
      if (!STARTED.compareAndSet(false, true)) {
        AgentLog.info("already running in this JVM; this start is ignored");
        return;
      }
      String configPath = configPath(arguments, System.getenv("WALLETWATCH_CONFIG"));
      if (configPath == null) {
        STARTED.set(false);
        AgentLog.warn(
            "agent disabled: no configuration given; pass -javaagent:walletwatch-agent.jar"
                + "=config=PATH or set WALLETWATCH_CONFIG");
        return;
      }
      AgentConfig config;
      try {
        config = new ConfigLoader(System.getenv()).load(Paths.get(configPath));
      } catch (ConfigException e) {
        STARTED.set(false);
        reportDisabled(e.problems());
        return;
      }
      BootstrapInjector.inject(instrumentation);
      Installer.install(instrumentation, config);
      AgentLog.info(
          "walletwatch-agent "
              + version()
              + " started: config "
              + configPath
              + ", DogStatsD "
              + config.statsd().host()
              + ":"
              + config.statsd().port()
              + ", "
              + config.gauges().size()
              + " gauge(s)");
    } catch (Throwable e) {
      AgentLog.warn("agent disabled: start failed, the application runs without it: " + e);
    }
  }

  /** Returns the configuration path from the agent arguments or the environment, or null. */
  static String configPath(String arguments, String environment) {
    String argument = arguments == null ? "" : arguments.trim();
    if (argument.startsWith("config=")) {
      argument = argument.substring("config=".length()).trim();
    }
    if (!argument.isEmpty()) {
      return argument;
    }
    return environment == null || environment.trim().isEmpty() ? null : environment.trim();
  }

  private static void reportDisabled(List<String> problems) {
    AgentLog.warn("agent disabled, the configuration is invalid: " + problems.get(0));
    for (int i = 1; i < problems.size(); i++) {
      AgentLog.warn("also: " + problems.get(i));
    }
  }

  private static String version() {
    String version = WalletwatchAgent.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
