package dev.walletwatch.agent.weave;

import dev.walletwatch.agent.config.GaugeConfig;
import dev.walletwatch.agent.config.ValuePath;
import dev.walletwatch.agent.gauge.GaugeProbe;
import java.lang.annotation.Annotation;
import java.util.List;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.implementation.bytecode.assign.Assigner;
import net.bytebuddy.implementation.bytecode.constant.NullConstant;
import net.bytebuddy.matcher.ElementMatchers;

/** Builds the advice for one probe: binds its id and roots, then picks the advice template. */
final class AdviceFactory {

  private static final TypeDescription.Generic OBJECT = TypeDescription.Generic.OBJECT;
  private static final TypeDescription.Generic DOUBLE =
      TypeDescription.Generic.OfNonGenericType.ForLoadedType.of(double.class);

  private AdviceFactory() {}

  /**
   * Returns the advice visitor for {@code method}.
   *
   * @param primitiveValue whether the value root is a primitive number, passed widened to double
   */
  static AsmVisitorWrapper advice(
      int probeId, GaugeConfig gauge, MethodDescription method, boolean primitiveValue) {
    Advice.WithCustomMapping mapping =
        Advice.withCustomMapping()
            .bind(ProbeId.class, probeId)
            .bind(
                ValueRoot.class,
                primitiveValue
                    ? offset(gauge.value(), method, DOUBLE, Assigner.Typing.STATIC)
                    : offset(gauge.value(), method, OBJECT, Assigner.Typing.DYNAMIC));
    List<ValuePath> roots = GaugeProbe.tagRoots(gauge);
    mapping = bindTagRoot(mapping, TagRoot0.class, roots.size() > 0 ? roots.get(0) : null, method);
    mapping = bindTagRoot(mapping, TagRoot1.class, roots.size() > 1 ? roots.get(1) : null, method);
    Class<?> template = primitiveValue ? PrimitiveAdvice.class : ReferenceAdvice.class;
    return mapping.to(template).on(ElementMatchers.is(method));
  }

  private static <T extends Annotation> Advice.WithCustomMapping bindTagRoot(
      Advice.WithCustomMapping mapping,
      Class<T> annotation,
      ValuePath root,
      MethodDescription method) {
    if (root == null) {
      return mapping.bind(annotation, NullConstant.INSTANCE, OBJECT);
    }
    return mapping.bind(annotation, offset(root, method, OBJECT, Assigner.Typing.DYNAMIC));
  }

  private static Advice.OffsetMapping offset(
      ValuePath path,
      MethodDescription method,
      TypeDescription.Generic type,
      Assigner.Typing typing) {
    switch (path.root()) {
      case RETURN:
        return new Advice.OffsetMapping.ForReturnValue(type, true, typing);
      case ARGUMENT:
        return new Advice.OffsetMapping.ForArgument.Resolved(
            type, true, typing, method.getParameters().get(path.argumentIndex()));
      default:
        return new Advice.OffsetMapping.ForThisReference(type, true, typing, false);
    }
  }
}
