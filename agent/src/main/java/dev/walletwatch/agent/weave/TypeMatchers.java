package dev.walletwatch.agent.weave;

import dev.walletwatch.agent.config.GaugeConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

  /**
   * Returns the matcher for types the agent never transforms, given the gauges of this install.
   * Checks that need only the class name come first, because Byte Buddy reads a class file only
   * when a matcher needs more than the name, and the application loads thousands of classes. When
   * no gauge sets subtypes: true, a class that no gauge names is ignored by its name alone.
   */
  public static ElementMatcher.Junction<TypeDescription> ignored(List<GaugeConfig> gauges) {
    ElementMatcher.Junction<TypeDescription> ignored =
        ElementMatchers.<TypeDescription>nameContains("$$Lambda");
    for (String prefix : IGNORED_PREFIXES) {
      ignored = ignored.or(ElementMatchers.<TypeDescription>nameStartsWith(prefix));
    }
    if (!anySubtypes(gauges)) {
      ignored = ignored.or(ElementMatchers.not(anyGaugeName(gauges)));
    }
    return ignored.or(ElementMatchers.<TypeDescription>isSynthetic());
  }

  private static boolean anySubtypes(List<GaugeConfig> gauges) {
    for (GaugeConfig gauge : gauges) {
      if (gauge.subtypes()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Returns a matcher for types whose name a gauge's class pattern matches; reads the name only.
   */
  private static ElementMatcher.Junction<TypeDescription> anyGaugeName(
      final List<GaugeConfig> gauges) {
    return new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
      @Override
      public boolean matches(TypeDescription type) {
        String name = type.getName();
        for (GaugeConfig gauge : gauges) {
          if (gauge.classPattern().matches(name)) {
            return true;
          }
        }
        return false;
      }
    };
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

  /**
   * Returns the classes among {@code loaded} that any of {@code gauges} names, found through {@code
   * Class} names and reflected super types only, so that no class file is read. Used to retransform
   * just these at start or attach: describing every loaded class through Byte Buddy instead took
   * about 150 ms at each JVM start, when at premain there is usually none.
   */
  public static Set<Class<?>> loadedCandidates(Class<?>[] loaded, List<GaugeConfig> gauges) {
    Set<Class<?>> candidates = new LinkedHashSet<Class<?>>();
    for (Class<?> type : loaded) {
      if (type.isArray() || type.isPrimitive() || isIgnoredName(type.getName())) {
        continue;
      }
      for (GaugeConfig gauge : gauges) {
        if (matchesLoaded(gauge, type)) {
          candidates.add(type);
          break;
        }
      }
    }
    return candidates;
  }

  private static boolean isIgnoredName(String name) {
    for (String prefix : IGNORED_PREFIXES) {
      if (name.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private static boolean matchesLoaded(GaugeConfig gauge, Class<?> type) {
    if (gauge.classPattern().matches(type.getName())) {
      return true;
    }
    if (!gauge.subtypes()) {
      return false;
    }
    try {
      return hasMatchingSuperClass(gauge, type);
    } catch (LinkageError e) {
      // A super type that cannot be linked is not a match, as in matches(...).
      return false;
    }
  }

  private static boolean hasMatchingSuperClass(GaugeConfig gauge, Class<?> type) {
    Class<?> superClass = type.getSuperclass();
    if (superClass != null
        && (gauge.classPattern().matches(superClass.getName())
            || hasMatchingSuperClass(gauge, superClass))) {
      return true;
    }
    for (Class<?> implemented : type.getInterfaces()) {
      if (gauge.classPattern().matches(implemented.getName())
          || hasMatchingSuperClass(gauge, implemented)) {
        return true;
      }
    }
    return false;
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
