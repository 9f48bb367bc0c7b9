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

  /** One write: the file ({@code devices.allow} or {@code devices.deny}) and the line. */
  record Write(String file, String line) {}

  private V1Devices() {}

  static List<Write> plan(List<DeviceRule> rules) {
    return rules.stream().map(rule -> new Write(rule.allow() ? "devices.allow" : "devices.deny", rule.render())).toList();
  }

  static void apply(Path dir, List<DeviceRule> rules) {
    for (Write write : plan(rules)) {
      String verb = write.file().equals("devices.allow") ? "allow" : "deny";
      new CgroupFile(dir, write.file()).write(write.line(), verb + " device \"" + write.line() + "\"");
    }
  }
}
