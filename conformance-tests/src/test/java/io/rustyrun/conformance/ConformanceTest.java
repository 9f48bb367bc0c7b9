package io.rustyrun.conformance;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Marks a class of conformance tests: root and a built launcher are required, else every test
 * of the class is skipped with the reason.
 *
 * <pre>{@code
 * @ConformanceTest
 * class RunChainIT { ... }
 * }</pre>
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@RequiresRoot
@RequiresLauncher
@Tag("conformance")
public @interface ConformanceTest {}
