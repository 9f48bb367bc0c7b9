package io.rustyrun.image.fs;

/**
 * A directory opened inside the rootfs: an {@code O_PATH|O_DIRECTORY} fd for the native writer,
 * a checked {@code Path} for the NIO writer. Names are resolved relative to it, never through a
 * string path from the root.
 *
 * <pre>{@code
 * try (DirHandle etc = writer.openDir(writer.root(), Name.ofText("etc"))) { ... }
 * }</pre>
 */
public interface DirHandle extends AutoCloseable {
  /** Releases the handle; closing twice is harmless. */
  @Override
  void close();
}
