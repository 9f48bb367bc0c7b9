package io.rustyrun.image.fs;

import java.util.Map;

/**
 * The attributes a tar entry asks for, applied in the order SECURITY.md 1.6 fixes: owner,
 * then mode (chown clears setuid/setgid and {@code security.capability}), then xattrs, then
 * times.
 *
 * <pre>{@code
 * new Metadata(0, 0, 04755, Map.of(), 1700000000L, 0)
 * }</pre>
 *
 * @param uid numeric owner
 * @param gid numeric group
 * @param mode permission bits including setuid (04000), setgid (02000) and sticky (01000)
 * @param xattrs name to raw value, in application order ({@code security.capability} last)
 * @param mtimeSeconds modification time, seconds since the epoch
 * @param mtimeNanos the sub-second part
 */
public record Metadata(
    int uid, int gid, int mode, Map<String, byte[]> xattrs, long mtimeSeconds, int mtimeNanos) {

  public Metadata {
    xattrs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(xattrs));
  }
}
