package dev.walletwatch.agent.gauge;

import dev.walletwatch.agent.AgentLog;
import dev.walletwatch.agent.bootstrap.Probe;
import dev.walletwatch.agent.config.GaugeConfig;
import dev.walletwatch.agent.config.TagTemplate;
import dev.walletwatch.agent.config.Tags;
import dev.walletwatch.agent.config.ValuePath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The probe behind one woven method for one gauge: reads the value path, converts and scales the
 * value, and stores it in its series. With constant tags the series is fixed when the probe is
 * built; with tag expressions it is looked up by the raw tag value in a {@link SeriesTable}.
 */
public final class GaugeProbe extends Probe {

  private static final String NULL_KEY = "\u0000null";

  private final GaugeConfig gauge;
  private final String metric;
  private final String location;
  private final RuntimePath valuePath;
  private final Scale scale;
  private final String[] literalTags;
  private final TagReader[] tagReaders;
  private final Series fixedSeries;
  private final SeriesTable table;

  /** Failure keys for {@link AgentLog}, built once so that a repeated failure allocates nothing. */
  private final String notNumberKey;

  private final String maxSeriesKey;
  private final String errorKey;

  /**
   * Creates the probe.
   *
   * @param metric the metric name with the prefix applied
   * @param location the woven method, for messages, such as {@code com.acme.Wallet.balanceOf}
   */
  public GaugeProbe(GaugeConfig gauge, String metric, String location) {
    this.gauge = gauge;
    this.metric = metric;
    this.location = location;
    this.valuePath = new RuntimePath(gauge.value().steps());
    this.scale = Scale.of(gauge.scale());
    this.notNumberKey = location + " " + gauge.yamlPath() + " value";
    this.maxSeriesKey = location + " " + gauge.yamlPath() + " maxSeries";
    this.errorKey = location + " " + gauge.yamlPath() + " probe";
    List<String> literals = new ArrayList<String>();
    List<TagReader> readers = new ArrayList<TagReader>();
    List<ValuePath> roots = tagRoots(gauge);
    for (TagTemplate tag : gauge.tags()) {
      if (tag.isExpression()) {
        int slot = indexOfRoot(roots, tag.expression());
        readers.add(new TagReader(tag.key(), slot, new RuntimePath(tag.expression().steps())));
      } else {
        literals.add(Tags.tag(tag.key(), tag.literal()));
      }
    }
    this.literalTags = literals.toArray(new String[0]);
    this.tagReaders = readers.toArray(new TagReader[0]);
    if (tagReaders.length == 0) {
      this.fixedSeries = new Series(NULL_KEY, literalTags);
      this.table = null;
    } else {
      this.fixedSeries = null;
      this.table = new SeriesTable(gauge.maxSeries(), this::tagsFor);
    }
  }

  /** Returns the distinct roots that a gauge's tag expressions read, in order of first use. */
  public static List<ValuePath> tagRoots(GaugeConfig gauge) {
    List<ValuePath> roots = new ArrayList<ValuePath>();
    for (TagTemplate tag : gauge.tags()) {
      if (tag.isExpression() && indexOfRoot(roots, tag.expression()) < 0) {
        roots.add(tag.expression());
      }
    }
    return roots;
  }

  private static int indexOfRoot(List<ValuePath> roots, ValuePath path) {
    for (int i = 0; i < roots.size(); i++) {
      if (roots.get(i).sameRoot(path)) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public void recordReference(Object valueRoot, Object tagRoot0, Object tagRoot1) {
    try {
      Object value = valuePath.read(valueRoot);
      double number = Values.toDouble(value);
      if (Double.isNaN(number)
          && value != null
          && !(value instanceof Number)
          && !AgentLog.countRepeat(notNumberKey)) {
        AgentLog.failure(
            notNumberKey,
            gauge.yamlPath()
                + ".value: '"
                + gauge.value()
                + "' on "
                + location
                + " returned a "
                + value.getClass().getName()
                + " that is not a number; point the path at a"
                + " numeric field or getter (values like this one are dropped and counted)");
      }
      store(number, tagRoot0, tagRoot1);
    } catch (Throwable e) {
      fail(e);
    }
  }

  @Override
  public void recordDouble(double value, Object tagRoot0, Object tagRoot1) {
    try {
      store(value, tagRoot0, tagRoot1);
    } catch (Throwable e) {
      fail(e);
    }
  }

  private void store(double value, Object tagRoot0, Object tagRoot1) throws Throwable {
    double scaled = scale.apply(value);
    if (Double.isNaN(scaled) || Double.isInfinite(scaled)) {
      AgentCounters.DROPPED.increment();
      return;
    }
    Series series = fixedSeries != null ? fixedSeries : table.get(key(tagRoot0, tagRoot1));
    if (series == null) {
      AgentCounters.DROPPED.increment();
      if (AgentLog.countRepeat(maxSeriesKey)) {
        return;
      }
      AgentLog.failure(
          maxSeriesKey,
          gauge.yamlPath()
              + ".maxSeries: "
              + metric
              + " reached "
              + gauge.maxSeries()
              + " distinct tag sets; values with new tag values are dropped. Raise maxSeries if"
              + " the tag values are bounded");
      return;
    }
    // Counting only changes keeps the shared counter off the path of a steady balance, which
    // threads read far more often than it changes.
    if (series.set(scaled)) {
      AgentCounters.RECORDED.increment();
    }
  }

  private Object key(Object tagRoot0, Object tagRoot1) throws Throwable {
    if (tagReaders.length == 1) {
      Object raw = tagReaders[0].read(tagRoot0, tagRoot1);
      return raw == null ? NULL_KEY : raw;
    }
    Object[] raw = new Object[tagReaders.length];
    for (int i = 0; i < raw.length; i++) {
      Object value = tagReaders[i].read(tagRoot0, tagRoot1);
      raw[i] = value == null ? NULL_KEY : value;
    }
    return Arrays.asList(raw);
  }

  private String[] tagsFor(Object key) {
    List<?> raw = key instanceof List ? (List<?>) key : Collections.singletonList(key);
    String[] tags = Arrays.copyOf(literalTags, literalTags.length + tagReaders.length);
    for (int i = 0; i < tagReaders.length; i++) {
      Object value = raw.get(i);
      tags[literalTags.length + i] =
          Tags.tag(tagReaders[i].key, value == NULL_KEY ? null : String.valueOf(value));
    }
    return tags;
  }

  private void fail(Throwable e) {
    AgentCounters.ERRORS.increment();
    if (AgentLog.countRepeat(errorKey)) {
      return;
    }
    AgentLog.failure(
        errorKey,
        "probe for " + gauge.yamlPath() + " (" + metric + ") on " + location + " failed: " + e);
  }

  /** Returns the metric name, with the prefix applied. */
  public String metric() {
    return metric;
  }

  public GaugeConfig gauge() {
    return gauge;
  }

  public String location() {
    return location;
  }

  /** Returns the series recorded so far; for the flusher. */
  public List<Series> series() {
    return fixedSeries != null ? Collections.singletonList(fixedSeries) : table.snapshot();
  }
}
