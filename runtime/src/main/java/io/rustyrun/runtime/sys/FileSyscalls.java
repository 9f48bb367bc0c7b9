package io.rustyrun.runtime.sys;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * File system calls relative to directory file descriptors, with names as raw bytes: what an
 * unpacker needs to build a rootfs without ever resolving a path through a symlink it did not
 * check, and to create the non-UTF-8 names Java strings cannot carry.
 *
 * <pre>{@code
 * FileSyscalls fs = new LinuxFileSyscalls();
 * int root = fs.openat(FileSyscalls.AT_FDCWD, "/srv/rootfs".getBytes(),
 *     EnumSet.of(OpenFlag.PATH, OpenFlag.DIRECTORY, OpenFlag.NOFOLLOW, OpenFlag.CLOEXEC), 0);
 * fs.mkdirat(root, "etc".getBytes(), 0755);
 * fs.close(root);
 * }</pre>
 *
 * <p>Every call that takes a name acts on that name itself, never on what a symlink there
 * points at ({@code AT_SYMLINK_NOFOLLOW}, {@code O_NOFOLLOW}), unless its documentation says
 * otherwise. Failures throw {@link SyscallException} naming the call, its arguments (names in
 * double quotes) and the errno.
 */
public interface FileSyscalls {
  /** The {@code dirfd} meaning "the current directory": only for absolute or CWD-relative names. */
  int AT_FDCWD = -100;

  /** {@code open(2)} flags, spelled out; the numeric values differ between architectures. */
  enum OpenFlag {
    READ_ONLY,
    WRITE_ONLY,
    READ_WRITE,
    CREATE,
    EXCLUSIVE,
    DIRECTORY,
    NOFOLLOW,
    CLOEXEC,
    PATH,
    NONBLOCK
  }

  /** {@code openat(dirfd, name, flags, mode)}: a new file descriptor. */
  int openat(int dirfd, byte[] name, Set<OpenFlag> flags, int mode);

  /** {@code mkdirat(dirfd, name, mode)}. */
  void mkdirat(int dirfd, byte[] name, int mode);

  /** {@code mknodat(dirfd, name, type | mode, dev)} for a device node or fifo. */
  void mknodat(int dirfd, byte[] name, DeviceNode node);

  /** {@code symlinkat(target, dirfd, name)}. */
  void symlinkat(byte[] target, int dirfd, byte[] name);

  /**
   * {@code linkat(oldDirfd, oldName, newDirfd, newName, 0)}: without {@code AT_SYMLINK_FOLLOW},
   * so a symlink is linked, not its target.
   */
  void linkat(int oldDirfd, byte[] oldName, int newDirfd, byte[] newName);

  /** {@code unlinkat(dirfd, name, directory ? AT_REMOVEDIR : 0)}. */
  void unlinkat(int dirfd, byte[] name, boolean directory);

  /** {@code fchownat(dirfd, name, uid, gid, AT_SYMLINK_NOFOLLOW)} (lchown). */
  void fchownat(int dirfd, byte[] name, int uid, int gid);

  /** {@code fchown(fd, uid, gid)}. */
  void fchown(int fd, int uid, int gid);

  /**
   * {@code fchmodat(dirfd, name, mode, AT_SYMLINK_NOFOLLOW)}: glibc does it through an
   * {@code O_PATH} fd (or {@code fchmodat2}), and refuses symlinks with {@code EOPNOTSUPP}.
   */
  void fchmodat(int dirfd, byte[] name, int mode);

  /** {@code fchmod(fd, mode)}. */
  void fchmod(int fd, int mode);

  /**
   * {@code lsetxattr(path, name, value, 0)}: the last component of {@code path} is not
   * followed. With {@code /proc/self/fd/N/name} this sets an xattr relative to a directory fd.
   */
  void lsetxattr(byte[] path, String name, byte[] value);

  /** {@code fsetxattr(fd, name, value, 0)}. */
  void fsetxattr(int fd, String name, byte[] value);

  /** {@code utimensat(dirfd, name, {mtime, mtime}, AT_SYMLINK_NOFOLLOW)}: atime = mtime. */
  void utimensat(int dirfd, byte[] name, long seconds, int nanos);

  /** {@code futimens(fd, {mtime, mtime})}: atime = mtime. */
  void futimens(int fd, long seconds, int nanos);

  /** {@code statx(dirfd, name, AT_SYMLINK_NOFOLLOW)}; empty when the name does not exist. */
  Optional<FileStatus> fstatat(int dirfd, byte[] name);

  /** {@code readlinkat(dirfd, name)}: the raw link text. */
  byte[] readlinkat(int dirfd, byte[] name);

  /** The names in the directory open as {@code dirfd} (not {@code O_PATH}), without . and ... */
  List<byte[]> readdir(int dirfd);

  /** {@code write(fd, ...)} until all {@code len} bytes are written. */
  void write(int fd, byte[] buf, int off, int len);

  /** {@code pread(fd, ...)} at {@code position}: up to {@code len} bytes, 0 at end of file. */
  int pread(int fd, byte[] buf, int off, int len, long position);

  /**
   * {@code sendfile(outFd, inFd, &position, count)}: copies up to {@code count} bytes from
   * {@code position} of the file {@code inFd} to {@code outFd} inside the kernel; the number
   * copied, 0 at the end of {@code inFd}.
   */
  long sendfile(int outFd, int inFd, long position, long count);

  /** {@code close(fd)}. */
  void close(int fd);
}
