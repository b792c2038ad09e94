package dev.walletwatch.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path to a value at a woven method's exit: a root ({@code return}, {@code argN} or {@code this})
 * followed by zero or more field or no-argument getter steps, as in {@code return.total}.
 */
public final class ValuePath {

  /** The root a path starts at. */
  public enum Root {
    RETURN,
    ARGUMENT,
    THIS
  }

  private static final Pattern ROOT_ARG = Pattern.compile("arg(0|[1-9][0-9]?)");
  private static final Pattern STEP = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");

  private final Root root;
  private final int argumentIndex;
  private final List<String> steps;
  private final String text;

  private ValuePath(Root root, int argumentIndex, List<String> steps, String text) {
    this.root = root;
    this.argumentIndex = argumentIndex;
    this.steps = Collections.unmodifiableList(steps);
    this.text = text;
  }

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message that names the problem and the fix
   */
  public static ValuePath parse(String text) {
    String[] parts = text.trim().split("\\.", -1);
    Root root;
    int argumentIndex = -1;
    Matcher arg = ROOT_ARG.matcher(parts[0]);
    if (parts[0].equals("return")) {
      root = Root.RETURN;
    } else if (parts[0].equals("this")) {
      root = Root.THIS;
    } else if (arg.matches()) {
      root = Root.ARGUMENT;
      argumentIndex = Integer.parseInt(arg.group(1));
    } else {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' does not start with return, argN or this;"
              + " write for example return, arg0 or this.account.balance");
    }
    List<String> steps = new ArrayList<String>();
    for (int i = 1; i < parts.length; i++) {
      if (!STEP.matcher(parts[i]).matches()) {
        throw new IllegalArgumentException(
            "'"
                + text
                + "' has an invalid step '"
                + parts[i]
                + "'; each step after the root is a field or getter name such as total or"
                + " getTotal");
      }
      steps.add(parts[i]);
    }
    return new ValuePath(root, argumentIndex, steps, text.trim());
  }

  public Root root() {
    return root;
  }

  /** Returns the argument index for {@link Root#ARGUMENT}, otherwise -1. */
  public int argumentIndex() {
    return argumentIndex;
  }

  public List<String> steps() {
    return steps;
  }

  /** Returns whether two paths start at the same root. */
  public boolean sameRoot(ValuePath other) {
    return root == other.root && argumentIndex == other.argumentIndex;
  }

  @Override
  public String toString() {
    return text;
  }
}
