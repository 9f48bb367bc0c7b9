package io.rustyrun.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips (with the reason) a test or class unless the JVM runs as root.
 *
 * <pre>{@code
 * @RequiresRoot
 * class RunChainIT { ... }
 * }</pre>
 *
 * <p>Creating namespaces, mounting and pivot_root need root; the design defers rootless
 * containers (ARCHITECTURE.md, fact 1). A skip is visible in the report, unlike an early return.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(RequiresRoot.Condition.class)
public @interface RequiresRoot {

  /** Reads the effective uid from {@code /proc/self/status}, which needs no native call. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      long euid = HostProcesses.effectiveUid(ProcessHandle.current().pid());
      return euid == 0
          ? ConditionEvaluationResult.enabled("running as root")
          : ConditionEvaluationResult.disabled(
              "needs root (effective uid is " + euid + "): run the conformance tests with sudo");
    }
  }
}
