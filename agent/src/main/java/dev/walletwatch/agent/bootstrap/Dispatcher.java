package dev.walletwatch.agent.bootstrap;

/**
 * The static entry point that woven advice calls. The agent copies this class and {@link Probe}
 * into the bootstrap class loader at start, so classes in every loader (including an isolated
 * {@code URLClassLoader} whose parent is the platform loader) resolve the same class.
 *
 * <p>The hot path reads one volatile array and makes one virtual call: no lock, no allocation.
 * Every {@link Throwable} is caught here as a second line of defence behind the advice's own {@code
 * suppress = Throwable.class}.
 */
public final class Dispatcher {

  private static final Object LOCK = new Object();

  /** Probes by id. Copy-on-write: replaced under {@link #LOCK}, read without it. */
  private static volatile Probe[] probes = new Probe[0];

  private Dispatcher() {}

  /** Called by advice whose value root is a reference. */
  public static void recordReference(
      int probeId, Object valueRoot, Object tagRoot0, Object tagRoot1) {
    try {
      Probe[] current = probes;
      if (probeId < current.length) {
        current[probeId].recordReference(valueRoot, tagRoot0, tagRoot1);
      }
    } catch (Throwable ignored) {
      // Probe implementations count their own failures; this only keeps the host safe.
    }
  }

  /** Called by advice whose value root is a primitive number. */
  public static void recordDouble(int probeId, double value, Object tagRoot0, Object tagRoot1) {
    try {
      Probe[] current = probes;
      if (probeId < current.length) {
        current[probeId].recordDouble(value, tagRoot0, tagRoot1);
      }
    } catch (Throwable ignored) {
      // See recordReference.
    }
  }

  /**
   * Registers a probe and returns its id, which the weaver writes into the advice as a constant.
   * Called at weave time only.
   */
  public static int register(Probe probe) {
    synchronized (LOCK) {
      Probe[] current = probes;
      Probe[] next = new Probe[current.length + 1];
      System.arraycopy(current, 0, next, 0, current.length);
      next[current.length] = probe;
      probes = next;
      return current.length;
    }
  }
}
