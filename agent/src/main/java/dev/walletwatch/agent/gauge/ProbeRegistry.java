package dev.walletwatch.agent.gauge;

import dev.walletwatch.agent.config.GaugeConfig;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The probes woven so far and, per gauge, what the weaver saw. A method that is transformed again
 * (by a later retransformation or a second attach) keeps its probe id, so its series continue.
 * Gauges are told apart by {@link GaugeConfig#definition()}, not by their position, because a
 * reloaded configuration may put a different gauge at the same position.
 */
public final class ProbeRegistry {

  private final Map<String, Integer> idsByKey = new ConcurrentHashMap<String, Integer>();
  private final List<GaugeProbe> probes = new CopyOnWriteArrayList<GaugeProbe>();
  private final Map<String, Set<String>> matchedTypes =
      new ConcurrentHashMap<String, Set<String>>();
  private final Map<String, String> rejected = new ConcurrentHashMap<String, String>();

  /**
   * Returns the probe id registered for {@code key}, or null.
   *
   * @param key identifies gauge, class loader and method, see {@link #key}
   */
  public Integer idFor(String key) {
    return idsByKey.get(key);
  }

  /** Returns the registry key of a gauge woven into a method of a class in a class loader. */
  public static String key(GaugeConfig gauge, Object classLoader, String methodSignature) {
    return gauge.definition() + "|" + System.identityHashCode(classLoader) + "|" + methodSignature;
  }

  /** Records a newly woven probe. */
  public void add(String key, int id, GaugeProbe probe) {
    if (idsByKey.putIfAbsent(key, id) == null) {
      probes.add(probe);
    }
  }

  /** Records that a class matched a gauge's {@code class}, whether or not a method was woven. */
  public void noteTypeMatched(GaugeConfig gauge, String typeName) {
    Set<String> types = matchedTypes.get(gauge.definition());
    if (types == null) {
      matchedTypes.putIfAbsent(
          gauge.definition(), Collections.newSetFromMap(new ConcurrentHashMap<String, Boolean>()));
      types = matchedTypes.get(gauge.definition());
    }
    types.add(typeName);
  }

  /**
   * Records that a matching method was not woven because its path did not resolve; the first
   * message is kept for {@link #rejection}.
   */
  public void noteRejected(GaugeConfig gauge, String message) {
    rejected.putIfAbsent(gauge.definition(), message);
  }

  public List<GaugeProbe> probes() {
    return probes;
  }

  /**
   * Returns one warning for each gauge that has no woven method, saying why, as far as the weaver
   * can tell.
   */
  /** The troubleshooting entry that every "not woven" warning points to. */
  static final String TROUBLESHOOTING = "docs/troubleshooting.md#agent-wove-nothing";

  public List<String> unwovenWarnings(List<GaugeConfig> gauges, String source, long graceMillis) {
    List<String> warnings = new ArrayList<String>();
    for (GaugeConfig gauge : gauges) {
      if (wovenCount(gauge) > 0) {
        continue;
      }
      String where = source + ": " + gauge.yamlPath() + " (" + gauge.name() + "): ";
      Set<String> types = matchedTypes.get(gauge.definition());
      if (types == null || types.isEmpty()) {
        warnings.add(
            where
                + "no class matching "
                + gauge.classPattern()
                + " was loaded within "
                + graceMillis
                + " ms; check the class name, or ignore this if the class loads"
                + " later");
      } else if (rejected.containsKey(gauge.definition())) {
        warnings.add(
            where
                + "no method was woven because its value or tag path did not resolve (see the"
                + " error above); fix the path");
      } else {
        warnings.add(
            where
                + "class "
                + types
                + " loaded but has no method "
                + gauge.method()
                + " with a body; check the method name and parameter types, or set subtypes:"
                + " true for an interface or abstract method"
                + gauge.method().unqualifiedTypeHint());
      }
    }
    for (int i = 0; i < warnings.size(); i++) {
      warnings.set(i, warnings.get(i) + "; see " + TROUBLESHOOTING);
    }
    return warnings;
  }

  private int wovenCount(GaugeConfig gauge) {
    return wovenMethods(gauge).size();
  }

  /**
   * Returns the methods woven for {@code gauge} so far, such as {@code com.acme.Wallet.total()}.
   */
  public List<String> wovenMethods(GaugeConfig gauge) {
    List<String> methods = new ArrayList<String>();
    for (GaugeProbe probe : probes) {
      if (probe.gauge().definition().equals(gauge.definition())) {
        methods.add(probe.location());
      }
    }
    return methods;
  }

  /**
   * Returns why a matching method of {@code gauge} was not woven, or null when every matching
   * method resolved.
   */
  public String rejection(GaugeConfig gauge) {
    return rejected.get(gauge.definition());
  }

  /** Returns the classes seen so far that match {@code gauge}'s {@code class}. */
  public Set<String> matchedTypes(GaugeConfig gauge) {
    Set<String> types = matchedTypes.get(gauge.definition());
    return types == null ? Collections.<String>emptySet() : types;
  }
}
