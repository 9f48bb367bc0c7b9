package io.rustyrun.spec;

/**
 * A device cgroup rule, e.g. {@code {allow: false, access: rwm}} (deny everything) or {@code
 * {allow: true, type: c, major: 1, minor: 3, access: rwm}} (allow /dev/null).
 *
 * @param allow allow or deny
 * @param type {@code a} (all), {@code c} or {@code b}; empty means all
 * @param major the major number, or {@code null} for any
 * @param minor the minor number, or {@code null} for any
 * @param access a combination of {@code r}, {@code w}, {@code m}; empty means all
 */
public record DeviceRuleSpec(boolean allow, String type, Long major, Long minor, String access) {

  public DeviceRuleSpec {
    type = Defaults.string(type);
    access = Defaults.string(access);
  }
}
