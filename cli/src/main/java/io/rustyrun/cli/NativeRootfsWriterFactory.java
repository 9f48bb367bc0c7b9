package io.rustyrun.cli;

import io.rustyrun.image.fs.RootfsWriter;
import io.rustyrun.image.fs.RootfsWriterFactory;
import io.rustyrun.runtime.sys.FileSyscalls;
import java.nio.file.Path;

/**
 * Opens {@link NativeRootfsWriter}s over one {@link FileSyscalls}: what {@code unpack} and the
 * image cache of {@code run} hand to the image-unpack module.
 *
 * <pre>{@code
 * new ImageUnpacker(new NativeRootfsWriterFactory(new LinuxFileSyscalls()))
 * }</pre>
 */
final class NativeRootfsWriterFactory implements RootfsWriterFactory {
  private final FileSyscalls fs;

  NativeRootfsWriterFactory(FileSyscalls fs) {
    this.fs = fs;
  }

  @Override
  public RootfsWriter open(Path rootfs) {
    return new NativeRootfsWriter(fs, rootfs);
  }
}
