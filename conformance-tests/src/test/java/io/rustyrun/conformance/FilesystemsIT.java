package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #3 item 2: the default filesystems and devices of the runtime-spec (config-linux.md,
 * "Default Filesystems", "Default Devices", "/dev symbolic links"), the spec's mounts in order
 * with their options, and {@code root.readonly}.
 */
@ConformanceTest
class FilesystemsIT {

  @Test
  void defaultFilesystemsHaveTheirTypes() {
    List<MountInfo> mounts = mountsInside(Container.busybox());

    Map<String, String> expected = Map.of(
        "/proc", "proc", "/dev", "tmpfs", "/dev/pts", "devpts", "/dev/shm", "tmpfs",
        "/dev/mqueue", "mqueue", "/sys", "sysfs");
    expected.forEach((point, type) -> assertThat(MountInfo.at(mounts, point))
        .as("mount at " + point + " in " + mounts).get()
        .extracting(MountInfo::fsType).isEqualTo(type));
  }

  @Test
  void defaultDevicesAreTheStandardCharacterDevices() {
    RunResult result = Container.busybox().args("stat", "-c", "%n %F %t:%T %a",
        "/dev/null", "/dev/zero", "/dev/full", "/dev/random", "/dev/urandom", "/dev/tty").run();

    // Major:minor in hex (stat %t:%T); mode 0666 as runc and crun create them.
    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "/dev/null character special file 1:3 666",
        "/dev/zero character special file 1:5 666",
        "/dev/full character special file 1:7 666",
        "/dev/random character special file 1:8 666",
        "/dev/urandom character special file 1:9 666",
        "/dev/tty character special file 5:0 666");
  }

  @Test
  void defaultDevicesWork() {
    String probe = String.join("; ",
        "echo discarded > /dev/null && echo null-ok",
        "head -c 4 /dev/zero | od -An -tx1",
        "echo x > /dev/full 2>/dev/null || echo full-is-full",
        "head -c 16 /dev/urandom | wc -c");
    RunResult result = Container.busybox().args("sh", "-c", probe).run();

    assertThatRun(result).succeeded().stdoutLines()
        .containsExactly("null-ok", "00 00 00 00", "full-is-full", "16");
  }

  @Test
  void devHasTheStandardSymlinks() {
    RunResult result = Container.busybox().args("sh", "-c",
        "for l in fd stdin stdout stderr ptmx; do echo \"$l $(readlink /dev/$l)\"; done").run();

    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "fd /proc/self/fd",
        "stdin /proc/self/fd/0",
        "stdout /proc/self/fd/1",
        "stderr /proc/self/fd/2",
        "ptmx pts/ptmx");
  }

  @Test
  void devPtsIsANewInstance() {
    RunResult result = Container.busybox()
        .args("sh", "-c", "stat -c '%F %t:%T' /dev/pts/ptmx; cat /proc/self/mountinfo").run();

    assertThatRun(result).succeeded();
    assertThat(result.stdoutLines().getFirst()).as(result.describe())
        .isEqualTo("character special file 5:2");
    MountInfo pts = MountInfo.at(MountInfo.parse(result.stdout()), "/dev/pts").orElseThrow();
    // newinstance: a devpts superblock of its own, so the host's ptys are not reachable.
    assertThat(pts.device()).as(result.describe())
        .isNotEqualTo(MountInfo.at(MountInfo.ofHost(), "/dev/pts").orElseThrow().device());
  }

  @Test
  void devShmAndMqueueAreWritable() {
    RunResult result = Container.busybox().args("sh", "-c",
        "echo shared > /dev/shm/probe && cat /dev/shm/probe && ls -d /dev/mqueue").run();

    assertThatRun(result).succeeded().stdoutLines().containsExactly("shared", "/dev/mqueue");
  }

  @Test
  void sysIsReadOnly() {
    RunResult result = Container.busybox()
        .args("sh", "-c", "touch /sys/rr-probe 2>&1; echo ---; cat /proc/self/mountinfo").run();

    assertThatRun(result).succeeded();
    String[] sections = result.stdout().split("---\n", 2);
    assertThat(sections[0]).as(result.describe()).contains("Read-only file system");
    MountInfo sys = MountInfo.at(MountInfo.parse(sections[1]), "/sys").orElseThrow();
    assertThat(sys.mountOptions()).as(result.describe()).contains("ro");
  }

  @Test
  void specMountsAreAppliedInOrderWithTheirOptions() throws Exception {
    Path hostDir = Files.createDirectories(TestEnvironment.workDir().resolve("bind-source-ro"));
    Files.writeString(hostDir.resolve("hello.txt"), "from the host\n");
    // The bind goes *inside* the tmpfs: applied out of order it would be hidden by the tmpfs.
    Container container = Container.busybox()
        .mount(Mount.tmpfs("/data", "nosuid", "nodev", "size=1m", "mode=750"))
        .mount(Mount.bind(hostDir, "/data/host", "ro"));
    String probe = String.join("; ",
        "cat /data/host/hello.txt",
        "touch /data/host/new 2>&1",
        "echo ---",
        "cat /proc/self/mountinfo");

    RunResult result = container.args("sh", "-c", probe).run();

    assertThatRun(result).succeeded();
    String[] sections = result.stdout().split("---\n", 2);
    assertThat(sections[0].lines().map(String::strip).toList()).as(result.describe())
        .startsWith("from the host")
        .anyMatch(line -> line.contains("Read-only file system"));
    List<MountInfo> mounts = MountInfo.parse(sections[1]);
    List<String> order = mounts.stream().map(MountInfo::mountPoint)
        .filter(point -> point.startsWith("/data")).toList();
    assertThat(order).as(result.describe()).containsExactly("/data", "/data/host");
    MountInfo data = MountInfo.at(mounts, "/data").orElseThrow();
    assertThat(data.fsType()).isEqualTo("tmpfs");
    assertThat(data.mountOptions()).as(result.describe()).contains("nosuid", "nodev");
    assertThat(data.superOptions()).as(result.describe()).contains("size=1024k", "mode=750");
    assertThat(MountInfo.at(mounts, "/data/host").orElseThrow().mountOptions())
        .as(result.describe()).contains("ro");
    assertThat(hostDir.resolve("new")).doesNotExist();
  }

  @Test
  void readWriteBindMountWritesThroughToTheHost() throws Exception {
    Path hostDir = Files.createDirectories(TestEnvironment.workDir().resolve("bind-source-rw"));
    Files.deleteIfExists(hostDir.resolve("written-inside"));

    RunResult result = Container.busybox().mount(Mount.bind(hostDir, "/mnt/rw"))
        .args("sh", "-c", "echo hello > /mnt/rw/written-inside").run();

    assertThatRun(result).succeeded();
    assertThat(hostDir.resolve("written-inside")).hasContent("hello");
  }

  @Test
  void readonlyRootRejectsWritesButKeepsTheDefaultMountsUsable() {
    RunResult result = Container.busybox().readonlyRoot().args("sh", "-c", String.join("; ",
        "touch /rr-probe 2>&1",
        "echo ok > /dev/shm/w && cat /dev/shm/w",
        "echo ---",
        "cat /proc/self/mountinfo")).run();

    assertThatRun(result).succeeded();
    String[] sections = result.stdout().split("---\n", 2);
    assertThat(sections[0]).as(result.describe()).contains("Read-only file system").contains("ok");
    assertThat(MountInfo.at(MountInfo.parse(sections[1]), "/").orElseThrow().mountOptions())
        .as(result.describe()).contains("ro");
    assertThat(BusyboxRootfs.path().resolve("rr-probe")).doesNotExist();
  }

  private static List<MountInfo> mountsInside(Container container) {
    RunResult result = container.args("cat", "/proc/self/mountinfo").run();
    assertThatRun(result).succeeded();
    return MountInfo.parse(result.stdout());
  }
}
