package dev.walletwatch.agent.weave;

import dev.walletwatch.agent.bootstrap.Dispatcher;
import net.bytebuddy.asm.Advice;

/**
 * Exit advice for a gauge whose value is a primitive number (return value or argument), widened to
 * double by the binding so that no box is allocated.
 */
final class PrimitiveAdvice {

  private PrimitiveAdvice() {}

  /**
   * The equivalent Java, at every exit of the woven method, with the whole block in a {@code
   * try/catch (Throwable)} that discards the error:
   *
   * <pre>{@code
   * if (thrown == null) {
   *   Dispatcher.recordDouble(PROBE_ID, (double) value, tagRoot0, tagRoot1);
   * }
   * }</pre>
   */
  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @ProbeId int probeId,
      @ValueRoot double value,
      @TagRoot0 Object tagRoot0,
      @TagRoot1 Object tagRoot1,
      @Advice.Thrown Throwable thrown) {
    if (thrown == null) {
      Dispatcher.recordDouble(probeId, value, tagRoot0, tagRoot1);
    }
  }
}
