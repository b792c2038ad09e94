package dev.walletwatch.agent.gauge;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Follows the steps of a value path (fields or no-argument getters) on live objects. The weaver has
 * already checked the steps against the declared types; here each step is bound to a {@link
 * MethodHandle} for the runtime class on first use and reused while that class stays the same.
 *
 * <p>NOTE: a final step of primitive type is boxed by the handle's {@code (Object)Object} type;
 * escape analysis usually removes it, but it is not guaranteed to be allocation-free.
 */
public final class RuntimePath {

  private static final MethodType OBJECT_TO_OBJECT =
      MethodType.methodType(Object.class, Object.class);

  private final String[] steps;

  /** Bound steps. Racy writes are safe: a {@link Step} is immutable. */
  private final Step[] bound;

  /** Creates a path with the steps after the root. */
  public RuntimePath(List<String> steps) {
    this.steps = steps.toArray(new String[0]);
    this.bound = new Step[this.steps.length];
  }

  /** Returns whether the path is only its root. */
  public boolean isRoot() {
    return steps.length == 0;
  }

  /** Returns the value at the end of the path, or null when a step yields null. */
  public Object read(Object root) throws Throwable {
    Object current = root;
    for (int i = 0; i < steps.length; i++) {
      if (current == null) {
        return null;
      }
      Step step = bound[i];
      if (step == null || step.owner != current.getClass()) {
        step = bind(steps[i], current.getClass());
        bound[i] = step;
      }
      current = (Object) step.handle.invokeExact(current);
    }
    return current;
  }

  private static Step bind(String name, Class<?> owner) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup = MethodHandles.lookup();
    Field field = findField(owner, name);
    if (field != null) {
      field.setAccessible(true);
      MethodHandle getter = lookup.unreflectGetter(field);
      if (Modifier.isStatic(field.getModifiers())) {
        getter = MethodHandles.dropArguments(getter, 0, Object.class);
      }
      return new Step(owner, getter.asType(OBJECT_TO_OBJECT));
    }
    Method method = findGetter(owner, name);
    if (method == null) {
      throw new NoSuchFieldException(
          "no field or no-argument getter '" + name + "' on " + owner.getName());
    }
    method.setAccessible(true);
    MethodHandle getter = lookup.unreflect(method);
    if (Modifier.isStatic(method.getModifiers())) {
      getter = MethodHandles.dropArguments(getter, 0, Object.class);
    }
    return new Step(owner, getter.asType(OBJECT_TO_OBJECT));
  }

  private static Field findField(Class<?> owner, String name) {
    for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (field.getName().equals(name)) {
          return field;
        }
      }
    }
    return null;
  }

  /** Finds {@code getName()}, {@code isName()} or {@code name()}, in that order. */
  static Method findGetter(Class<?> owner, String name) {
    String capitalized = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    for (String candidate : new String[] {"get" + capitalized, "is" + capitalized, name}) {
      for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
        for (Method method : type.getDeclaredMethods()) {
          if (method.getName().equals(candidate)
              && method.getParameterTypes().length == 0
              && method.getReturnType() != void.class
              && !method.isBridge()) {
            return method;
          }
        }
      }
      try {
        Method method = owner.getMethod(candidate);
        if (method.getReturnType() != void.class) {
          return method;
        }
      } catch (NoSuchMethodException e) {
        // Try the next naming convention.
      }
    }
    return null;
  }

  private static final class Step {
    final Class<?> owner;
    final MethodHandle handle;

    Step(Class<?> owner, MethodHandle handle) {
      this.owner = owner;
      this.handle = handle;
    }
  }
}
