package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue #6 item 5 on cgroup v2: {@code linux.resources.devices} (default deny plus runc's allow
 * list) enforced by the eBPF device program rustyrun attaches to the container's cgroup, since v2
 * has no devices controller.
 *
 * <p>Each container runs through the product ({@code rustyrun run}), with the launcher started in
 * {@link HostCgroups#unifiedOnlyView()}: a mount namespace whose {@code /sys/fs/cgroup} is the
 * host's cgroup2 hierarchy alone, so rustyrun sees a pure v2 host and takes its v2 path. On this
 * machine kind (hybrid: v1 controllers plus {@code /sys/fs/cgroup/unified}) the container's
 * processes stay in the v1 devices root, which allows every device; whatever is refused is
 * refused by the program (the kernel enforces BPF_CGROUP_DEVICE programs in the v2 hierarchy
 * in hybrid mode too). On a real hybrid host rustyrun itself uses the v1 devices controller, as
 * runc does; {@link IsolationDevicesIT} covers that.
 *
 * <p>Skips when the host has no cgroup2 hierarchy, no {@code unshare}, or does not let root load
 * BPF programs (bpf(BPF_PROG_LOAD) fails EPERM in some sandboxes).
 */
@ConformanceTest
@RequiresTool({"unshare"})
class IsolationDevicesV2IT {
  /** The parent of every cgroupsPath this class sets; removed (if empty) after the class. */
  private static final String TEST_PARENT = "/rustyrun-it-devices-v2";
  /** /tmp without nodev, so that opening a node there reaches the device check. */
  private static final Mount DEV_CAPABLE_TMP = Mount.tmpfs("/tmp", "size=1m");

  private String cgroupsPath;

  @BeforeEach
  void requireCgroup2() {
    assumeTrue(HostCgroups.unifiedDirectory("/").isPresent(), "the host has no cgroup2 hierarchy under /sys/fs/cgroup");
    cgroupsPath = TEST_PARENT + "/" + UUID.randomUUID();
  }

  @AfterAll
  static void removeTestParent() {
    HostCgroups.removeEmpty(TEST_PARENT);
  }

  /**
   * {@code container} with a launcher that sees only cgroup v2, in its own cgroup below {@link
   * #TEST_PARENT}. (The test method creates the container, which names its directory after it.)
   */
  private Container onV2(Container container, List<Map<String, Object>> deviceRules) {
    return container
        .launcherWrapper(HostCgroups.unifiedOnlyView())
        .processField("capabilities", Capabilities.of("CAP_MKNOD").toTree())
        .mount(DEV_CAPABLE_TMP)
        .linuxField("cgroupsPath", cgroupsPath)
        .linuxField("resources", Map.of("devices", deviceRules));
  }

  /** Runs, skips if the kernel refused to load the program at all, and checks the cgroup is gone. */
  private RunResult runOrSkip(Container container) {
    RunResult result = container.run();
    if (result.stderr().contains("BPF_PROG_LOAD") && result.stderr().contains("EPERM")) {
      abort("this host does not let root load BPF programs: " + result.stderr().strip());
    }
    Optional<Path> dir = HostCgroups.unifiedDirectory(cgroupsPath);
    assertThat(dir).as("the container's v2 cgroup (and with it the program) is removed").isPresent();
    assertThat(Files.exists(dir.get())).as(dir.get().toString()).isFalse();
    return result;
  }

  @Test
  void theContainerIsInTheV2CgroupAndNotInAV1DevicesCgroup() {
    // Without a cgroup namespace /proc/self/cgroup shows the host's paths.
    RunResult result = runOrSkip(onV2(Container.busybox(), List.of(DeviceRules.DENY_ALL))
        .namespaces("pid", "mount", "uts", "ipc", "network")
        .args("sh", "-c", "grep -E '^0::|:devices:' /proc/self/cgroup"));

    assertThatRun(result).succeeded();
    assertThat(result.stdoutLines()).as(result.describe()).contains("0::" + cgroupsPath);
    assertThat(result.stdoutLines()).as(result.describe())
        .filteredOn(line -> line.contains(":devices:"))
        .allSatisfy(line -> assertThat(line).doesNotContain(TEST_PARENT));
  }

  @Test
  void theProgramRefusesANodeTheContainerMadeAndAllowsTheDefaults() {
    RunResult result = runOrSkip(onV2(Container.busybox(), List.of(DeviceRules.DENY_ALL)).args("sh", "-c", String.join("; ",
        "mknod /tmp/sda b 8 0 && echo mknod-ok",
        "head -c1 /tmp/sda 2>&1",
        "mknod /tmp/null c 1 3 && echo x > /tmp/null && echo null-allowed",
        "head -c1 /dev/zero | wc -c")));

    // The default list allows "m" for every node and rwm for null, zero, ...; 8:0 is refused
    // by the program (EPERM) before any driver sees the open.
    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "mknod-ok", "head: /tmp/sda: Operation not permitted", "null-allowed", "1");
  }

  @Test
  void anExplicitAllowRuleOpensTheDevice() {
    assumeTrue(Files.exists(Path.of("/dev/fuse")), "the host has no /dev/fuse, so its driver cannot be opened inside");
    String probe = "mknod /tmp/fuse c 10 229 && head -c0 /tmp/fuse 2>&1 && echo opened";

    RunResult denied = runOrSkip(onV2(Container.busybox(), List.of(DeviceRules.DENY_ALL)).args("sh", "-c", probe));
    cgroupsPath = TEST_PARENT + "/" + UUID.randomUUID();
    RunResult allowed = runOrSkip(onV2(Container.busybox(), List.of(DeviceRules.DENY_ALL, DeviceRules.allow("c", 10, 229)))
        .args("sh", "-c", probe));

    assertThatRun(denied).exitedWith(1).stdoutText().isEqualTo("head: /tmp/fuse: Operation not permitted");
    assertThatRun(allowed).succeeded().stdoutText().isEqualTo("opened");
  }

}
