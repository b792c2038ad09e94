package dev.walletwatch.agent.bootstrap;

/**
 * A woven pointcut's receiver on the trading thread. Lives in the bootstrap class loader so that
 * advice in any class loader can reach it through {@link Dispatcher}; the implementation lives in
 * the agent.
 *
 * <p>Implementations must return quickly, must not block or do I/O, and must not throw.
 */
public abstract class Probe {

  /**
   * Records a value whose root is a reference (return value, argument or {@code this}).
   *
   * @param valueRoot the object the value path starts at, may be null
   * @param tagRoot0 the first root that tag expressions read, or null
   * @param tagRoot1 the second root that tag expressions read, or null
   */
  public abstract void recordReference(Object valueRoot, Object tagRoot0, Object tagRoot1);

  /** Records a primitive numeric value, widened to double by the advice. */
  public abstract void recordDouble(double value, Object tagRoot0, Object tagRoot1);
}
