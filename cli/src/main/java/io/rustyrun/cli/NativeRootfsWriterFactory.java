package io.rustyrun.cli;

import io.rustyrun.image.ImageUnpacker;
import io.rustyrun.image.fs.RootfsWriter;
import io.rustyrun.image.fs.RootfsWriterFactory;
import io.rustyrun.runtime.sys.FileSyscalls;
import io.rustyrun.runtime.sys.LinuxFileSyscalls;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Opens {@link NativeRootfsWriter}s over one {@link FileSyscalls}: what {@code unpack} and the
 * image cache of {@code run} hand to the image-unpack module.
 *
 * <pre>{@code
 * ImageUnpacker unpacker = NativeRootfsWriterFactory.hostUnpacker();
 * }</pre>
 */
final class NativeRootfsWriterFactory implements RootfsWriterFactory {
  private final Supplier<FileSyscalls> fs;

  NativeRootfsWriterFactory(FileSyscalls fs) {
    this(() -> fs);
  }

  private NativeRootfsWriterFactory(Supplier<FileSyscalls> fs) {
    this.fs = fs;
  }

  /**
   * The unpacker of {@code unpack} and of {@code run}'s image cache: native writes, libcrypto
   * hashes. Its system calls are set up on a thread of its own (the FFM layouts, then the
   * {@code syscall(2)} handle, ~60 ms of CPU), overlapping the rest of the command line's start;
   * the first writer waits for the first part.
   */
  static ImageUnpacker hostUnpacker() {
    CompletableFuture<FileSyscalls> made = new CompletableFuture<>();
    Thread.ofPlatform().daemon().name("rustyrun: syscall handle").start(() -> {
      LinuxFileSyscalls fs;
      try {
        fs = new LinuxFileSyscalls();
      } catch (Throwable t) {
        made.completeExceptionally(t);
        throw t;
      }
      made.complete(fs);
      fs.prepare();
    });
    return new ImageUnpacker(new NativeRootfsWriterFactory(made::join), new HostSha256());
  }

  @Override
  public RootfsWriter open(Path rootfs) {
    return new NativeRootfsWriter(fs.get(), rootfs);
  }
}
