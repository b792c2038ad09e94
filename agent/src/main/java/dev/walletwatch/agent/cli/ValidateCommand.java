package dev.walletwatch.agent.cli;

import dev.walletwatch.agent.config.AgentConfig;
import dev.walletwatch.agent.config.ConfigException;
import dev.walletwatch.agent.config.ConfigLoader;
import dev.walletwatch.agent.config.GaugeConfig;
import dev.walletwatch.agent.weave.PointcutResolver;
import dev.walletwatch.agent.weave.TypeMatchers;
import java.io.File;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Checks every gauge of a configuration against an application's classes without running it: the
 * class exists, a method matches, and the value and tag paths resolve, with the same checks and
 * messages as the agent at weave time.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check instrumentation.yml against the application's classes without running it.")
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The agent configuration, instrumentation.yml.")
  File config;

  @Option(
      names = {"--classpath", "-cp"},
      required = true,
      paramLabel = "PATH",
      description = "The application's jars and class folders, separated by the path separator.")
  String classPath;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    AgentConfig parsed;
    try {
      parsed = new ConfigLoader(System.getenv()).load(config.toPath());
    } catch (ConfigException e) {
      for (String problem : e.problems()) {
        err.println(problem);
      }
      return 1;
    }
    List<String> problems = new ArrayList<String>();
    try (ClassPath classes = new ClassPath(classPath)) {
      for (GaugeConfig gauge : parsed.gauges()) {
        check(gauge, parsed.source(), classes, problems, out);
      }
    }
    for (String problem : problems) {
      err.println(problem);
    }
    out.println(
        problems.isEmpty()
            ? "ok: " + parsed.gauges().size() + " gauge(s) resolve"
            : problems.size()
                + " problem(s) found; see docs/troubleshooting.md#agent-wove-nothing");
    return problems.isEmpty() ? 0 : 1;
  }

  private static void check(
      GaugeConfig gauge, String source, ClassPath classes, List<String> problems, PrintWriter out) {
    List<TypeDescription> types = matchingTypes(gauge, classes);
    String where = source + ": " + gauge.yamlPath();
    if (types.isEmpty()) {
      problems.add(
          where
              + ".class: no class matching "
              + gauge.classPattern()
              + " on the class path;"
              + " check the name (nested classes are written Outer$Inner)");
      return;
    }
    int woven = 0;
    for (TypeDescription type : types) {
      for (MethodDescription method : type.getDeclaredMethods()) {
        if (!PointcutResolver.methodMatches(gauge.method(), method)) {
          continue;
        }
        PointcutResolver.Resolution resolution = PointcutResolver.resolve(gauge, method);
        if (resolution.error() != null) {
          problems.add(source + ": " + resolution.error());
        } else {
          woven++;
          out.println(
              "ok "
                  + gauge.yamlPath()
                  + " "
                  + gauge.name()
                  + ": "
                  + PointcutResolver.describe(method));
        }
      }
    }
    if (woven == 0 && !hasResolutionProblem(problems, gauge)) {
      problems.add(
          where
              + ".method: no method "
              + gauge.method()
              + " with a body in "
              + names(types)
              + "; check the name and the parameter types, or set subtypes: true for an"
              + " interface or abstract method"
              + gauge.method().unqualifiedTypeHint());
    }
  }

  private static boolean hasResolutionProblem(List<String> problems, GaugeConfig gauge) {
    for (String problem : problems) {
      if (problem.contains(" " + gauge.yamlPath() + ".")) {
        return true;
      }
    }
    return false;
  }

  private static List<TypeDescription> matchingTypes(GaugeConfig gauge, ClassPath classes) {
    List<TypeDescription> types = new ArrayList<TypeDescription>();
    TypePool pool = classes.pool();
    if (gauge.classPattern().isExact() && !gauge.subtypes()) {
      TypePool.Resolution resolution = pool.describe(gauge.classPattern().toString());
      if (resolution.isResolved()) {
        types.add(resolution.resolve());
      }
      return types;
    }
    for (String name : classes.classNames()) {
      TypePool.Resolution resolution = pool.describe(name);
      if (resolution.isResolved() && TypeMatchers.matches(gauge, resolution.resolve())) {
        types.add(resolution.resolve());
      }
    }
    return types;
  }

  private static String names(List<TypeDescription> types) {
    List<String> names = new ArrayList<String>();
    for (TypeDescription type : types) {
      names.add(type.getName());
    }
    return names.toString();
  }
}
