package dev.walletwatch.agent;

import dev.walletwatch.agent.config.AgentConfig;
import dev.walletwatch.agent.config.GaugeConfig;
import dev.walletwatch.agent.config.StatsdConfig;
import dev.walletwatch.agent.gauge.ProbeRegistry;
import java.io.IOException;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The agent running in this JVM: the configuration it started with and every gauge it has installed
 * since. A later start (a second attach) reloads the configuration through {@link #reload} instead
 * of weaving again: new gauges are woven, the installed ones keep their probes and series, and the
 * DogStatsD settings of the first start stay in use.
 */
final class ActiveAgent {

  private final Instrumentation instrumentation;
  private final AgentConfig first;
  private final ProbeRegistry registry = new ProbeRegistry();
  private final Set<String> installed = new HashSet<String>();

  /** Installed gauges whose every loaded class the JVM rejected on retransformation. */
  private final Set<String> rejected = new HashSet<String>();

  private ActiveAgent(Instrumentation instrumentation, AgentConfig first) {
    this.instrumentation = instrumentation;
    this.first = first;
  }

  /** Injects the dispatcher, weaves the gauges of {@code config} and starts the flusher. */
  static ActiveAgent start(Instrumentation instrumentation, AgentConfig config, StartReport report)
      throws IOException {
    BootstrapInjector.inject(instrumentation);
    ActiveAgent agent = new ActiveAgent(instrumentation, config);
    if (!instrumentation.isRetransformClassesSupported()) {
      report.warn(
          "this JVM cannot retransform classes, so classes loaded before the agent started stay"
              + " unchanged; start the agent with -javaagent to weave them");
    }
    agent.weave(config.gauges(), config.source(), report);
    Installer.startFlusher(config, agent.registry);
    return agent;
  }

  /**
   * Weaves the gauges of {@code next} that are not installed yet. Installed gauges stay woven
   * whether or not {@code next} still lists them, because removing advice would need another
   * retransformation of classes that are in use.
   */
  void reload(AgentConfig next, StartReport report) {
    String statsdChange = statsdChange(first.statsd(), next.statsd());
    if (statsdChange != null) {
      report.warn(
          next.source()
              + ": statsd "
              + statsdChange
              + " differs from the running agent's and is not applied; restart the JVM to"
              + " change the DogStatsD settings");
    }
    List<GaugeConfig> added = new ArrayList<GaugeConfig>();
    List<GaugeConfig> kept = new ArrayList<GaugeConfig>();
    Set<String> listed = new HashSet<String>();
    for (GaugeConfig gauge : next.gauges()) {
      listed.add(gauge.definition());
      (installed.contains(gauge.definition()) ? kept : added).add(gauge);
    }
    int unlisted = 0;
    for (String definition : installed) {
      unlisted += listed.contains(definition) ? 0 : 1;
    }
    report.info(
        "configuration "
            + next.source()
            + " reloaded: "
            + added.size()
            + " new gauge(s), "
            + kept.size()
            + " kept"
            + (unlisted == 0
                ? ""
                : ", " + unlisted + " no longer listed but still woven until the JVM restarts"));
    for (GaugeConfig gauge : kept) {
      report.line(
          gauge.yamlPath()
              + " "
              + gauge.name()
              + (rejected.contains(gauge.definition())
                  ? ": kept, but not woven: the JVM rejected the retransformation of its class"
                  : ": kept, already woven"));
    }
    if (!added.isEmpty()) {
      weave(added, next.source(), report);
    }
  }

  private void weave(List<GaugeConfig> gauges, String source, StartReport report) {
    Installer.Retransformation retransformation =
        Installer.weave(instrumentation, gauges, first.statsd(), source, registry);
    List<GaugeConfig> woven = WeaveSummary.report(gauges, registry, retransformation, report);
    for (GaugeConfig gauge : gauges) {
      // The weaver stays installed either way, so a reload must not install a second one: when
      // the JVM accepts a later retransformation, two weavers would add the advice twice.
      installed.add(gauge.definition());
      if (!woven.contains(gauge) && !registry.wovenMethods(gauge).isEmpty()) {
        rejected.add(gauge.definition());
      }
    }
  }

  /**
   * Returns the first statsd setting that differs, such as {@code port '8125' -> '9125'}, or null.
   */
  static String statsdChange(StatsdConfig running, StatsdConfig next) {
    String[][] settings = {
      {"host", running.host(), next.host()},
      {"port", String.valueOf(running.port()), String.valueOf(next.port())},
      {"prefix", running.prefix(), next.prefix()},
      {"tags", running.tags().toString(), next.tags().toString()},
      {"flushInterval", running.flushIntervalMillis() + "ms", next.flushIntervalMillis() + "ms"},
      {"resendInterval", running.resendIntervalMillis() + "ms", next.resendIntervalMillis() + "ms"}
    };
    for (String[] setting : settings) {
      if (!setting[1].equals(setting[2])) {
        return setting[0] + " '" + setting[1] + "' -> '" + setting[2] + "'";
      }
    }
    return null;
  }
}
