package dev.walletwatch.agent.gauge;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The series of one gauge whose tags depend on the call, keyed by the raw tag value. An
 * open-addressing table filled by compare-and-set: lookups of an existing key take no lock and
 * allocate nothing; a new key allocates its series once. At most {@code maxSeries} keys are kept.
 *
 * <p>NOTE: a new key reserves its place in the size count before its compare-and-set, so while two
 * threads race to insert the same new key, a third new key may be rejected although the table ends
 * below {@code maxSeries}. That value is dropped and counted like any overflow.
 */
final class SeriesTable {

  /** Creates the tag array for a key that is seen for the first time. */
  interface TagFactory {
    String[] tagsFor(Object key);
  }

  private final AtomicReferenceArray<Series> slots;
  private final int mask;
  private final int maxSeries;
  private final AtomicInteger size = new AtomicInteger();
  private final TagFactory tagFactory;

  SeriesTable(int maxSeries, TagFactory tagFactory) {
    int capacity = Integer.highestOneBit(Math.max(2, maxSeries) * 2 - 1) << 1;
    this.slots = new AtomicReferenceArray<Series>(capacity);
    this.mask = capacity - 1;
    this.maxSeries = maxSeries;
    this.tagFactory = tagFactory;
  }

  /** Returns the series for {@code key}, creating it if room is left, or null when full. */
  Series get(Object key) {
    int hash = key.hashCode();
    int index = (hash ^ (hash >>> 16)) & mask;
    Series created = null;
    for (int probes = 0; probes <= mask; probes++) {
      Series existing = slots.get(index);
      if (existing == null) {
        if (created == null) {
          if (size.incrementAndGet() > maxSeries) {
            size.decrementAndGet();
            return null;
          }
          created = new Series(key, tagFactory.tagsFor(key));
        }
        if (slots.compareAndSet(index, null, created)) {
          return created;
        }
        existing = slots.get(index);
      }
      if (existing.key().equals(key)) {
        if (created != null) {
          size.decrementAndGet();
        }
        return existing;
      }
      index = (index + 1) & mask;
    }
    if (created != null) {
      size.decrementAndGet();
    }
    return null;
  }

  /** Returns a snapshot of the series; for the flusher. */
  List<Series> snapshot() {
    List<Series> all = new ArrayList<Series>();
    for (int i = 0; i < slots.length(); i++) {
      Series series = slots.get(i);
      if (series != null) {
        all.add(series);
      }
    }
    return all;
  }
}
