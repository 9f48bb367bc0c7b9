package io.rustyrun.runtime.config;

import io.rustyrun.runtime.sys.DeviceNode;

/**
 * A device node of {@code linux.devices}, created in the container's {@code /dev}.
 *
 * <pre>{@code
 * // - {path: /dev/fuse, type: c, major: 10, minor: 229, fileMode: 438}
 * new DeviceEntry("/dev/fuse", new DeviceNode(DeviceNode.Type.CHAR, 10, 229, 0666), 0, 0)
 * }</pre>
 *
 * @param path absolute path inside the container
 * @param node type, numbers and permission bits
 * @param uid owner
 * @param gid group
 */
public record DeviceEntry(String path, DeviceNode node, int uid, int gid) {}
