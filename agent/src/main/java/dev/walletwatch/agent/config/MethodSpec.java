package dev.walletwatch.agent.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code method} of a gauge: a name alone, which matches every overload, or a name with the
 * parameter types as erased Java type names, as in {@code balanceOf(java.lang.String)}.
 */
public final class MethodSpec {

  private static final Pattern NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Pattern TYPE = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$.]*(\\[\\])*");

  private final String name;
  private final List<String> parameterTypes;

  private MethodSpec(String name, List<String> parameterTypes) {
    this.name = name;
    this.parameterTypes = parameterTypes;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException when it is not a method name with optional parameter list
   */
  public static MethodSpec parse(String text) {
    String trimmed = text.trim();
    int open = trimmed.indexOf('(');
    String name = open < 0 ? trimmed : trimmed.substring(0, open).trim();
    if (!NAME.matcher(name).matches()) {
      throw invalid(text);
    }
    if (open < 0) {
      return new MethodSpec(name, null);
    }
    if (!trimmed.endsWith(")")) {
      throw invalid(text);
    }
    String inner = trimmed.substring(open + 1, trimmed.length() - 1).trim();
    List<String> types = new ArrayList<String>();
    if (!inner.isEmpty()) {
      for (String type : inner.split(",", -1)) {
        String t = type.trim();
        if (!TYPE.matcher(t).matches()) {
          throw invalid(text);
        }
        types.add(t);
      }
    }
    return new MethodSpec(name, Collections.unmodifiableList(types));
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "'"
            + text
            + "' is not a method; write a name such as balanceOf, or a name with the"
            + " fully qualified parameter types such as balanceOf(java.lang.String, int)");
  }

  public String name() {
    return name;
  }

  /** Returns the parameter type names, or null when every overload matches. */
  public List<String> parameterTypes() {
    return parameterTypes;
  }

  /**
   * Returns advice for a "no such method" message when a parameter type is written without its
   * package (such as {@code String}), which never matches because types are compared by their fully
   * qualified names; otherwise an empty string.
   */
  public String unqualifiedTypeHint() {
    if (parameterTypes == null) {
      return "";
    }
    for (String type : parameterTypes) {
      String element = type.replace("[]", "");
      if (element.indexOf('.') < 0 && !PRIMITIVES.contains(element)) {
        return "; parameter types are matched by their fully qualified names, so write"
            + " java.lang.String rather than String ('"
            + type
            + "' has no package)";
      }
    }
    return "";
  }

  private static final List<String> PRIMITIVES =
      Arrays.asList("boolean", "byte", "char", "short", "int", "long", "float", "double");

  @Override
  public String toString() {
    if (parameterTypes == null) {
      return name;
    }
    StringBuilder text = new StringBuilder(name).append('(');
    for (int i = 0; i < parameterTypes.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(parameterTypes.get(i));
    }
    return text.append(')').toString();
  }
}
