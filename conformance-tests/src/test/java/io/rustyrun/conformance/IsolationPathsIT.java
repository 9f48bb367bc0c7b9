package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Issue #6 item 7, {@code linux.maskedPaths} and {@code linux.readonlyPaths} proven from inside:
 * a masked file reads as {@code /dev/null} (char 1:3, 0 bytes), a masked directory is an empty
 * read-only tmpfs, a read-only path refuses writes with EROFS, and the same write succeeds
 * without the entry (so the entry, not something else, is what blocks it).
 */
@ConformanceTest
class IsolationPathsIT {

  @Test
  void maskedFileReadsEmptyAndIsDevNull() throws IOException {
    // /proc/timer_list is in runc's list and exists on every kernel with timers; it is not empty.
    assumeTrue(readsSomething("/proc/timer_list"),
        "the host's /proc/timer_list is empty, so masking it proves nothing");
    RunResult result = Container.busybox()
        .linuxField("maskedPaths", List.of("/proc/timer_list"))
        .args("sh", "-c", "wc -c < /proc/timer_list; stat -c '%F %t:%T' /proc/timer_list")
        .run();

    assertThatRun(result).succeeded().stdoutLines()
        .containsExactly("0", "character special file 1:3");
  }

  @Test
  void procKcoreReadsEmpty() {
    assumeTrue(Files.exists(Path.of("/proc/kcore")),
        "this kernel has no /proc/kcore (CONFIG_PROC_KCORE off)");
    RunResult result = Container.busybox()
        .linuxField("maskedPaths", List.of("/proc/kcore"))
        .args("sh", "-c", "wc -c < /proc/kcore")
        .run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo("0");
  }

  @Test
  void maskedPathThatDoesNotExistIsIgnored() {
    // runc's default list names files many kernels lack (/proc/sched_debug, /proc/scsi ...).
    RunResult result = Container.busybox()
        .linuxField("maskedPaths", List.of("/proc/rr-no-such-file", "/sys/rr-no-such-dir"))
        .args("echo", "started")
        .run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo("started");
  }

  @Test
  void maskedDirectoryListsEmptyAndRefusesWrites() throws IOException {
    assumeTrue(entries(Path.of("/sys/firmware")) > 0, "the host's /sys/firmware is empty");
    RunResult result = Container.busybox()
        .linuxField("maskedPaths", List.of("/sys/firmware", "/proc/acpi"))
        .args("sh", "-c", String.join("; ",
            "ls -A /sys/firmware | wc -l",
            "touch /proc/acpi/probe 2>&1",
            "echo ---",
            "cat /proc/self/mountinfo"))
        .run();

    assertThatRun(result).succeeded();
    String[] sections = result.stdout().split("---\n", 2);
    assertThat(sections[0].lines().toList()).as(result.describe()).containsExactly(
        "0", "touch: /proc/acpi/probe: Read-only file system");
    List<MountInfo> mounts = MountInfo.parse(sections[1]);
    for (String masked : List.of("/sys/firmware", "/proc/acpi")) {
      MountInfo mount = MountInfo.at(mounts, masked).orElseThrow(
          () -> new AssertionError("no mount at " + masked + " in " + result.describe()));
      assertThat(mount.fsType()).as(result.describe()).isEqualTo("tmpfs");
      assertThat(mount.mountOptions()).as(result.describe()).contains("ro");
    }
  }

  @Test
  void readonlyPathRefusesWrites() {
    RunResult result = Container.busybox()
        .linuxField("readonlyPaths", List.of("/proc/sys"))
        .args("sh", "-c", "echo rr-domain > /proc/sys/kernel/domainname; cat /proc/sys/kernel/domainname")
        .run();

    assertThatRun(result).succeeded();
    assertThat(result.stderr()).as(result.describe())
        .contains("can't create /proc/sys/kernel/domainname: Read-only file system");
    assertThatRun(result).stdoutText().isNotEqualTo("rr-domain");
  }

  @Test
  void withoutTheReadonlyEntryTheSameWriteSucceeds() {
    // domainname belongs to the container's own UTS namespace: the host's stays as it was.
    String hostDomain = HostKernel.sysctl("kernel.domainname");
    RunResult result = Container.busybox()
        .args("sh", "-c", "echo rr-domain > /proc/sys/kernel/domainname; cat /proc/sys/kernel/domainname")
        .run();

    assertThatRun(result).succeeded().stdoutText().isEqualTo("rr-domain");
    assertThat(HostKernel.sysctl("kernel.domainname")).isEqualTo(hostDomain);
  }

  private static boolean readsSomething(String procFile) throws IOException {
    return Files.readAllBytes(Path.of(procFile)).length > 0;
  }

  private static long entries(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.count();
    }
  }
}
