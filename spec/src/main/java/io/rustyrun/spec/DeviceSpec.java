package io.rustyrun.spec;

/**
 * A device node to create in the container, e.g. {@code {path: /dev/fuse, type: c, major: 10,
 * minor: 229, fileMode: 0666}}.
 *
 * @param type {@code c} or {@code u} (character), {@code b} (block), {@code p} (FIFO)
 * @param path the absolute path inside the container
 * @param major the major number
 * @param minor the minor number
 * @param fileMode the permission bits, or {@code null} for the runtime's default
 * @param uid the owner, or {@code null} for the process's user
 * @param gid the group, or {@code null} for the process's group
 */
public record DeviceSpec(
    String type, String path, long major, long minor, Integer fileMode, Long uid, Long gid) {

  public DeviceSpec {
    type = Defaults.string(type);
    path = Defaults.string(path);
  }
}
