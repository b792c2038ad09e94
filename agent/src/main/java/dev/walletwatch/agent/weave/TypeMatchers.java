package dev.walletwatch.agent.weave;

import dev.walletwatch.agent.config.GaugeConfig;
import java.util.List;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;

/** Type matchers for the classes the gauges name and the packages the agent never weaves. */
public final class TypeMatchers {

  /**
   * Packages never woven: the JDK, the agent itself, and other agents whose classes would be
   * changed under them.
   */
  private static final String[] IGNORED_PREFIXES = {
    "java.",
    "javax.",
    "jdk.",
    "sun.",
    "com.sun.",
    "dev.walletwatch.agent.",
    "net.bytebuddy.",
    "datadog.",
    "com.datadog.",
    "io.opentelemetry.javaagent.",
    "co.elastic.apm.",
    "com.newrelic.",
    "org.glowroot.",
    "com.dynatrace.",
    "org.apache.skywalking.",
    "io.sentry.",
    "kotlin.",
    "scala."
  };

  private TypeMatchers() {}

  /** Returns the matcher for types the agent never transforms. */
  public static ElementMatcher.Junction<TypeDescription> ignored() {
    ElementMatcher.Junction<TypeDescription> ignored = ElementMatchers.isSynthetic();
    for (String prefix : IGNORED_PREFIXES) {
      ignored = ignored.or(ElementMatchers.<TypeDescription>nameStartsWith(prefix));
    }
    return ignored.or(ElementMatchers.<TypeDescription>nameContains("$$Lambda"));
  }

  /** Returns a matcher for types that any of {@code gauges} names. */
  public static ElementMatcher<TypeDescription> anyGauge(final List<GaugeConfig> gauges) {
    return new ElementMatcher<TypeDescription>() {
      @Override
      public boolean matches(TypeDescription type) {
        for (GaugeConfig gauge : gauges) {
          if (TypeMatchers.matches(gauge, type)) {
            return true;
          }
        }
        return false;
      }
    };
  }

  /**
   * Returns whether {@code type} is one the gauge names: by exact name or pattern, and with {@code
   * subtypes: true} also any class or interface below a named one.
   */
  public static boolean matches(GaugeConfig gauge, TypeDefinition type) {
    if (gauge.classPattern().matches(type.asErasure().getName())) {
      return true;
    }
    if (!gauge.subtypes()) {
      return false;
    }
    try {
      return hasMatchingSuperType(gauge, type);
    } catch (RuntimeException e) {
      // A super type that cannot be described (missing from the class path) is not a match.
      return false;
    }
  }

  private static boolean hasMatchingSuperType(GaugeConfig gauge, TypeDefinition type) {
    TypeDefinition superClass = type.getSuperClass();
    if (superClass != null
        && (gauge.classPattern().matches(superClass.asErasure().getName())
            || hasMatchingSuperType(gauge, superClass))) {
      return true;
    }
    for (TypeDefinition implemented : type.getInterfaces()) {
      if (gauge.classPattern().matches(implemented.asErasure().getName())
          || hasMatchingSuperType(gauge, implemented)) {
        return true;
      }
    }
    return false;
  }
}
