package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;

import org.junit.jupiter.api.Test;

/**
 * Issue #3 item 3 (non-interactive part): {@code process.args}, {@code env}, {@code cwd},
 * {@code user} (uid, gid, additionalGids, umask) and the stdio streams. The terminal part is
 * {@link TerminalIT}.
 */
@ConformanceTest
class ProcessIT {

  @Test
  void argsArePassedVerbatim() {
    RunResult result = Container.busybox()
        .args("sh", "-c", "printf '[%s]' \"$@\"", "sh", "a", "b c", "d\"e", "", "ünï", "$HOME")
        .run();

    // No shell between the spec and execve: quotes, spaces, empty and "$HOME" arrive as written.
    assertThatRun(result).succeeded().stdoutText().isEqualTo("[a][b c][d\"e][][ünï][$HOME]");
  }

  @Test
  void environmentIsExactlyTheSpecs() {
    RunResult result = Container.busybox()
        .env("PATH=/bin", "HOME=/root", "FOO=bar baz", "EMPTY=", "QUOTED=a\"b'c")
        .launcherEnv("RUSTYRUN_STAGE_JAVA_OPTS", "-XX:-UsePerfData")
        .args("env")
        .run();

    // Nothing from the launcher's environment (Container.HOST_ONLY_VARIABLE, JAVA_HOME, ...).
    assertThatRun(result).succeeded().stdoutLines().containsExactlyInAnyOrder(
        "PATH=/bin", "HOME=/root", "FOO=bar baz", "EMPTY=", "QUOTED=a\"b'c");
  }

  @Test
  void cwdIsTheSpecs() {
    RunResult result = Container.busybox().cwd("/home/user").args("pwd").run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo("/home/user");
  }

  @Test
  void uidGidAndAdditionalGidsAreTheSpecs() {
    RunResult result = Container.busybox().user(1000, 1000, 29L, 44L)
        .args("sh", "-c", "grep -E '^(Uid|Gid|Groups):' /proc/self/status; id -un").run();

    // Real, effective, saved and filesystem ids; exactly the additional groups, nothing more.
    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "Uid:\t1000\t1000\t1000\t1000",
        "Gid:\t1000\t1000\t1000\t1000",
        "Groups:\t29 44",
        "user");
  }

  @Test
  void umaskIsTheSpecs() {
    RunResult result = Container.busybox().umask(027)
        .args("sh", "-c", "umask; touch /dev/shm/f; stat -c %a /dev/shm/f").run();

    assertThatRun(result).succeeded().stdoutLines().containsExactly("0027", "640");
  }

  @Test
  void stdinReachesTheContainer() {
    RunResult result = Container.busybox().stdin("hello\nfrom the host\n").args("cat").run();

    assertThatRun(result).succeeded().stdoutLines().containsExactly("hello", "from the host");
  }

  @Test
  void stdoutAndStderrStaySeparate() {
    RunResult result = Container.busybox()
        .args("sh", "-c", "echo to-stdout; echo to-stderr >&2").run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo("to-stdout");
    assertThatRun(result).stderrText().isEqualTo("to-stderr");
  }
}
