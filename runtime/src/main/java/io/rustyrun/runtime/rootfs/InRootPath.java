package io.rustyrun.runtime.rootfs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Resolves a container path inside a rootfs with chroot semantics, like Go's
 * {@code securejoin.SecureJoin}: {@code ..} stops at the root, and symlinks (absolute or
 * relative) are followed as the container would see them, so no result points out of the
 * rootfs even when an image ships {@code /dev -> /} (CVE-2026-41579) or a mount target that is
 * a symlink to the host (CVE-2024-45310, CVE-2021-30465).
 *
 * <pre>{@code
 * // rootfs/lib -> usr/lib, rootfs/etc/evil -> /../../host
 * InRootPath.resolve(rootfs, "/lib/x")      // rootfs/usr/lib/x
 * InRootPath.resolve(rootfs, "/etc/evil")   // rootfs/host
 * }</pre>
 */
public final class InRootPath {
  /** Linux's own limit on symlinks followed in one lookup (MAXSYMLINKS). */
  private static final int MAX_LINKS = 40;

  private InRootPath() {}

  /** The host path of {@code containerPath} inside {@code root}; components may not exist yet. */
  public static Path resolve(Path root, String containerPath) {
    Deque<String> todo = new ArrayDeque<>();
    push(todo, containerPath);
    Path current = root;
    int links = 0;
    while (!todo.isEmpty()) {
      String part = todo.pop();
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        current = current.equals(root) ? root : current.getParent();
        continue;
      }
      Path next = current.resolve(part);
      if (!Files.isSymbolicLink(next)) {
        current = next;
        continue;
      }
      if (++links > MAX_LINKS) {
        throw new IllegalArgumentException("too many levels of symbolic links in \"" + containerPath + "\"");
      }
      String target = readLink(next);
      if (target.startsWith("/")) {
        current = root;
      }
      push(todo, target);
    }
    return current;
  }

  /** Pushes the components of {@code path} so that the first is popped first. */
  private static void push(Deque<String> todo, String path) {
    String[] parts = path.split("/");
    for (int i = parts.length - 1; i >= 0; i--) {
      todo.push(parts[i]);
    }
  }

  private static String readLink(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      throw new IllegalStateException("cannot read symlink \"" + link + "\": " + e.getMessage(), e);
    }
  }
}
