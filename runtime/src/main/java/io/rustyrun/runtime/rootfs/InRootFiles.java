package io.rustyrun.runtime.rootfs;

import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.FileStatus;
import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Container paths opened and created as {@code O_PATH} file descriptors relative to an fd of
 * the rootfs, never as host path strings: a symlink in the image (absolute or relative, even
 * {@code /dev -> /}) resolves as the container would see it (CVE-2026-41579), and a component
 * swapped for a symlink between the check and the mount cannot redirect the mount to the host
 * (CVE-2021-30465, CVE-2024-45310). Mounts then go onto {@code /proc/self/fd/N}.
 *
 * <pre>{@code
 * InRootFiles root = new InRootFiles(syscalls, syscalls.openPath(rootfs));
 * int proc = root.directory("/proc");          // created (mkdirat) if missing
 * syscalls.mount(new Mount("proc", InRootFiles.magicLink(proc), "proc", flags, ""));
 * }</pre>
 *
 * <p>Existing paths are opened with {@code openat2(RESOLVE_IN_ROOT|RESOLVE_NO_MAGICLINKS)}, as
 * runc's pathrs and crun do. Where the kernel has no openat2 (ENOSYS), and to find where a
 * missing path must be created, this class walks the path itself: one
 * {@code openat(O_PATH|O_NOFOLLOW)} per component relative to the previous one, symlinks read
 * and continued inside the rootfs (Go's {@code securejoin}). Missing components are created
 * with {@code mkdirat} (or an {@code O_CREAT|O_EXCL} open for a file) in the fd of their
 * parent and opened {@code O_NOFOLLOW}; the walk also gives a dangling symlink's target a place
 * inside the rootfs ({@code /etc/resolv.conf -> ../run/resolv.conf} creates
 * {@code /run/resolv.conf}), as runc's SecureJoin does.
 */
public final class InRootFiles {
  /** Linux's own limit on symlinks followed in one lookup (MAXSYMLINKS). */
  private static final int MAX_LINKS = 40;
  /** openat2 answers EAGAIN when a rename raced with a RESOLVE_IN_ROOT walk; runc retries too. */
  private static final int MAX_RETRIES = 32;
  private static final int DIRECTORY_MODE = 0755;
  private static final int FILE_MODE = 0644;

  private final Syscalls syscalls;
  private final int rootFd;
  private boolean withoutOpenat2;

  /** @param rootFd an {@code O_PATH} fd of the rootfs directory, owned by the caller */
  public InRootFiles(Syscalls syscalls, int rootFd) {
    this.syscalls = syscalls;
    this.rootFd = rootFd;
  }

  /** {@code /proc/self/fd/N}: the name under which mount(2) reaches what {@code fd} refers to. */
  public static Path magicLink(int fd) {
    return Path.of("/proc/self/fd/" + fd);
  }

  /** An fd of the existing {@code path} inside the rootfs; the last component is followed too. */
  public int open(String path) {
    if (!withoutOpenat2) {
      try {
        return openat2(path);
      } catch (SyscallException e) {
        if (e.errno() != Errno.ENOSYS) {
          throw e;
        }
        withoutOpenat2 = true;
      }
    }
    Lookup found = walk(path);
    if (!found.missing().isEmpty()) {
      syscalls.close(found.fd());
      throw new SyscallException("openat", "\"" + path + "\" in the rootfs", Errno.ENOENT);
    }
    return found.fd();
  }

  /** {@link #open}, refused unless the kernel has the file as {@code kind}. */
  public int open(String path, FileStatus.Kind kind) {
    return expect(open(path), path, kind);
  }

  /** {@link #open}, or empty when {@code path} does not exist (a masked path the kernel lacks). */
  public Optional<Integer> openIfExists(String path) {
    try {
      return Optional.of(open(path));
    } catch (SyscallException e) {
      if (e.errno() == Errno.ENOENT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** An fd of the directory {@code path}, created with its missing parents; refused if not one. */
  public int directory(String path) {
    Optional<Integer> existing = openIfExists(path);
    if (existing.isPresent()) {
      return expect(existing.get(), path, FileStatus.Kind.DIRECTORY);
    }
    return expect(create(path, true), path, FileStatus.Kind.DIRECTORY);
  }

  /**
   * An fd of {@code path} for a file bind mount: an existing non-directory, or a new empty file
   * (runc's {@code createIfNotExists}).
   */
  public int file(String path) {
    int fd = openIfExists(path).orElseGet(() -> create(path, false));
    FileStatus.Kind kind = syscalls.fstat(fd).kind();
    if (kind == FileStatus.Kind.DIRECTORY || kind == FileStatus.Kind.SYMLINK) {
      syscalls.close(fd);
      throw new ContainerSetupException("\"" + path + "\" in the rootfs is a " + describe(kind)
          + ", the mount needs a file");
    }
    return fd;
  }

  /**
   * Creates the missing components of {@code path} (the last one as an empty file unless
   * {@code directory}), each in the fd of its parent, and returns an fd of the last.
   */
  private int create(String path, boolean directory) {
    Lookup found = walk(path);
    List<String> missing = found.missing();
    if (missing.contains("..")) {
      syscalls.close(found.fd());
      throw new ContainerSetupException("\"" + path + "\" goes up (\"..\") from a directory that does not exist yet");
    }
    int fd = found.fd();
    for (int i = 0; i < missing.size(); i++) {
      fd = createChild(fd, missing.get(i), directory || i < missing.size() - 1);
    }
    return fd;
  }

  /** The fd of {@code path}'s parent directory (created if missing) and its last name. */
  public Entry parent(String path) {
    List<String> parts = clean(path);
    if (parts.isEmpty()) {
      throw new ContainerSetupException("\"" + path + "\" names the rootfs itself, not an entry in it");
    }
    String name = parts.removeLast();
    return new Entry(directory("/" + String.join("/", parts)), name);
  }

  /**
   * After a mount onto {@code fd}, {@code fd} still refers to the covered directory: this opens
   * {@code path} again (now the new mount) and checks the kernel names both the same, as runc's
   * {@code reopenAfterMount} does, so a remount or propagation change hits the new mount.
   */
  public int reopenMounted(int fd, String path) {
    int mounted = open(path);
    String before = syscalls.fdPath(fd);
    String after = syscalls.fdPath(mounted);
    syscalls.close(fd);
    if (!before.equals(after)) {
      syscalls.close(mounted);
      throw new ContainerSetupException("\"" + path + "\" in the rootfs moved while it was mounted on (from \""
          + before + "\" to \"" + after + "\")");
    }
    return mounted;
  }

  /** Closes {@code fd} unless the kernel has it as a different type than {@code kind}. */
  private int expect(int fd, String path, FileStatus.Kind kind) {
    FileStatus.Kind actual = syscalls.fstat(fd).kind();
    if (actual != kind) {
      syscalls.close(fd);
      throw new ContainerSetupException("\"" + path + "\" in the rootfs is a " + describe(actual) + ", not a "
          + describe(kind));
    }
    return fd;
  }

  private static String describe(FileStatus.Kind kind) {
    return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }

  /** Creates {@code name} in the directory {@code parent} (closed here) and opens it, unfollowed. */
  private int createChild(int parent, String name, boolean directory) {
    try {
      try {
        if (directory) {
          syscalls.mkdirat(parent, name, DIRECTORY_MODE);
        } else {
          syscalls.createFile(parent, name, FILE_MODE);
        }
      } catch (SyscallException e) {
        if (e.errno() != Errno.EEXIST) {
          throw e;
        }
      }
      // O_PATH|O_NOFOLLOW opens a symlink a racing process put here as the link itself: the
      // type checks of directory() and file(), and mkdirat below it (ENOTDIR), refuse it.
      return syscalls.openNoFollow(parent, name);
    } finally {
      syscalls.close(parent);
    }
  }

  private int openat2(String path) {
    for (int attempt = 1; ; attempt++) {
      try {
        return syscalls.openInRoot(rootFd, path);
      } catch (SyscallException e) {
        if (e.errno() != Errno.EAGAIN || attempt == MAX_RETRIES) {
          throw e;
        }
      }
    }
  }

  /**
   * An fd of the deepest existing directory on the way to {@code path} and the names still to
   * create below it; symlinks are read and followed inside the rootfs, dangling ones included.
   */
  private Lookup walk(String path) {
    Deque<String> todo = new ArrayDeque<>(clean(path));
    Deque<Integer> opened = new ArrayDeque<>();
    int links = 0;
    try {
      while (!todo.isEmpty()) {
        String part = todo.pop();
        if (part.equals("..")) {
          if (!opened.isEmpty()) {
            syscalls.close(opened.pop());
          }
          continue;
        }
        int current = opened.isEmpty() ? rootFd : opened.peek();
        int next;
        try {
          next = syscalls.openNoFollow(current, part);
        } catch (SyscallException e) {
          if (e.errno() != Errno.ENOENT) {
            throw e;
          }
          todo.push(part);
          return new Lookup(take(opened), List.copyOf(todo));
        }
        if (syscalls.fstat(next).kind() != FileStatus.Kind.SYMLINK) {
          opened.push(next);
          continue;
        }
        String target = readLinkAndClose(next);
        if (++links > MAX_LINKS) {
          throw new SyscallException("openat", "\"" + path + "\" in the rootfs", Errno.ELOOP);
        }
        if (target.startsWith("/")) {
          closeAll(opened);
        }
        List<String> parts = clean(target);
        for (int i = parts.size() - 1; i >= 0; i--) {
          todo.push(parts.get(i));
        }
      }
      return new Lookup(take(opened), List.of());
    } catch (RuntimeException e) {
      closeAll(opened);
      throw e;
    }
  }

  private String readLinkAndClose(int link) {
    try {
      return syscalls.readlinkat(link);
    } finally {
      syscalls.close(link);
    }
  }

  /** The innermost fd (a new fd of the root when nothing was opened); the others are closed. */
  private int take(Deque<Integer> opened) {
    if (opened.isEmpty()) {
      return syscalls.openNoFollow(rootFd, ".");
    }
    int innermost = opened.pop();
    closeAll(opened);
    return innermost;
  }

  private void closeAll(Deque<Integer> opened) {
    while (!opened.isEmpty()) {
      syscalls.close(opened.pop());
    }
  }

  /** The components of {@code path} without empty ones and {@code .}; {@code ..} is kept. */
  private static List<String> clean(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return parts;
  }

  /**
   * A directory fd and one name in it, for calls that must act on the name itself (mknodat,
   * symlinkat, unlinkat) rather than on what a symlink there points at.
   *
   * @param dirFd the parent, to be closed by the caller
   * @param name one component
   */
  public record Entry(int dirFd, String name) {}

  /** What {@link #walk} found: the deepest existing directory and the names below it that are not there. */
  private record Lookup(int fd, List<String> missing) {}
}
