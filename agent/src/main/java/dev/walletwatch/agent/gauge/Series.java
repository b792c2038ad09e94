package dev.walletwatch.agent.gauge;

/**
 * One gauge series: a metric with one tag set, and its last recorded value. Trading threads write
 * with {@link #set}; only the flusher thread reads and uses the sent-state fields.
 */
public final class Series {

  private final Object key;
  private final String[] tags;

  private volatile long bits;
  private volatile boolean present;

  // Flusher thread only.
  long sentBits;
  long sentAtNanos;
  boolean sent;

  Series(Object key, String[] tags) {
    this.key = key;
    this.tags = tags;
  }

  /**
   * Stores {@code value}; the last value wins, which is what a gauge means. An unchanged value is
   * not written again: a balance is read far more often than it changes, and skipping the volatile
   * store keeps this cache line shared between the cores of threads that read the same balance.
   *
   * @return whether the value differs from the one stored before
   */
  boolean set(double value) {
    long next = Double.doubleToRawLongBits(value);
    boolean differs = bits != next;
    if (differs) {
      bits = next;
    }
    if (!present) {
      present = true;
      return true;
    }
    return differs;
  }

  Object key() {
    return key;
  }

  /** Returns the series tags, without the client's constant tags. */
  public String[] tags() {
    return tags;
  }

  boolean isPresent() {
    return present;
  }

  long bits() {
    return bits;
  }

  /** Returns the last recorded value, or NaN when none was recorded. */
  public double value() {
    return present ? Double.longBitsToDouble(bits) : Double.NaN;
  }
}
