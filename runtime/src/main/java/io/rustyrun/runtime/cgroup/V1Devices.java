package io.rustyrun.runtime.cgroup;

import java.nio.file.Path;
import java.util.List;

/**
 * The cgroup v1 devices controller (kernel {@code Documentation/admin-guide/cgroup-v1/devices.rst}):
 * each rule is one write to {@code devices.allow} or {@code devices.deny}, in order, so a deny of
 * {@code a} first resets the cgroup to "deny everything" and the allow lines open it up again.
 *
 * <pre>{@code
 * V1Devices.plan(List.of(DeviceRule.DENY_ALL, nullDevice))
 * // [devices.deny <- "a *:* rwm", devices.allow <- "c 1:3 rwm"]
 * }</pre>
 */
final class V1Devices {
  private V1Devices() {}

  static List<CgroupWrite> plan(List<DeviceRule> rules) {
    return rules.stream().map(V1Devices::write).toList();
  }

  private static CgroupWrite write(DeviceRule rule) {
    String line = rule.render();
    return rule.allow()
        ? new CgroupWrite("devices.allow", line, "allow device \"" + line + "\"")
        : new CgroupWrite("devices.deny", line, "deny device \"" + line + "\"");
  }

  static void apply(Path dir, List<DeviceRule> rules) {
    plan(rules).forEach(write -> write.to(dir));
  }
}
