package dev.walletwatch.agent;

import dev.walletwatch.agent.config.AgentConfig;
import dev.walletwatch.agent.config.ConfigException;
import dev.walletwatch.agent.config.ConfigLoader;
import java.lang.instrument.Instrumentation;
import java.nio.file.Paths;
import java.util.List;

/**
 * Entry point of the walletwatch Java agent, for {@code -javaagent} ({@link #premain}) and for
 * attaching to a running JVM ({@link #agentmain}).
 *
 * <p>Invariants: nothing thrown here reaches the host, because both entry points catch {@link
 * Throwable}; the agent never calls {@code System.exit}; a configuration it cannot use disables it
 * with a message on stderr and the application starts as usual; {@code
 * -Dwalletwatch.agent.enabled=false} or {@code WALLETWATCH_ENABLED=false} makes both entry points
 * log one line and do nothing else. A second start in the same JVM reloads the configuration and
 * never weaves a method twice. Everything slow (DNS, the UDP check) runs later on the flusher
 * thread.
 *
 * <p>Arguments: {@code config=PATH} or {@code PATH}, optionally preceded by {@code result=FILE,}
 * (see {@link AgentArguments}); without a path, {@code WALLETWATCH_CONFIG}.
 */
public final class WalletwatchAgent {

  /** Serializes starts: the JVM may run two attach requests at the same time. */
  private static final Object LOCK = new Object();

  /** The running agent, or null before the first successful start. Guarded by {@link #LOCK}. */
  private static ActiveAgent active;

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
    StartReport report = new StartReport();
    AgentArguments parsed = null;
    try {
      parsed = AgentArguments.parse(arguments, System.getenv("WALLETWATCH_CONFIG"));
      String off = KillSwitch.reasonOff();
      if (off != null) {
        report.fail("agent disabled by " + off + "; nothing is woven or sent");
      } else {
        synchronized (LOCK) {
          startOrReload(parsed.configPath, instrumentation, report);
        }
      }
    } catch (Throwable e) {
      report.fail("agent disabled: start failed, the application runs without it: " + e);
    }
    writeResult(parsed, report);
  }

  private static void startOrReload(
      String configPath, Instrumentation instrumentation, StartReport report) throws Exception {
    if (configPath == null) {
      report.fail(
          "agent disabled: no configuration given; pass -javaagent:walletwatch-agent.jar"
              + "=config=PATH or set WALLETWATCH_CONFIG");
      return;
    }
    AgentConfig config;
    try {
      config = new ConfigLoader(System.getenv()).load(Paths.get(configPath));
    } catch (ConfigException e) {
      reportInvalid(e.problems(), report);
      return;
    }
    if (active != null) {
      active.reload(config, report);
      return;
    }
    active = ActiveAgent.start(instrumentation, config, report);
    report.info(
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
  }

  private static void reportInvalid(List<String> problems, StartReport report) {
    String consequence =
        active == null
            ? "agent disabled, the configuration is invalid: "
            : "configuration not reloaded, the running gauges are kept; it is invalid: ";
    report.fail(consequence + problems.get(0) + "; see docs/troubleshooting.md#agent-wove-nothing");
    for (int i = 1; i < problems.size(); i++) {
      report.fail("also: " + problems.get(i));
    }
  }

  /** Writes the report where the {@code attach} command reads it, when it asked for one. */
  private static void writeResult(AgentArguments arguments, StartReport report) {
    if (arguments == null || arguments.resultPath == null) {
      return;
    }
    try {
      report.writeTo(arguments.resultPath);
    } catch (Throwable e) {
      AgentLog.warn("failed to write the attach result to " + arguments.resultPath + ": " + e);
    }
  }

  private static String version() {
    String version = WalletwatchAgent.class.getPackage().getImplementationVersion();
    return version == null ? "(development build)" : version;
  }
}
