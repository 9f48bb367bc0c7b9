package io.rustyrun.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips (with the reason) unless the packaged {@code ./rustyrun} launcher exists and is
 * executable.
 *
 * <pre>{@code
 * @RequiresLauncher
 * class ExitStatusIT { ... }
 * }</pre>
 *
 * <p>The conformance tests drive the launcher as a subprocess; without it there is nothing to
 * test. Building it is the reactor's job ({@code ./mvnw -B -Pconformance verify} packages the CLI
 * before this module).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@ExtendWith(RequiresLauncher.Condition.class)
public @interface RequiresLauncher {

  /** Checks the launcher path from {@link TestEnvironment#launcher()}. */
  final class Condition implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
      Path launcher = TestEnvironment.launcher();
      if (!Files.isRegularFile(launcher)) {
        return ConditionEvaluationResult.disabled(
            "launcher not built: \"" + launcher + "\" does not exist; run ./mvnw -B package first");
      }
      if (!Files.isExecutable(launcher)) {
        return ConditionEvaluationResult.disabled(
            "launcher \"" + launcher + "\" is not executable");
      }
      return ConditionEvaluationResult.enabled("launcher " + launcher);
    }
  }
}
