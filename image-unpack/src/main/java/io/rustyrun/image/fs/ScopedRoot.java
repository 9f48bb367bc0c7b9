package io.rustyrun.image.fs;

import io.rustyrun.image.core.ImageUnpackException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves directories inside a rootfs with chroot semantics, one component at a time through
 * {@link RootfsWriter} handles: a symlink is read and its target walked again from the root (if
 * absolute) or from its directory (if relative), {@code ..} never climbs above the root, and
 * nothing is ever opened through a symlink (the writer opens with {@code O_NOFOLLOW}).
 *
 * <pre>{@code
 * ScopedRoot root = new ScopedRoot(writer, implicitDirMetadata);
 * ScopedRoot.Dir lib = root.resolveDir(List.of(Name.ofText("lib")), true).orElseThrow();
 * // with lib -> usr/lib in the image: lib.realPath() is "usr/lib", lib.handle() an fd of it
 * }</pre>
 *
 * <p>This is {@code openat2(RESOLVE_IN_ROOT)} / Go's {@code SecureJoin} done by hand, because
 * every design that checked a string and then used a path has had a CVE (SECURITY.md 2.1;
 * jib's {@code startsWith} check, CVE-2018-20990, CVE-2021-29136, CVE-2025-45582).
 *
 * <p>Resolved directories are cached by their real path (paths without symlinks resolve to
 * themselves), so a tar that lists one directory's files in a row costs one map lookup per
 * parent component. Any removal {@link #invalidate() invalidates} the cache, since removing a
 * directory is the only way a cached real path can stop being a directory. Handles retired by
 * an invalidation stay open until the next resolution, so a caller's handles stay usable
 * through the remove-then-create of one entry.
 */
public final class ScopedRoot implements AutoCloseable {
  /** Linux {@code MAXSYMLINKS}: more hops than this is a loop (ELOOP). */
  public static final int MAX_SYMLINK_HOPS = 40;

  private static final int CACHE_SIZE = 64;

  private final RootfsWriter writer;
  private final Metadata implicitDirectory;
  private final Dir root;
  private final List<DirHandle> retired = new ArrayList<>();
  private final Map<String, Dir> cache =
      new LinkedHashMap<>(CACHE_SIZE * 2, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Dir> eldest) {
          if (size() > CACHE_SIZE) {
            retired.add(eldest.getValue().handle());
            return true;
          }
          return false;
        }
      };

  /**
   * A directory inside the root.
   *
   * @param handle the open directory (owned by the {@link ScopedRoot}: do not close)
   * @param realPath its path from the root without symlinks, components joined by {@code /}
   *     as ISO-8859-1 bytes; empty for the root
   */
  public record Dir(DirHandle handle, String realPath) {
    /** The real path of {@code name} inside this directory. */
    public String child(Name name) {
      return realPath.isEmpty() ? name.latin1() : realPath + "/" + name.latin1();
    }

    /** The real path for messages. */
    public String display() {
      return "/" + RawText.display(realPath.getBytes(StandardCharsets.ISO_8859_1));
    }
  }

  /**
   * @param writer the rootfs operations (its root is the root of every resolution)
   * @param implicitDirectory owner, mode and time of parent directories a tar did not list
   */
  public ScopedRoot(RootfsWriter writer, Metadata implicitDirectory) {
    this.writer = writer;
    this.implicitDirectory = implicitDirectory;
    this.root = new Dir(writer.root(), "");
  }

  public RootfsWriter writer() {
    return writer;
  }

  public Dir root() {
    return root;
  }

  /**
   * The directory at {@code path} (cleaned components, relative to the root), following
   * symlinks inside the root. With {@code create}, missing directories are made (as
   * {@code mkdir -p} would, with {@code implicitDirectory} metadata); without, a missing
   * component gives empty. A component that is not a directory is an error.
   */
  public Optional<Dir> resolveDir(List<Name> path, boolean create) {
    closeRetired();
    Dir whole = path.isEmpty() ? root : cache.get(joined(path));
    if (whole != null) {
      return Optional.of(whole); // a real path: resolving it walks the cache to itself
    }
    Deque<String> pending = new ArrayDeque<>(path.size());
    for (Name name : path) {
      pending.addLast(name.latin1());
    }
    Dir current = root;
    int hops = 0;
    while (!pending.isEmpty()) {
      String component = pending.removeFirst();
      if (component.isEmpty() || component.equals(".")) {
        continue;
      }
      if (component.equals("..")) {
        current = parentOf(current);
        continue;
      }
      Name name = new Name(component);
      Dir cached = cache.get(current.child(name));
      if (cached != null) {
        current = cached;
        continue;
      }
      Optional<FileStat> stat = writer.lstat(current.handle(), name);
      if (stat.isEmpty()) {
        if (!create) {
          return Optional.empty();
        }
        makeImplicitDirectory(current, name);
        current = open(current, name);
      } else if (stat.get().type() == FileType.DIRECTORY) {
        current = open(current, name);
      } else if (stat.get().type() == FileType.SYMLINK) {
        if (++hops > MAX_SYMLINK_HOPS) {
          throw new ImageUnpackException(
              "too many levels of symbolic links resolving " + quote(path) + " in the rootfs");
        }
        String target = new String(writer.readlink(current.handle(), name),
            StandardCharsets.ISO_8859_1);
        if (target.startsWith("/")) {
          current = root; // chroot semantics: an absolute target is rooted at the rootfs
        }
        String[] parts = target.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
          pending.addFirst(parts[i]);
        }
      } else {
        throw new ImageUnpackException(
            quoteDisplay(current.child(name)) + " in the rootfs is not a directory (resolving "
                + quote(path) + ")");
      }
    }
    return Optional.of(current);
  }

  /**
   * Removes {@code name} in {@code parent} and everything below it, never following a symlink
   * (a symlink is unlinked, not its target). Missing is fine.
   */
  public void remove(Dir parent, Name name) {
    invalidate();
    removeTree(parent.handle(), name);
  }

  /** Forgets every cached directory; called whenever something is removed. */
  public void invalidate() {
    for (Dir dir : cache.values()) {
      retired.add(dir.handle());
    }
    cache.clear();
  }

  private void removeTree(DirHandle parent, Name name) {
    Optional<FileStat> stat = writer.lstat(parent, name);
    if (stat.isEmpty()) {
      return;
    }
    if (stat.get().type() != FileType.DIRECTORY) {
      writer.unlink(parent, name);
      return;
    }
    try (DirHandle dir = writer.openDir(parent, name)) {
      for (Name child : writer.list(dir)) {
        removeTree(dir, child);
      }
    }
    writer.rmdir(parent, name);
  }

  private void makeImplicitDirectory(Dir parent, Name name) {
    writer.mkdir(parent.handle(), name);
    writer.applyMetadata(parent.handle(), name, FileType.DIRECTORY, implicitDirectory);
  }

  private Dir open(Dir parent, Name name) {
    Dir dir = new Dir(writer.openDir(parent.handle(), name), parent.child(name));
    cache.put(dir.realPath(), dir);
    return dir;
  }

  /** The parent of a real (symlink-free) path: reopened from the root, or the root itself. */
  private Dir parentOf(Dir dir) {
    int slash = dir.realPath().lastIndexOf('/');
    if (slash < 0) {
      return root;
    }
    String parentPath = dir.realPath().substring(0, slash);
    Dir cached = cache.get(parentPath);
    if (cached != null) {
      return cached;
    }
    Dir current = root;
    for (String component : parentPath.split("/")) {
      Name name = new Name(component);
      Dir next = cache.get(current.child(name));
      current = next != null ? next : open(current, name);
    }
    return current;
  }

  private void closeRetired() {
    for (DirHandle handle : retired) {
      handle.close();
    }
    retired.clear();
  }

  @Override
  public void close() {
    invalidate();
    closeRetired();
  }

  private static String joined(List<Name> path) {
    if (path.size() == 1) {
      return path.getFirst().latin1();
    }
    StringBuilder joined = new StringBuilder();
    for (Name name : path) {
      if (!joined.isEmpty()) {
        joined.append('/');
      }
      joined.append(name.latin1());
    }
    return joined.toString();
  }

  private static String quote(List<Name> path) {
    StringBuilder text = new StringBuilder();
    for (Name name : path) {
      text.append('/').append(name);
    }
    return ImageUnpackException.quote(text.length() == 0 ? "/" : text.toString());
  }

  private static String quoteDisplay(String realPath) {
    return ImageUnpackException.quote(
        "/" + RawText.display(realPath.getBytes(StandardCharsets.ISO_8859_1)));
  }
}
