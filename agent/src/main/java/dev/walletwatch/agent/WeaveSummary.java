package dev.walletwatch.agent;

import dev.walletwatch.agent.config.GaugeConfig;
import dev.walletwatch.agent.gauge.ProbeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns what one install wove into the lines of a {@link StartReport}, one per gauge. */
final class WeaveSummary {

  private WeaveSummary() {}

  /**
   * Records one line per gauge and one failure per class whose retransformation the JVM rejected.
   *
   * @return the gauges that have at least one woven method that the JVM accepted
   */
  static List<GaugeConfig> report(
      List<GaugeConfig> gauges,
      ProbeRegistry registry,
      Installer.Retransformation retransformation,
      StartReport report) {
    for (String rejection : retransformation.rejections()) {
      report.fail(
          "the JVM rejected the retransformation of "
              + rejection
              + "; that class stays unchanged. Another agent probably changed its fields, methods or"
              + " interfaces when it loaded and does not repeat that on retransformation; start"
              + " walletwatch with -javaagent to weave it");
    }
    if (!retransformation.retransformed().isEmpty()) {
      report.line("retransformed loaded classes " + retransformation.retransformed());
    }
    List<GaugeConfig> woven = new ArrayList<GaugeConfig>();
    for (GaugeConfig gauge : gauges) {
      List<String> methods = new ArrayList<String>();
      List<String> rejectedMethods = new ArrayList<String>();
      for (String method : registry.wovenMethods(gauge)) {
        boolean rejected = retransformation.rejected().contains(declaringClass(method));
        (rejected ? rejectedMethods : methods).add(method);
      }
      String prefix = gauge.yamlPath() + " " + gauge.name() + ": ";
      if (!methods.isEmpty()) {
        woven.add(gauge);
        report.line(prefix + "woven " + methods);
      } else if (!rejectedMethods.isEmpty()) {
        report.line(
            prefix + "not woven: the JVM rejected the retransformation of " + rejectedMethods);
      } else {
        report.line(prefix + unwovenReason(gauge, registry));
      }
    }
    return woven;
  }

  private static String unwovenReason(GaugeConfig gauge, ProbeRegistry registry) {
    String pathError = registry.rejection(gauge);
    if (pathError != null) {
      return "not woven: " + pathError;
    }
    Set<String> types = registry.matchedTypes(gauge);
    if (!types.isEmpty()) {
      return "not woven: loaded class(es) "
          + types
          + " have no method "
          + gauge.method()
          + " with a body";
    }
    return "no loaded class matches " + gauge.classPattern() + " yet; it is woven when one loads";
  }

  /** Returns {@code com.acme.Wallet} for a method such as {@code com.acme.Wallet.total()}. */
  static String declaringClass(String method) {
    int parenthesis = method.indexOf('(');
    String name = parenthesis < 0 ? method : method.substring(0, parenthesis);
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }
}
