package io.rustyrun.image.layer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Chooses which of an entry's xattrs reach the rootfs, and in which order.
 *
 * <pre>{@code
 * Xattrs.forRootfs(Map.of("trusted.overlay.opaque", y, "user.a", v));   // {user.a=v}
 * }</pre>
 *
 * <ul>
 *   <li>{@code trusted.overlay.*} is dropped: on an overlayfs lower dir it would turn into
 *       whiteouts or redirects the image never declared (umoci escapes them for this reason);
 *   <li>{@code security.capability} goes last, since setting other attributes, like a chown,
 *       can clear it (SECURITY.md 1.6).
 * </ul>
 */
final class Xattrs {
  private static final String CAPABILITY = "security.capability";

  private Xattrs() {}

  static Map<String, byte[]> forRootfs(Map<String, byte[]> xattrs) {
    if (xattrs.isEmpty()) {
      return xattrs;
    }
    Map<String, byte[]> kept = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> xattr : xattrs.entrySet()) {
      String name = xattr.getKey();
      if (!name.startsWith("trusted.overlay.") && !name.equals(CAPABILITY)) {
        kept.put(name, xattr.getValue());
      }
    }
    byte[] capability = xattrs.get(CAPABILITY);
    if (capability != null) {
      kept.put(CAPABILITY, capability);
    }
    return kept;
  }
}
