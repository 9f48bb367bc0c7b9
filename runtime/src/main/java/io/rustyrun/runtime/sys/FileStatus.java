package io.rustyrun.runtime.sys;

/**
 * What {@code statx(2)} says about a name (statx because its struct has one layout on every
 * architecture, unlike {@code struct stat}).
 *
 * <pre>{@code
 * fs.fstatat(dirfd, name).filter(s -> s.kind() == FileStatus.Kind.DIRECTORY)
 * }</pre>
 *
 * @param mode {@code st_mode}: type bits and permission bits
 * @param uid owner
 * @param gid group
 * @param size bytes
 * @param nlink hard links
 * @param rdevMajor device major (device nodes)
 * @param rdevMinor device minor (device nodes)
 */
public record FileStatus(int mode, int uid, int gid, long size, int nlink, int rdevMajor,
    int rdevMinor) {

  /** File types by their {@code S_IFMT} bits. */
  public enum Kind {
    FIFO(0010000),
    CHAR_DEVICE(0020000),
    DIRECTORY(0040000),
    BLOCK_DEVICE(0060000),
    REGULAR(0100000),
    SYMLINK(0120000),
    SOCKET(0140000);

    private final int bits;

    Kind(int bits) {
      this.bits = bits;
    }
  }

  private static final int S_IFMT = 0170000;

  /** The file type. */
  public Kind kind() {
    for (Kind kind : Kind.values()) {
      if ((mode & S_IFMT) == kind.bits) {
        return kind;
      }
    }
    throw new IllegalStateException("unknown file type in mode " + Integer.toOctalString(mode));
  }

  /** Permission bits with setuid, setgid and sticky. */
  public int permissions() {
    return mode & 07777;
  }
}
