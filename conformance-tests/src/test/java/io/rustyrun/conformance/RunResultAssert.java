package io.rustyrun.conformance;

import java.util.List;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * AssertJ assertions on a {@link RunResult}; every failure message carries the exit code, both
 * output streams and the spec.
 *
 * <pre>{@code
 * assertThatRun(result).succeeded().stdoutText().isEqualTo("1");
 * assertThatRun(result).exitedWith(125).stderrText().contains("\"/no/such/rootfs\"");
 * }</pre>
 */
public final class RunResultAssert extends AbstractAssert<RunResultAssert, RunResult> {

  private RunResultAssert(RunResult actual) {
    super(actual, RunResultAssert.class);
  }

  /** Entry point, statically imported by the tests. */
  public static RunResultAssert assertThatRun(RunResult actual) {
    return new RunResultAssert(actual);
  }

  /** The container ran and exited 0. */
  public RunResultAssert succeeded() {
    return exitedWith(0);
  }

  /** {@code run} exited with exactly {@code code}. */
  public RunResultAssert exitedWith(int code) {
    isNotNull();
    if (actual.exitCode() != code) {
      failWithMessage("expected exit code %d but %s", code, actual.describe());
    }
    return this;
  }

  /** The stripped stdout text. */
  public AbstractStringAssert<?> stdoutText() {
    return Assertions.assertThat(actual.stdout().strip()).as(actual.describe());
  }

  /** The stripped stderr text. */
  public AbstractStringAssert<?> stderrText() {
    return Assertions.assertThat(actual.stderr().strip()).as(actual.describe());
  }

  /** The non-blank stdout lines. */
  public ListAssert<String> stdoutLines() {
    return Assertions.assertThat((List<String>) actual.stdoutLines()).as(actual.describe());
  }

  /** The non-blank stderr lines. */
  public ListAssert<String> stderrLines() {
    return Assertions.assertThat((List<String>) actual.stderrLines()).as(actual.describe());
  }
}
