package dev.walletwatch.agent.weave;

import dev.walletwatch.agent.AgentLog;
import dev.walletwatch.agent.bootstrap.Dispatcher;
import dev.walletwatch.agent.config.AgentConfig;
import dev.walletwatch.agent.config.GaugeConfig;
import dev.walletwatch.agent.gauge.GaugeProbe;
import dev.walletwatch.agent.gauge.ProbeRegistry;
import java.security.ProtectionDomain;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;

/**
 * Weaves the gauges of one class: for each gauge naming the class and each matching method, it
 * resolves the paths, registers a probe and adds the exit advice. A method whose path does not
 * resolve is reported once and left unchanged.
 */
public final class GaugeTransformer implements AgentBuilder.Transformer {

  private final AgentConfig config;
  private final ProbeRegistry registry;

  public GaugeTransformer(AgentConfig config, ProbeRegistry registry) {
    this.config = config;
    this.registry = registry;
  }

  @Override
  public DynamicType.Builder<?> transform(
      DynamicType.Builder<?> builder,
      TypeDescription type,
      ClassLoader classLoader,
      JavaModule module,
      ProtectionDomain protectionDomain) {
    for (GaugeConfig gauge : config.gauges()) {
      if (!TypeMatchers.matches(gauge, type)) {
        continue;
      }
      registry.noteTypeMatched(gauge, type.getName());
      for (MethodDescription method : type.getDeclaredMethods()) {
        if (PointcutResolver.methodMatches(gauge.method(), method)) {
          builder = weave(builder, gauge, method, classLoader);
        }
      }
    }
    return builder;
  }

  private DynamicType.Builder<?> weave(
      DynamicType.Builder<?> builder,
      GaugeConfig gauge,
      MethodDescription method,
      ClassLoader classLoader) {
    String where = PointcutResolver.describe(method);
    PointcutResolver.Resolution resolution = PointcutResolver.resolve(gauge, method);
    if (resolution.error() != null) {
      registry.noteRejected(gauge);
      AgentLog.failure(
          "resolve " + gauge.index() + " " + where,
          config.source() + ": " + resolution.error() + "; the method is left unchanged");
      return builder;
    }
    String key = ProbeRegistry.key(gauge, classLoader, where);
    Integer id = registry.idFor(key);
    if (id == null) {
      String metric = config.statsd().metricName(gauge.name());
      GaugeProbe probe = new GaugeProbe(gauge, metric, where);
      id = Dispatcher.register(probe);
      registry.add(key, id, probe);
      AgentLog.info(
          "woven "
              + where
              + " in class loader "
              + describe(classLoader)
              + " as gauge "
              + metric
              + " ("
              + gauge.yamlPath()
              + ")");
    }
    return builder.visit(AdviceFactory.advice(id, gauge, method, resolution.primitiveValue()));
  }

  private static String describe(ClassLoader classLoader) {
    if (classLoader == null) {
      return "bootstrap";
    }
    return classLoader.getClass().getName()
        + "@"
        + Integer.toHexString(System.identityHashCode(classLoader));
  }
}
