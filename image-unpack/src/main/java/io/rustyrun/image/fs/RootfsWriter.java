package io.rustyrun.image.fs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every file system operation the unpacker performs on a rootfs, relative to an open directory
 * and never following a symlink in the last component: the seam between the unpack logic and
 * the kernel (umoci's {@code fseval.FsEval}).
 *
 * <pre>{@code
 * try (RootfsWriter writer = new NioRootfsWriter(jimfs.getPath("/rootfs"))) {
 *   DirHandle root = writer.root();
 *   writer.mkdir(root, Name.ofText("etc"));
 * }
 * }</pre>
 *
 * <p>Implementations: {@link NioRootfsWriter} (any NIO file system, jimfs in tests; no device
 * nodes, only {@code user.*} xattrs) and the CLI's native writer ({@code openat}, {@code mknodat},
 * {@code fchownat}... through {@code runtime.sys.FileSyscalls}). {@link ScopedRoot} walks paths
 * component by component on top of it; this interface itself never sees a path with a slash.
 *
 * <p>The {@code create*} methods return {@code false} (or empty) when the name already exists,
 * so the caller can create optimistically and only look at what is there on a conflict. Every
 * other failure throws {@link io.rustyrun.image.core.ImageUnpackException} naming the call, the
 * name and the error.
 */
public interface RootfsWriter extends AutoCloseable {

  /** The rootfs directory itself. Owned by the writer: do not close it. */
  DirHandle root();

  /** Opens the directory {@code name}; throws if it is anything else, a symlink included. */
  DirHandle openDir(DirHandle parent, Name name);

  /** What {@code name} is, without following a symlink; empty when it does not exist. */
  Optional<FileStat> lstat(DirHandle parent, Name name);

  /** The raw target of the symlink {@code name}. */
  byte[] readlink(DirHandle parent, Name name);

  /** The names in {@code dir}, without {@code .} and {@code ..}. */
  List<Name> list(DirHandle dir);

  /** {@code mkdirat(parent, name, 0700)}; false when the name exists. */
  boolean mkdir(DirHandle parent, Name name);

  /** Creates an empty regular file (mode 0600) for writing; empty when the name exists. */
  Optional<FileSink> createFile(DirHandle parent, Name name);

  /** {@code symlinkat(target, parent, name)}; false when the name exists. */
  boolean symlink(DirHandle parent, Name name, byte[] target);

  /**
   * {@code linkat(targetDir, target, parent, name, 0)}: a hardlink to {@code target} itself,
   * never to what a symlink there points at; false when {@code name} exists.
   */
  boolean hardlink(DirHandle targetDir, Name target, DirHandle parent, Name name);

  /** {@code mknodat} of a device or fifo (mode 0600); false when the name exists. */
  boolean mknod(DirHandle parent, Name name, FileType type, int major, int minor);

  /** Removes the non-directory {@code name}. */
  void unlink(DirHandle parent, Name name);

  /** Removes the empty directory {@code name}. */
  void rmdir(DirHandle parent, Name name);

  /**
   * Applies owner, mode (not for symlinks), xattrs and times to {@code name} without following
   * it.
   */
  void applyMetadata(DirHandle parent, Name name, FileType type, Metadata metadata);

  /**
   * Opens an image file (not in the rootfs) to copy file data from with
   * {@link FileSink#copyFrom}; the default reads it through NIO.
   */
  default SourceFile openSource(Path file) {
    return ChannelSourceFile.open(file);
  }

  /**
   * Waits until every {@link FileSink#copyFrom} and {@link FileSink#finish} this writer
   * deferred is done, and throws the first failure among them; the default defers nothing.
   */
  default void sync() {}

  /** Releases the root handle and anything cached; waits for deferred work first. */
  @Override
  void close();
}
