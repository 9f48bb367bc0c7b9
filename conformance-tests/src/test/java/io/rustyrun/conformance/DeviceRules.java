package io.rustyrun.conformance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code linux.resources.devices} entries for specs the tests write.
 *
 * <pre>{@code
 * container.linuxField("resources", Map.of("devices", List.of(DeviceRules.DENY_ALL, DeviceRules.allow("c", 10, 229))));
 * }</pre>
 */
final class DeviceRules {
  /** Every device denied: what podman puts first. */
  static final Map<String, Object> DENY_ALL = rule(false, null, null, null);

  private DeviceRules() {}

  /** {@code rwm} allowed on one device. */
  static Map<String, Object> allow(String type, long major, long minor) {
    return rule(true, type, major, minor);
  }

  /** An entry; null type/major/minor mean "all". */
  private static Map<String, Object> rule(boolean allow, String type, Long major, Long minor) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("allow", allow);
    if (type != null) {
      rule.put("type", type);
    }
    if (major != null) {
      rule.put("major", major);
    }
    if (minor != null) {
      rule.put("minor", minor);
    }
    rule.put("access", "rwm");
    return rule;
  }
}
