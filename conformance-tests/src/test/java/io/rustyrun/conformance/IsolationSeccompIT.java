package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue #6 item 7, {@code linux.seccomp} proven from inside: the blocked syscall fails with the
 * rule's errno while everything else works, argument conditions narrow a rule, and the kernel
 * reports the process as filtered ({@code Seccomp: 2}, SECCOMP_MODE_FILTER, in proc(5)).
 */
@ConformanceTest
class IsolationSeccompIT {

  @ParameterizedTest(name = "errnoRet {0}: {1}")
  @CsvSource(delimiter = '|', nullValues = "absent", value = {
      "38     | Function not implemented",
      "1      | Operation not permitted",
      // runtime-spec: without errnoRet, SCMP_ACT_ERRNO returns EPERM.
      "absent | Operation not permitted"})
  void blockedSyscallFailsWithTheRulesErrno(Integer errnoRet, String message) {
    RunResult result = Container.busybox()
        .linuxField("seccomp", SeccompProfile.allowing().deny(errnoRet, "mkdir", "mkdirat").toTree())
        .mount(Mount.tmpfs("/tmp", "size=1m"))
        .args("sh", "-c", String.join("; ",
            "grep '^Seccomp:' /proc/self/status",
            "touch /tmp/file && echo touch-ok",
            "mkdir /tmp/dir 2>&1 || echo mkdir-failed",
            "ls /tmp"))
        .run();

    // busybox mkdir calls mkdir(2) (the libc may use mkdirat): both are in the rule.
    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "Seccomp:\t2",
        "touch-ok",
        "mkdir: can't create directory '/tmp/dir': " + message,
        "mkdir-failed",
        "file");
  }

  @Test
  void withoutAFilterSeccompIsOff() {
    RunResult result = Container.busybox().args("grep", "^Seccomp:", "/proc/self/status").run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo("Seccomp:\t0");
  }

  @Test
  void argumentConditionBlocksOnlyTheMatchingCall() {
    // socket(AF_INET = 2, ...) fails with EPERM; socket(AF_INET6, ...) is the same syscall
    // with another first argument, so it must get through to the network stack.
    SeccompProfile noIpv4 = SeccompProfile.allowing().denyWhenArgEquals(1, 0, 2, "socket");
    RunResult result = Container.busybox()
        .linuxField("seccomp", noIpv4.toTree())
        .args("sh", "-c", String.join("; ",
            "echo echo-works",
            "wget -q -O- http://127.0.0.1:1/ 2>&1",
            "echo ---",
            "wget -q -O- 'http://[::1]:1/' 2>&1",
            "true"))
        .run();

    assertThatRun(result).succeeded();
    String[] sections = result.stdout().split("---\n", 2);
    assertThat(sections[0].lines().toList()).as(result.describe())
        .containsExactly("echo-works", "wget: socket: Operation not permitted");
    // Nothing listens on port 1 of the container's own loopback: "Connection refused" (or,
    // on a host without IPv6, "Address family not supported"), never EPERM from the filter.
    assertThat(sections[1]).as(result.describe())
        .startsWith("wget: ")
        .doesNotContain("Operation not permitted");
  }

  @Test
  void denyByDefaultWithAnAllowListLargeEnoughForAShell() {
    // Plus futex: the runtime's own thread still takes locks between installing the filter
    // (with no_new_privs, as late as possible) and execve. Every other syscall fails with
    // ENOSYS, as in podman's default profile.
    RunResult result = Container.busybox()
        .processField("noNewPrivileges", true)
        .linuxField("seccomp", allowListForEcho().allow("futex").toTree())
        .mount(Mount.tmpfs("/tmp", "size=1m"))
        .args("sh", "-c", "echo ok; mkdir /tmp/dir 2>&1")
        .run();

    // mkdir is not in the list: ENOSYS (defaultErrnoRet 38), and the shell reports exit 1.
    assertThatRun(result).exitedWith(1).stdoutLines().containsExactly(
        "ok", "mkdir: can't create directory '/tmp/dir': Function not implemented");
  }

  @Test
  void filterThatStarvesTheRuntimeLeavesNoFilesInTheContainer() throws IOException {
    // Enough for busybox, not for the JVM that installs the filter: it must fail (or cope)
    // without writing anything (a JVM crash report names host paths, the launch file and the
    // host's memory map) into the container's root filesystem.
    try (RootfsCopy copy = RootfsCopy.ofBusybox("seccomp-rootfs")) {
      List<String> before = tree(copy.rootfs());

      RunResult result = Container.onRootfs(copy.rootfs())
          .processField("noNewPrivileges", true)
          .linuxField("seccomp", allowListForEcho().toTree())
          .args("sh", "-c", "echo ok")
          .run();

      List<String> after = tree(copy.rootfs());
      assertThat(after.stream().filter(path -> !before.contains(path)).toList())
          .as("files the run added to the container's rootfs\n%s", result.describe()).isEmpty();
      assertThat(before.stream().filter(path -> !after.contains(path)).toList())
          .as("files the run removed from the container's rootfs\n%s", result.describe()).isEmpty();
    }
  }

  @Test
  void aFilterThatKillsInitBeforeExecveIsReportedAsSeccomp() {
    // Without no_new_privs the filter goes in before the user switch, so init's own calls
    // (setgroups, capset, ...) meet it: SIGSYS. run must say so, not pass 159 off as the program's.
    RunResult result = Container.busybox()
        .processField("noNewPrivileges", false)
        .linuxField("seccomp", allowListForEcho(SeccompProfile.killing()).toTree())
        .args("sh", "-c", "echo ok")
        .run();

    assertThatRun(result).exitedWith(125);
    assertThat(result.stderr()).as(result.describe()).contains(
        "init was killed by SIGSYS before the container's program started: linux.seccomp blocks a system call");
    assertThat(result.stdout()).isEmpty();
  }

  /** What static busybox needs for {@code sh -c 'echo ok'} (mprotect: RELRO after execve). */
  private static SeccompProfile allowListForEcho() {
    return allowListForEcho(SeccompProfile.denyingWith(38));
  }

  private static SeccompProfile allowListForEcho(SeccompProfile profile) {
    return profile.allow(
        "execve", "arch_prctl", "set_tid_address", "set_robust_list", "rseq", "brk", "mmap",
        "munmap", "mprotect", "prlimit64", "getuid", "geteuid", "getgid", "getegid", "getpid",
        "getppid", "uname", "rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "read", "write",
        "writev", "close", "fcntl", "dup2", "dup3", "ioctl", "getcwd", "readlink", "stat",
        "fstat", "lstat", "newfstatat", "open", "openat", "exit", "exit_group");
  }

  private static List<String> tree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.map(path -> root.relativize(path).toString()).sorted().toList();
    }
  }
}
