package dev.walletwatch.agent;

import dev.walletwatch.agent.config.AgentConfig;
import dev.walletwatch.agent.gauge.Flusher;
import dev.walletwatch.agent.gauge.ProbeRegistry;
import dev.walletwatch.agent.gauge.StatsdConnection;
import dev.walletwatch.agent.weave.GaugeTransformer;
import dev.walletwatch.agent.weave.TypeMatchers;
import java.lang.instrument.Instrumentation;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the weaver and starts the flusher. Runs after the dispatcher is in the bootstrap class
 * loader, because the classes it loads refer to it.
 */
final class Installer {

  private Installer() {}

  /**
   * Installs; classes already loaded (at attach time) are retransformed when a gauge names them.
   */
  static void install(Instrumentation instrumentation, final AgentConfig config) {
    final ProbeRegistry registry = new ProbeRegistry();
    newAgentBuilder()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(new ErrorListener())
        .ignore(TypeMatchers.ignored())
        .type(TypeMatchers.anyGauge(config.gauges()))
        .transform(new GaugeTransformer(config, registry))
        .installOn(instrumentation);
    Runnable graceCheck =
        new Runnable() {
          @Override
          public void run() {
            List<String> warnings =
                registry.unwovenWarnings(
                    config.gauges(), config.source(), config.gracePeriodMillis());
            for (String warning : warnings) {
              AgentLog.warn(warning);
            }
          }
        };
    new Flusher(
            new StatsdConnection(config.statsd()),
            registry,
            config.statsd(),
            new StartupChecks(config.statsd().host(), config.statsd().port()),
            graceCheck,
            config.gracePeriodMillis())
        .start();
  }

  /**
   * Creates the agent builder with Byte Buddy's nexus turned off. The nexus serves the self
   * injection initialization strategy, which this agent does not use (it installs {@code NoOp}),
   * and looking it up at construction probes {@code sun.misc.Unsafe}, which prints four deprecation
   * warnings into the host's stderr on JDK 24 and newer. The property is the relocated copy's own,
   * so a Byte Buddy that the application ships is not affected, and it is removed again once the
   * nexus lookup has run.
   */
  private static AgentBuilder newAgentBuilder() {
    String previous = System.getProperty(Nexus.PROPERTY);
    System.setProperty(Nexus.PROPERTY, "true");
    try {
      return new AgentBuilder.Default();
    } finally {
      if (previous == null) {
        System.clearProperty(Nexus.PROPERTY);
      } else {
        System.setProperty(Nexus.PROPERTY, previous);
      }
    }
  }

  /** Reports classes that Byte Buddy failed to transform; the class itself stays unchanged. */
  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(
        String typeName,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        Throwable error) {
      AgentLog.failure(
          "weave " + typeName,
          "weaving " + typeName + " failed, the class is left unchanged: " + error);
    }

    @Override
    public void onTransformation(
        TypeDescription type,
        ClassLoader classLoader,
        JavaModule module,
        boolean loaded,
        DynamicType dynamicType) {
      // Each woven method is logged by the transformer.
    }
  }
}
