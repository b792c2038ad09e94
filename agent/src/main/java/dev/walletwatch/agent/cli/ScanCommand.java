package dev.walletwatch.agent.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.pool.TypePool;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Lists methods that look like they return a balance, with a gauge entry for each. A candidate's
 * name or return type mentions a balance, wallet, position or fund, and it returns a number or a
 * type with a numeric field.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description =
        "List methods that look like balances, wallets, positions or funds, each with a gauge"
            + " entry to paste into instrumentation.yml.")
final class ScanCommand implements Callable<Integer> {

  private static final Pattern CANDIDATE =
      Pattern.compile("(?i).*(balance|wallet|position|fund).*");
  private static final Pattern AMOUNT_NAME =
      Pattern.compile("(?i).*(balance|amount|total|available|free|value|quantity|size).*");

  @Spec CommandSpec spec;

  @Option(
      names = {"--classpath", "-cp"},
      required = true,
      paramLabel = "PATH",
      description = "The application's jars and class folders, separated by the path separator.")
  String classPath;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    int found = 0;
    int skipped = 0;
    try (ClassPath classes = new ClassPath(classPath)) {
      TypePool pool = classes.pool();
      for (String name : classes.classNames()) {
        TypePool.Resolution resolution = pool.describe(name);
        if (!resolution.isResolved()) {
          continue;
        }
        TypeDescription type = resolution.resolve();
        if (type.isSynthetic() || type.isAnnotation()) {
          continue;
        }
        try {
          for (MethodDescription method : type.getDeclaredMethods()) {
            String entry = candidate(type, method);
            if (entry != null) {
              out.print(entry);
              found++;
            }
          }
        } catch (RuntimeException e) {
          // A type that refers to classes missing from the class path cannot be described.
          skipped++;
        }
      }
    }
    out.println(
        found == 0
            ? "# no candidate methods found"
            : "# " + found + " candidate(s); paste the entries you want under gauges:");
    if (skipped > 0) {
      out.println(
          "# "
              + skipped
              + " class(es) skipped because they refer to classes missing from the"
              + " class path; add the application's libraries to --classpath");
    }
    return 0;
  }

  /** Returns a commented gauge entry for {@code method}, or null when it is no candidate. */
  static String candidate(TypeDescription type, MethodDescription method) {
    if (!method.isMethod()
        || method.isAbstract()
        || method.isSynthetic()
        || method.isBridge()
        || method.getName().startsWith("lambda$")) {
      return null;
    }

    TypeDescription returned = method.getReturnType().asErasure();
    if (!CANDIDATE.matcher(method.getName()).matches()
        && !CANDIDATE.matcher(localName(returned.getName())).matches()) {
      return null;
    }

    String value;
    if (isNumber(returned)) {
      value = "return";
    } else {
      String field = numericMember(returned);
      if (field == null) {
        return null;
      }
      value = "return." + field;
    }

    StringBuilder entry = new StringBuilder();
    entry
        .append("# ")
        .append(describe(method))
        .append(" returns ")
        .append(returned.getActualName());
    entry.append('\n');
    entry.append("  - name: ").append(metricName(type, method)).append('\n');
    entry.append("    class: ").append(type.getName()).append('\n');
    entry.append("    method: ").append(describe(method).substring(type.getName().length() + 1));
    entry.append('\n');
    entry.append("    value: ").append(value).append('\n');
    int tagArgument = firstTextParameter(method);
    if (tagArgument >= 0) {
      entry
          .append("    tags:\n      key: ${arg")
          .append(tagArgument)
          .append("}   # name the key\n");
    }
    return entry.append('\n').toString();
  }

  private static boolean isNumber(TypeDescription type) {
    if (type.isPrimitive()) {
      return !type.represents(boolean.class)
          && !type.represents(char.class)
          && !type.represents(void.class);
    }
    try {
      return type.isAssignableTo(Number.class);
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Returns the name of a numeric field of an application type, amount-like names first. */
  private static String numericMember(TypeDescription type) {
    if (type.isPrimitive() || type.isArray() || type.getName().startsWith("java.")) {
      return null;
    }
    String first = null;
    try {
      for (TypeDefinition current = type; current != null; current = current.getSuperClass()) {
        if (current.asErasure().getName().startsWith("java.")) {
          break;
        }
        for (FieldDescription field : current.getDeclaredFields()) {
          if (field.isStatic() || !isNumber(field.getType().asErasure())) {
            continue;
          }
          if (AMOUNT_NAME.matcher(field.getName()).matches()) {
            return field.getName();
          }
          if (first == null) {
            first = field.getName();
          }
        }
      }
    } catch (RuntimeException e) {
      // A super class missing from the class path ends the search.
    }
    return first;
  }

  private static int firstTextParameter(MethodDescription method) {
    for (ParameterDescription parameter : method.getParameters()) {
      TypeDescription type = parameter.getType().asErasure();
      if (type.represents(String.class) || type.isEnum()) {
        return parameter.getIndex();
      }
    }
    return -1;
  }

  private static String describe(MethodDescription method) {
    StringBuilder text =
        new StringBuilder(method.getDeclaringType().asErasure().getName())
            .append('.')
            .append(method.getName())
            .append('(');
    for (int i = 0; i < method.getParameters().size(); i++) {
      text.append(i == 0 ? "" : ", ")
          .append(method.getParameters().get(i).getType().asErasure().getActualName());
    }
    return text.append(')').toString();
  }

  /** Suggests {@code app.wallet.balance_of} from the class's simple name and the method name. */
  private static String metricName(TypeDescription type, MethodDescription method) {
    String local = localName(type.getName());
    String simple = local.substring(local.lastIndexOf('$') + 1);
    String metric = "app." + snake(simple) + "." + snake(method.getName());
    return metric.replaceAll("[^a-z0-9_.]", "_");
  }

  /** Returns the class name without its package, such as {@code Wallet$Account}. */
  private static String localName(String binaryName) {
    return binaryName.substring(binaryName.lastIndexOf('.') + 1);
  }

  private static String snake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }
}
