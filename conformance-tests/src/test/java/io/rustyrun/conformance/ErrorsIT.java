package io.rustyrun.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Issue #3 item 7: a failing step gives exit 125 and a message naming the offending path in
 * double quotes (STYLE.md section 3), and leaves nothing behind (no state directory, mount or
 * process).
 */
@ConformanceTest
class ErrorsIT {
  private static final Duration GRACE = Duration.ofSeconds(5);

  @Test
  void rootfsThatDoesNotExist() {
    Path missing = TestEnvironment.workDir().resolve("no-such-rootfs");
    HostTraces before = HostTraces.capture();

    RunResult result = Container.busybox().rootPath(missing.toString()).args("true").run();

    assertThatRun(result).exitedWith(125).stderrText().contains(quoted(missing));
    before.assertNothingLeftBehind(GRACE, result.containerDir(), missing);
  }

  @Test
  void rootfsThatIsNotADirectory() throws Exception {
    Path file = TestEnvironment.workDir().resolve("rootfs-is-a-file");
    Files.writeString(file, "not a directory\n");
    HostTraces before = HostTraces.capture();

    RunResult result = Container.busybox().rootPath(file.toString()).args("true").run();

    assertThatRun(result).exitedWith(125).stderrText().contains(quoted(file));
    before.assertNothingLeftBehind(GRACE, result.containerDir(), file);
  }

  @Test
  void cwdMissingInTheRootfs() {
    // runc creates a missing cwd; a run against it through the test shim would leave it behind.
    assertThat(BusyboxRootfs.path().resolve("no/such/dir")).as("precondition").doesNotExist();
    HostTraces before = HostTraces.capture();

    RunResult result = Container.busybox().cwd("/no/such/dir").args("true").run();

    assertThatRun(result).exitedWith(125).stderrText().contains("\"/no/such/dir\"");
    before.assertNothingLeftBehind(GRACE, result.containerDir(), BusyboxRootfs.path());
  }

  @Test
  void mountSourceThatDoesNotExist() {
    Path missing = TestEnvironment.workDir().resolve("no-such-mount-source");
    HostTraces before = HostTraces.capture();

    RunResult result = Container.busybox().mount(Mount.bind(missing, "/mnt/x"))
        .args("true").run();

    assertThatRun(result).exitedWith(125).stderrText().contains(quoted(missing));
    before.assertNothingLeftBehind(GRACE, result.containerDir(), BusyboxRootfs.path(), missing);
  }

  @Test
  void invalidSpecNamesTheField() {
    HostTraces before = HostTraces.capture();

    RunResult result = Container.busybox().args().run();

    // STYLE.md 3.4: spec errors carry the YAML path of the field.
    assertThatRun(result).exitedWith(125).stderrText().contains("process.args");
    before.assertNothingLeftBehind(GRACE, result.containerDir(), BusyboxRootfs.path());
  }

  private static String quoted(Path path) {
    return "\"" + path + "\"";
  }
}
