package dev.walletwatch.agent.weave;

import dev.walletwatch.agent.config.GaugeConfig;
import dev.walletwatch.agent.config.MethodSpec;
import dev.walletwatch.agent.config.TagTemplate;
import dev.walletwatch.agent.config.ValuePath;
import java.util.List;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;

/**
 * Matches gauge methods and resolves value and tag paths against declared types, before a method is
 * woven. Works on Byte Buddy type descriptions, so the offline {@code validate} command runs the
 * same checks from a {@code TypePool} without loading classes.
 */
public final class PointcutResolver {

  private PointcutResolver() {}

  /** The outcome of resolving one gauge on one method. */
  public static final class Resolution {
    private final String error;
    private final boolean primitiveValue;

    private Resolution(String error, boolean primitiveValue) {
      this.error = error;
      this.primitiveValue = primitiveValue;
    }

    /**
     * Returns the problem, naming the YAML path and the fix, or null when the pointcut resolves.
     */
    public String error() {
      return error;
    }

    /** Returns whether the value is a primitive number passed to the advice as a double. */
    public boolean primitiveValue() {
      return primitiveValue;
    }
  }

  /** Returns whether {@code method} is one the gauge's {@code method} names and can be woven. */
  public static boolean methodMatches(MethodSpec spec, MethodDescription method) {
    if (!method.isMethod()
        || method.isAbstract()
        || method.isNative()
        || method.isBridge()
        || method.isSynthetic()
        || !method.getName().equals(spec.name())) {
      return false;
    }
    List<String> expected = spec.parameterTypes();
    if (expected == null) {
      return true;
    }
    List<ParameterDescription.InDefinedShape> actual = method.asDefined().getParameters();
    if (actual.size() != expected.size()) {
      return false;
    }
    for (int i = 0; i < actual.size(); i++) {
      if (!actual.get(i).getType().asErasure().getActualName().equals(expected.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Returns {@code Owner.method(ParamType, ...)} for messages. */
  public static String describe(MethodDescription method) {
    StringBuilder text =
        new StringBuilder(method.getDeclaringType().asErasure().getName())
            .append('.')
            .append(method.getName())
            .append('(');
    List<? extends ParameterDescription> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      text.append(i == 0 ? "" : ", ")
          .append(parameters.get(i).getType().asErasure().getActualName());
    }
    return text.append(')').toString();
  }

  /** Resolves the gauge's value and tag paths on {@code method}. */
  public static Resolution resolve(GaugeConfig gauge, MethodDescription method) {
    String where = describe(method);
    ValuePath value = gauge.value();
    TypeDescription type;
    try {
      type = rootType(value, method);
      for (String step : value.steps()) {
        type = step(type, step, value);
      }
    } catch (IllegalArgumentException e) {
      return failed(gauge.yamlPath() + ".value", value, where, e.getMessage());
    }
    if (type.isPrimitive()) {
      if (!isNumericPrimitive(type)) {
        return failed(
            gauge.yamlPath() + ".value",
            value,
            where,
            "it is a " + type.getName() + ", which is not a number; point it at a numeric value");
      }
    } else if (!isNumericReference(type)) {
      return failed(
          gauge.yamlPath() + ".value",
          value,
          where,
          "it is a "
              + type.getActualName()
              + ", which is not a number; point it at a primitive"
              + " number, a Number such as BigDecimal or AtomicLong, or a numeric String");
    }
    for (TagTemplate tag : gauge.tags()) {
      if (!tag.isExpression()) {
        continue;
      }
      ValuePath expression = tag.expression();
      try {
        TypeDescription tagType = rootType(expression, method);
        for (String step : expression.steps()) {
          tagType = step(tagType, step, expression);
        }
      } catch (IllegalArgumentException e) {
        return failed(gauge.yamlPath() + ".tags." + tag.key(), expression, where, e.getMessage());
      }
    }
    boolean primitive = value.steps().isEmpty() && type.isPrimitive();
    return new Resolution(null, primitive);
  }

  private static Resolution failed(String yamlPath, ValuePath path, String where, String why) {
    return new Resolution(
        yamlPath + ": '" + path + "' does not resolve on " + where + ": " + why, false);
  }

  private static TypeDescription rootType(ValuePath path, MethodDescription method) {
    switch (path.root()) {
      case RETURN:
        TypeDescription returned = method.getReturnType().asErasure();
        if (returned.represents(void.class)) {
          throw new IllegalArgumentException("the method returns void; use argN or this");
        }
        return returned;
      case ARGUMENT:
        int count = method.getParameters().size();
        if (path.argumentIndex() >= count) {
          throw new IllegalArgumentException(
              "the method has "
                  + count
                  + " parameter(s), so arg"
                  + path.argumentIndex()
                  + " does not exist; count from arg0");
        }
        return method.getParameters().get(path.argumentIndex()).getType().asErasure();
      default:
        if (method.isStatic()) {
          throw new IllegalArgumentException("the method is static; use return or argN");
        }
        return method.getDeclaringType().asErasure();
    }
  }

  private static TypeDescription step(TypeDescription type, String name, ValuePath path) {
    if (type.isPrimitive() || type.isArray()) {
      throw new IllegalArgumentException(
          type.getActualName() + " has no fields; remove the steps after it");
    }
    for (TypeDefinition current = type; current != null; current = current.getSuperClass()) {
      for (FieldDescription field : current.getDeclaredFields()) {
        if (field.getName().equals(name)) {
          return field.getType().asErasure();
        }
      }
    }
    String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (String candidate : new String[] {"get" + capitalized, "is" + capitalized, name}) {
      MethodDescription getter = findGetter(type, candidate);
      if (getter != null) {
        return getter.getReturnType().asErasure();
      }
    }
    throw new IllegalArgumentException(
        type.getName()
            + " has no field "
            + name
            + " and no no-argument getter get"
            + capitalized
            + "(), is"
            + capitalized
            + "() or "
            + name
            + "(); fix the step '"
            + name
            + "'");
  }

  private static MethodDescription findGetter(TypeDefinition type, String name) {
    if (type == null) {
      return null;
    }
    for (MethodDescription method : type.getDeclaredMethods()) {
      if (method.isMethod()
          && method.getName().equals(name)
          && method.getParameters().isEmpty()
          && !method.getReturnType().represents(void.class)
          && !method.isBridge()) {
        return method;
      }
    }
    MethodDescription inherited = findGetter(type.getSuperClass(), name);
    if (inherited != null) {
      return inherited;
    }
    for (TypeDefinition implemented : type.getInterfaces()) {
      MethodDescription fromInterface = findGetter(implemented, name);
      if (fromInterface != null) {
        return fromInterface;
      }
    }
    return null;
  }

  private static boolean isNumericPrimitive(TypeDescription type) {
    return !type.represents(boolean.class)
        && !type.represents(char.class)
        && !type.represents(void.class);
  }

  private static boolean isNumericReference(TypeDescription type) {
    return type.represents(Object.class)
        || type.represents(String.class)
        || type.represents(CharSequence.class)
        || type.isAssignableTo(Number.class);
  }
}
