package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue #6 item 7, devices proven from inside: {@code linux.devices} nodes exist with the
 * spec's numbers, mode and owner and can be opened (the device cgroup allows them), while the
 * device cgroup ({@code linux.resources.devices}, default deny plus runc's allow list) refuses
 * a node the container made itself: {@code mknod} works with CAP_MKNOD, opening fails EPERM.
 *
 * <p>Opening needs the host's driver: a test skips if the host lacks the node itself.
 */
@ConformanceTest
class IsolationDevicesIT {
  /** /tmp without nodev, so that opening a node there reaches the device cgroup check. */
  private static final Mount DEV_CAPABLE_TMP = Mount.tmpfs("/tmp", "size=1m");

  @Test
  void specDeviceExistsWithItsNumbersAndOpens() {
    requireHostDevice("/dev/fuse");
    RunResult result = Container.busybox()
        .linuxField("devices", List.of(device("/dev/fuse", 10, 229, 438, 0, 0)))
        .args("sh", "-c", "stat -c '%F %t:%T %a %u:%g' /dev/fuse; head -c0 /dev/fuse && echo opened")
        .run();

    // stat prints major:minor in hex: 10:229 is a:e5; 438 is 0666.
    assertThatRun(result).succeeded().stdoutLines()
        .containsExactly("character special file a:e5 666 0:0", "opened");
  }

  @Test
  void specDeviceInASubdirectoryGetsItsOwnerAndMode() {
    requireHostDevice("/dev/net/tun");
    RunResult result = Container.busybox().user(1000, 1000)
        .linuxField("devices", List.of(device("/dev/net/tun", 10, 200, 0600, 1000, 1000)))
        .args("sh", "-c", "stat -c '%F %t:%T %a %u:%g' /dev/net/tun; head -c0 /dev/net/tun && echo opened")
        .run();

    // Owned by uid 1000 with 0600: the unprivileged process may open it, via owner bits alone.
    assertThatRun(result).succeeded().stdoutLines()
        .containsExactly("character special file a:c8 600 1000:1000", "opened");
  }

  @Test
  void deviceCgroupRefusesANodeTheContainerMade() {
    requireDeviceCgroup();
    RunResult result = Container.busybox()
        .processField("capabilities", Capabilities.of("CAP_MKNOD").toTree())
        .mount(DEV_CAPABLE_TMP)
        .linuxField("resources", Map.of("devices", List.of(DeviceRules.DENY_ALL)))
        .args("sh", "-c", String.join("; ",
            "mknod /tmp/sda b 8 0 && echo mknod-ok",
            "head -c1 /tmp/sda 2>&1",
            "mknod /tmp/null c 1 3 && echo x > /tmp/null && echo null-allowed"))
        .run();

    // runc's default list allows "m" for every node and rwm for null, zero, ... only; 8:0 is
    // refused by the device cgroup (EPERM) before any driver sees the open.
    assertThatRun(result).succeeded().stdoutLines().containsExactly(
        "mknod-ok", "head: /tmp/sda: Operation not permitted", "null-allowed");
  }

  @Test
  void explicitAllowRuleOpensTheDevice() {
    requireDeviceCgroup();
    requireHostDevice("/dev/fuse");
    String probe = "mknod /tmp/fuse c 10 229 && head -c0 /tmp/fuse 2>&1 && echo opened";
    RunResult denied = Container.busybox()
        .processField("capabilities", Capabilities.of("CAP_MKNOD").toTree())
        .mount(DEV_CAPABLE_TMP)
        .linuxField("resources", Map.of("devices", List.of(DeviceRules.DENY_ALL)))
        .args("sh", "-c", probe)
        .run();
    RunResult allowed = Container.busybox()
        .processField("capabilities", Capabilities.of("CAP_MKNOD").toTree())
        .mount(DEV_CAPABLE_TMP)
        .linuxField("resources", Map.of("devices", List.of(DeviceRules.DENY_ALL, DeviceRules.allow("c", 10, 229))))
        .args("sh", "-c", probe)
        .run();

    assertThatRun(denied).exitedWith(1).stdoutText()
        .isEqualTo("head: /tmp/fuse: Operation not permitted");
    assertThatRun(allowed).succeeded().stdoutText().isEqualTo("opened");
  }

  private static void requireDeviceCgroup() {
    assumeTrue(HostCgroups.controllerRoot("devices").isPresent(),
        "the host has no cgroup v1 \"devices\" hierarchy (on v2 the rules are a BPF program: IsolationDevicesV2IT)");
  }

  private static void requireHostDevice(String path) {
    assumeTrue(Files.exists(Path.of(path)),
        "the host has no " + path + ", so its driver cannot be opened inside either");
  }

  private static Map<String, Object> device(
      String path, int major, int minor, int fileMode, long uid, long gid) {
    Map<String, Object> device = new LinkedHashMap<>();
    device.put("path", path);
    device.put("type", "c");
    device.put("major", major);
    device.put("minor", minor);
    device.put("fileMode", fileMode);
    device.put("uid", uid);
    device.put("gid", gid);
    return device;
  }

}
