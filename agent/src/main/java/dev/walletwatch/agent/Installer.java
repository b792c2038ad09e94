package dev.walletwatch.agent;

import dev.walletwatch.agent.config.AgentConfig;
import dev.walletwatch.agent.config.GaugeConfig;
import dev.walletwatch.agent.config.StatsdConfig;
import dev.walletwatch.agent.gauge.Flusher;
import dev.walletwatch.agent.gauge.ProbeRegistry;
import dev.walletwatch.agent.gauge.StatsdConnection;
import dev.walletwatch.agent.weave.GaugeTransformer;
import dev.walletwatch.agent.weave.TypeMatchers;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the weaver and starts the flusher. Runs after the dispatcher is in the bootstrap class
 * loader, because the classes it loads refer to it.
 */
final class Installer {

  /**
   * Byte Buddy limited to what exit advice on declared methods needs. An agent that runs before
   * this one may add an interface that can be found neither as a class file nor as a loaded class
   * while the class loads. The OpenTelemetry Java agent 2.20.1 does so for Runnable
   * implementations. Byte Buddy's default method graph walks every interface and fails on such a
   * class, so only the declared methods are analysed, and the generated class is not validated
   * against its super types.
   */
  private static final ByteBuddy BYTE_BUDDY =
      new ByteBuddy()
          .with(TypeValidation.DISABLED)
          .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE);

  private Installer() {}

  /**
   * Installs a weaver for {@code gauges}. Classes already loaded (at attach time, or named again by
   * a reload) are retransformed when one of these gauges names them, and only those.
   *
   * @return the loaded classes that the JVM retransformed, and those it rejected
   */
  static Retransformation weave(
      Instrumentation instrumentation,
      List<GaugeConfig> gauges,
      StatsdConfig statsd,
      String source,
      ProbeRegistry registry) {
    Retransformation retransformation = new Retransformation();
    AgentBuilder builder = newAgentBuilder().disableClassFormatChanges();
    Set<Class<?>> loaded =
        TypeMatchers.loadedCandidates(instrumentation.getAllLoadedClasses(), gauges);
    if (!loaded.isEmpty()) {
      // Only the loaded classes that a gauge names are retransformed. At premain there are
      // usually none, so the builder then only registers for classes that load later.
      builder =
          builder
              .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
              // One class a batch, so that a class the JVM rejects does not hold back the others.
              .with(AgentBuilder.RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(1))
              .with(new AgentBuilder.RedefinitionStrategy.DiscoveryStrategy.Explicit(loaded))
              .with(retransformation);
    }
    builder
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(new ErrorListener())
        .ignore(TypeMatchers.ignored(gauges))
        .type(TypeMatchers.anyGauge(gauges))
        .transform(new GaugeTransformer(gauges, statsd, source, registry))
        .installOn(instrumentation);
    return retransformation;
  }

  /** Starts the flusher thread, which also runs the start-up checks and the grace-period check. */
  static void startFlusher(final AgentConfig config, final ProbeRegistry registry) {
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
      return new AgentBuilder.Default(BYTE_BUDDY);
    } finally {
      if (previous == null) {
        System.clearProperty(Nexus.PROPERTY);
      } else {
        System.setProperty(Nexus.PROPERTY, previous);
      }
    }
  }

  /**
   * The loaded classes that one install retransformed, and those whose retransformation the JVM
   * rejected. The JVM rejects a new class file that adds or removes a field, method or interface of
   * the loaded class. That happens when another agent changed the class's shape when it loaded and
   * does not repeat the change on retransformation.
   */
  static final class Retransformation extends AgentBuilder.RedefinitionStrategy.Listener.Adapter {

    private final Set<String> retransformed = new TreeSet<String>();
    private final List<String> rejections = new ArrayList<String>();
    private final Set<String> rejected = new TreeSet<String>();

    @Override
    public void onBatch(int index, List<Class<?>> batch, List<Class<?>> types) {
      for (Class<?> type : batch) {
        retransformed.add(type.getName());
      }
    }

    @Override
    public Iterable<? extends List<Class<?>>> onError(
        int index, List<Class<?>> batch, Throwable throwable, List<Class<?>> types) {
      List<String> names = new ArrayList<String>();
      for (Class<?> type : batch) {
        names.add(type.getName());
        retransformed.remove(type.getName());
        rejected.add(type.getName());
      }
      rejections.add(names + ": " + throwable);
      return Collections.<List<Class<?>>>emptyList();
    }

    @Override
    public void onComplete(
        int amount, List<Class<?>> types, Map<List<Class<?>>, Throwable> failures) {
      // onBatch and onError have recorded everything.
    }

    /** Returns the names of the loaded classes that were retransformed. */
    Set<String> retransformed() {
      return retransformed;
    }

    /** Returns the names of the loaded classes whose retransformation the JVM rejected. */
    Set<String> rejected() {
      return rejected;
    }

    /** Returns one text per rejected batch: the class names and the JVM's error. */
    List<String> rejections() {
      return rejections;
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
