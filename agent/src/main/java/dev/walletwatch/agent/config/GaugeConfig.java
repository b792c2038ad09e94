package dev.walletwatch.agent.config;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;

/** One entry of {@code gauges}: which method to weave, what value to read and how to tag it. */
public final class GaugeConfig {

  private final int index;
  private final String name;
  private final ClassPattern classPattern;
  private final MethodSpec method;
  private final boolean subtypes;
  private final ValuePath value;
  private final BigDecimal scale;
  private final List<TagTemplate> tags;
  private final int maxSeries;

  GaugeConfig(
      int index,
      String name,
      ClassPattern classPattern,
      MethodSpec method,
      boolean subtypes,
      ValuePath value,
      BigDecimal scale,
      List<TagTemplate> tags,
      int maxSeries) {
    this.index = index;
    this.name = name;
    this.classPattern = classPattern;
    this.method = method;
    this.subtypes = subtypes;
    this.value = value;
    this.scale = scale;
    this.tags = Collections.unmodifiableList(tags);
    this.maxSeries = maxSeries;
  }

  /** Returns the position in {@code gauges}, used in messages as {@code gauges[index]}. */
  public int index() {
    return index;
  }

  /** Returns the YAML path of this entry, such as {@code gauges[1]}. */
  public String yamlPath() {
    return "gauges[" + index + "]";
  }

  /** Returns the metric name, without the configured prefix. */
  public String name() {
    return name;
  }

  public ClassPattern classPattern() {
    return classPattern;
  }

  public MethodSpec method() {
    return method;
  }

  public boolean subtypes() {
    return subtypes;
  }

  public ValuePath value() {
    return value;
  }

  /** Multiplier applied before sending; 1 when not configured. */
  public BigDecimal scale() {
    return scale;
  }

  public List<TagTemplate> tags() {
    return tags;
  }

  /** Distinct tag sets kept for this gauge; more are dropped and counted. */
  public int maxSeries() {
    return maxSeries;
  }

  /** Returns whether any tag is an expression, so series are looked up per call. */
  public boolean hasTagExpressions() {
    for (TagTemplate tag : tags) {
      if (tag.isExpression()) {
        return true;
      }
    }
    return false;
  }
}
