package dev.walletwatch.agent.config;

/**
 * One configured tag: a key and either a literal value or a {@code ${path}} expression read at each
 * call.
 */
public final class TagTemplate {

  private final String key;
  private final String literal;
  private final ValuePath expression;

  private TagTemplate(String key, String literal, ValuePath expression) {
    this.key = key;
    this.literal = literal;
    this.expression = expression;
  }

  public static TagTemplate literal(String key, String value) {
    return new TagTemplate(key, value, null);
  }

  public static TagTemplate expression(String key, ValuePath path) {
    return new TagTemplate(key, null, path);
  }

  public String key() {
    return key;
  }

  /** Returns the literal value, or null when this tag is an expression. */
  public String literal() {
    return literal;
  }

  /** Returns the expression, or null when this tag is a literal. */
  public ValuePath expression() {
    return expression;
  }

  public boolean isExpression() {
    return expression != null;
  }
}
