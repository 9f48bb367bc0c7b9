package io.rustyrun.cli;

import io.rustyrun.image.ImageUnpacker;
import io.rustyrun.image.fs.RootfsWriter;
import io.rustyrun.image.fs.RootfsWriterFactory;
import io.rustyrun.runtime.sys.FileSyscalls;
import io.rustyrun.runtime.sys.LinuxFileSyscalls;
import java.nio.file.Path;

/**
 * Opens {@link NativeRootfsWriter}s over one {@link FileSyscalls}: what {@code unpack} and the
 * image cache of {@code run} hand to the image-unpack module.
 *
 * <pre>{@code
 * ImageUnpacker unpacker = NativeRootfsWriterFactory.hostUnpacker();
 * }</pre>
 */
final class NativeRootfsWriterFactory implements RootfsWriterFactory {
  private final FileSyscalls fs;

  NativeRootfsWriterFactory(FileSyscalls fs) {
    this.fs = fs;
  }

  /**
   * The unpacker of {@code unpack} and of {@code run}'s image cache: native writes, libcrypto
   * hashes. Its system call handle is made on a thread of its own from here on, overlapping
   * the rest of the command line's start.
   */
  static ImageUnpacker hostUnpacker() {
    LinuxFileSyscalls fs = new LinuxFileSyscalls();
    Thread.ofPlatform().daemon().name("rustyrun: syscall handle").start(fs::prepare);
    return new ImageUnpacker(new NativeRootfsWriterFactory(fs), new HostSha256());
  }

  @Override
  public RootfsWriter open(Path rootfs) {
    return new NativeRootfsWriter(fs, rootfs);
  }
}
