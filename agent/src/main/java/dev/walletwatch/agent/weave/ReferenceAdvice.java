package dev.walletwatch.agent.weave;

import dev.walletwatch.agent.bootstrap.Dispatcher;
import net.bytebuddy.asm.Advice;

/**
 * Exit advice for a gauge whose value root is a reference (an object return value, argument or
 * {@code this}). Byte Buddy inlines the method body into the woven method; the annotated parameters
 * are bound per probe by {@link AdviceFactory}.
 */
final class ReferenceAdvice {

  private ReferenceAdvice() {}

  /**
   * The equivalent Java, at every exit of the woven method, with the whole block in a {@code
   * try/catch (Throwable)} that discards the error:
   *
   * <pre>{@code
   * if (thrown == null) {
   *   Dispatcher.recordReference(PROBE_ID, valueRoot, tagRoot0, tagRoot1);
   * }
   * }</pre>
   */
  @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
  static void exit(
      @ProbeId int probeId,
      @ValueRoot Object valueRoot,
      @TagRoot0 Object tagRoot0,
      @TagRoot1 Object tagRoot1,
      @Advice.Thrown Throwable thrown) {
    if (thrown == null) {
      Dispatcher.recordReference(probeId, valueRoot, tagRoot0, tagRoot1);
    }
  }
}
