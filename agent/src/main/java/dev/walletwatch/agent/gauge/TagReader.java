package dev.walletwatch.agent.gauge;

/** A tag expression bound to one of the two tag roots the advice passes. */
final class TagReader {

  final String key;
  final int rootSlot;
  final RuntimePath path;

  TagReader(String key, int rootSlot, RuntimePath path) {
    this.key = key;
    this.rootSlot = rootSlot;
    this.path = path;
  }

  /** Returns the raw tag value; {@code toString()} of the path's end, or null. */
  Object read(Object tagRoot0, Object tagRoot1) throws Throwable {
    Object value = path.read(rootSlot == 0 ? tagRoot0 : tagRoot1);
    return value == null ? null : value.toString();
  }
}
