package dev.walletwatch.agent;

import dev.walletwatch.agent.config.GaugeConfig;
import dev.walletwatch.agent.gauge.ProbeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Turns what one install wove into the lines of a {@link StartReport}, one per gauge. */
final class WeaveSummary {

  private WeaveSummary() {}

  static void report(
      List<GaugeConfig> gauges,
      ProbeRegistry registry,
      Installer.Retransformation retransformation,
      StartReport report) {
    for (String refusal : retransformation.refusals()) {
      report.fail(
          "the JVM refused to retransform "
              + refusal
              + "; that class stays unchanged. Another agent probably added fields or methods to"
              + " it when it loaded; start walletwatch with -javaagent to weave it");
    }
    if (!retransformation.retransformed().isEmpty()) {
      report.line("retransformed loaded classes " + retransformation.retransformed());
    }
    for (GaugeConfig gauge : gauges) {
      report.line(
          gauge.yamlPath()
              + " "
              + gauge.name()
              + ": "
              + outcome(gauge, registry, retransformation.refused()));
    }
  }

  private static String outcome(GaugeConfig gauge, ProbeRegistry registry, Set<String> refused) {
    List<String> woven = new ArrayList<String>();
    for (String method : registry.wovenMethods(gauge)) {
      if (!refused.contains(declaringClass(method))) {
        woven.add(method);
      }
    }
    if (!woven.isEmpty()) {
      return "woven " + woven;
    }
    String rejection = registry.rejection(gauge);
    if (rejection != null) {
      return "not woven: " + rejection;
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
