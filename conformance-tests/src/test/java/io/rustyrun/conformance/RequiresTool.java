package io.rustyrun.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Skips (with the reason) unless every named host tool is on the {@code PATH} (or in the sbin
 * directories, which a non-login root shell may lack).
 *
 * <pre>{@code
 * @RequiresTool({"ip"})        // iproute2, for "ip netns add"
 * void joinsANetworkNamespaceByPath() { ... }
 * }</pre>
 *
 * <p>These are tools the test itself runs on the host (holders for namespaces, {@code script}
 * for a pty); the container side only ever uses busybox.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@ExtendWith(RequiresTool.Condition.class)
public @interface RequiresTool {
  /** Executable names, e.g. {@code "ip"}, {@code "unshare"}, {@code "script"}. */
  String[] value();

  /** Looks up every tool named by the nearest annotation (method first, then class). */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      Optional<RequiresTool> annotation =
          context
              .getElement()
              .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresTool.class));
      if (annotation.isEmpty()) {
        return ConditionEvaluationResult.enabled("no tool required");
      }
      for (String tool : annotation.get().value()) {
        if (HostTools.find(tool).isEmpty()) {
          return ConditionEvaluationResult.disabled(
              "host tool \"" + tool + "\" not found on PATH or in /usr/sbin, /sbin");
        }
      }
      return ConditionEvaluationResult.enabled("tools present");
    }
  }
}
