package io.rustyrun.image.fs;

import java.nio.file.Path;

/**
 * Opens a {@link RootfsWriter} on a directory: the CLI passes its native writer, tests pass
 * {@code NioRootfsWriter::new}.
 *
 * <pre>{@code
 * RootfsWriterFactory writers = NioRootfsWriter::new;
 * try (RootfsWriter writer = writers.open(dir)) { ... }
 * }</pre>
 */
@FunctionalInterface
public interface RootfsWriterFactory {
  /** A writer whose root is the existing directory {@code rootfs}. */
  RootfsWriter open(Path rootfs);
}
