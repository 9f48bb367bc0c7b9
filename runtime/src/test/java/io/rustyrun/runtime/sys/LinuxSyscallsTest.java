package io.rustyrun.runtime.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The real kernel, unprivileged calls only (ARCHITECTURE.md test layer 4). */
@Tag("linux")
@EnabledOnOs(value = OS.LINUX, disabledReason = "LinuxSyscalls calls glibc on Linux")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class LinuxSyscallsTest {

  private static final Path SH = Path.of("/bin/sh");
  private static final List<String> ENV = List.of("PATH=/usr/bin:/bin");

  private final LinuxSyscalls sys = new LinuxSyscalls();
  private final java.util.List<Integer> open = new java.util.ArrayList<>();

  @BeforeAll
  static void needsAShell() {
    assumeTrue(Files.isExecutable(SH), "/bin/sh is needed to spawn test processes");
  }

  @AfterEach
  void closeFds() {
    for (int fd : open) {
      try {
        sys.close(fd);
      } catch (SyscallException alreadyClosed) {
        // closed by the test
      }
    }
  }

  private int[] pipe() {
    int[] fds = sys.pipe();
    open.add(fds[0]);
    open.add(fds[1]);
    return fds;
  }

  private String readToEnd(int fd) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[256];
    int n;
    while ((n = sys.read(fd, buffer)) > 0) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** Spawns {@code sh -c script} with the pipe's write end as fd 3; returns what it wrote and its status. */
  private String runWithFd3(String script, WaitStatus[] status) {
    int[] fds = pipe();
    int pid = sys.spawn(new SpawnRequest(SH, List.of("sh", "-c", script), ENV, Map.of(3, fds[1]), false));
    sys.close(fds[1]);
    open.remove(Integer.valueOf(fds[1]));
    String text = readToEnd(fds[0]);
    status[0] = sys.waitpid(pid);
    return text;
  }

  @Test
  void aFailedChdirNamesThePathAndTheErrno() {
    SyscallException e = catchThrowableOfType(SyscallException.class, () -> sys.chdir(Path.of("/nonexistent")));

    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
    assertThat(e).hasMessage("chdir(\"/nonexistent\"): ENOENT (no such file or directory)");
    assertThat(e.call()).isEqualTo("chdir");
  }

  @Test
  void whatIsWrittenToAPipeIsReadBack() {
    int[] fds = pipe();

    sys.write(fds[1], "ready\nhéllo\n".getBytes(StandardCharsets.UTF_8));
    sys.close(fds[1]);
    open.remove(Integer.valueOf(fds[1]));

    assertThat(readToEnd(fds[0])).isEqualTo("ready\nhéllo\n");
  }

  @Test
  void aSpawnedProcessGetsTheMappedFdAndItsExitCodeComesBack() {
    WaitStatus[] status = new WaitStatus[1];

    String text = runWithFd3("echo hello from fd 3 >&3; exit 3", status);

    assertThat(text).isEqualTo("hello from fd 3\n");
    assertThat(status[0].signaled()).isFalse();
    assertThat(status[0].exitCode()).isEqualTo(3);
  }

  @Test
  void aSpawnedProcessStartsWithAnEmptySignalMask() {
    WaitStatus[] status = new WaitStatus[1];

    String text = runWithFd3("grep SigBlk /proc/self/status >&3", status);

    assertThat(text).matches("SigBlk:\\s+0+\\n");
    assertThat(status[0].exitCode()).isZero();
  }

  @Test
  /**
   * glibc's sigfillset leaves out its internal signals 32 and 33, so POSIX_SPAWN_SETSIGDEF
   * cannot reset them; SpawnRequest documents that, and the stages reset them before execve.
   */
  void aSpawnedProcessIgnoresOnlyGlibcsInternalSignals() {
    WaitStatus[] status = new WaitStatus[1];

    String text = runWithFd3("grep SigIgn /proc/self/status >&3", status);

    assertThat(text).matches("SigIgn:\\s+0000000180000000\\n");
  }

  @Test
  void noOtherFdLeaksIntoASpawnedProcess() {
    WaitStatus[] status = new WaitStatus[1];

    String text = runWithFd3("ls /proc/self/fd >&3", status);

    // 0, 1, 2, the mapped 3 and the fd ls opens to read /proc/self/fd
    assertThat(text.lines().map(Integer::parseInt).filter(fd -> fd > 3).count()).isLessThanOrEqualTo(1);
  }

  @Test
  void aKilledSpawnedProcessReports128PlusTheSignal() {
    WaitStatus[] status = new WaitStatus[1];

    runWithFd3("kill -9 $$", status);

    assertThat(status[0].signaled()).isTrue();
    assertThat(status[0].exitCode()).isEqualTo(137);
  }

  @Test
  void aPipeIsNotATerminal() {
    int[] fds = pipe();

    assertThat(sys.isTerminal(fds[0])).isFalse();
    assertThat(sys.isTerminal(fds[1])).isFalse();
  }

  @Test
  void spawningAMissingProgramFailsWithEnoent() {
    SyscallException e = catchThrowableOfType(SyscallException.class, () -> sys.spawn(
        new SpawnRequest(Path.of("/nonexistent/prog"), List.of("prog"), ENV, Map.of(), false)));

    assertThat(e.errno()).isEqualTo(Errno.ENOENT);
    assertThat(e.getMessage()).startsWith("posix_spawn(\"/nonexistent/prog\")");
  }

  @Test
  void getpidIsThisJvm() {
    assertThat(sys.getpid()).isEqualTo((int) ProcessHandle.current().pid());
  }
}
