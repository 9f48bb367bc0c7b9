package io.rustyrun.image.fs;

/**
 * The kinds of file a rootfs holds.
 *
 * <pre>{@code
 * if (stat.type() == FileType.DIRECTORY) { ... }
 * }</pre>
 */
public enum FileType {
  REGULAR,
  DIRECTORY,
  SYMLINK,
  CHAR_DEVICE,
  BLOCK_DEVICE,
  FIFO,
  SOCKET;

  /** Whether this type is made with {@code mknod}. */
  public boolean isNode() {
    return this == CHAR_DEVICE || this == BLOCK_DEVICE || this == FIFO;
  }
}
