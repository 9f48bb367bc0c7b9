package io.rustyrun.runtime.cgroup;

import java.util.List;

/**
 * A device cgroup rule, rendered as the kernel's {@code devices.allow}/{@code devices.deny}
 * syntax.
 *
 * <pre>{@code
 * DeviceRule.allow(DeviceRule.Type.CHAR, 1, 3, "rwm").render()   // "c 1:3 rwm" (/dev/null)
 * DeviceRule.DENY_ALL.render()                                    // "a *:* rwm"
 * }</pre>
 *
 * @param allow whether the rule allows ({@code devices.allow}) or denies
 * @param type all, character or block devices
 * @param major the major number, {@link #ANY} for {@code *}
 * @param minor the minor number, {@link #ANY} for {@code *}
 * @param access a non-empty subset of {@code rwm}, in that order
 */
public record DeviceRule(boolean allow, Type type, long major, long minor, String access) {

  /** A wildcard major or minor number. */
  public static final long ANY = -1;

  /** Deny every access to every device: the default every container starts from. */
  public static final DeviceRule DENY_ALL = new DeviceRule(false, Type.ALL, ANY, ANY, "rwm");

  /** Device types, by their letter in the kernel syntax. */
  public enum Type {
    ALL('a'),
    CHAR('c'),
    BLOCK('b');

    private final char letter;

    Type(char letter) {
      this.letter = letter;
    }

    public char letter() {
      return letter;
    }
  }

  public DeviceRule {
    if (!access.matches("r?w?m?") || access.isEmpty()) {
      throw new IllegalArgumentException("device access \"" + access + "\" is not a subset of \"rwm\" in that order");
    }
    if (major < ANY || minor < ANY) {
      throw new IllegalArgumentException("device number " + major + ":" + minor + " is negative");
    }
  }

  public static DeviceRule allow(Type type, long major, long minor, String access) {
    return new DeviceRule(true, type, major, minor, access);
  }

  /**
   * The devices every container may use after the deny-all, in runc's order ({@code
   * libcontainer/specconv.AllowedDevices}) plus {@code /dev/console}: mknod of any device (the
   * node is useless without read/write access), /dev/null, random, full, tty, zero, urandom, the
   * ptys ({@code 136:*}), /dev/ptmx and /dev/console (the runtime-spec "Default Devices").
   */
  public static List<DeviceRule> defaults() {
    return List.of(
        allow(Type.CHAR, ANY, ANY, "m"),
        allow(Type.BLOCK, ANY, ANY, "m"),
        allow(Type.CHAR, 1, 3, "rwm"),
        allow(Type.CHAR, 1, 8, "rwm"),
        allow(Type.CHAR, 1, 7, "rwm"),
        allow(Type.CHAR, 5, 0, "rwm"),
        allow(Type.CHAR, 1, 5, "rwm"),
        allow(Type.CHAR, 1, 9, "rwm"),
        allow(Type.CHAR, 136, ANY, "rwm"),
        allow(Type.CHAR, 5, 2, "rwm"),
        allow(Type.CHAR, 5, 1, "rwm"));
  }

  /** The kernel syntax: {@code c 1:3 rwm}, {@code c 136:* rwm}, {@code a *:* rwm}. */
  public String render() {
    return type.letter() + " " + number(major) + ":" + number(minor) + " " + access;
  }

  private static String number(long value) {
    return value == ANY ? "*" : Long.toString(value);
  }

  @Override
  public String toString() {
    return (allow ? "allow " : "deny ") + render();
  }
}
