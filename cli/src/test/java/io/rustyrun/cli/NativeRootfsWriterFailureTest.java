package io.rustyrun.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rustyrun.image.ImageUnpacker;
import io.rustyrun.image.UnpackOptions;
import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.FileSyscalls;
import io.rustyrun.runtime.sys.LinuxFileSyscalls;
import io.rustyrun.runtime.sys.SyscallException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A call that fails on the file finisher's thread fails the unpack with its message, and
 * nothing is left: no rootfs, no staging directory.
 */
class NativeRootfsWriterFailureTest {
  @TempDir Path tmp;

  @Test
  void aFailureWhileFinishingAFileFailsTheUnpackAndLeavesNothing() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root for chown");
    Path image = tmp.resolve("busybox-rootfs.tar");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(
        Path.of("../image-unpack/src/test/resources/fixtures/busybox-rootfs.tar.gz")))) {
      Files.copy(in, image);
    }
    Path bundle = Files.createDirectory(tmp.resolve("bundle"));
    ImageUnpacker unpacker = new ImageUnpacker(
        new NativeRootfsWriterFactory(failing("futimens", new LinuxFileSyscalls())));

    assertThatThrownBy(() -> unpacker.unpack(image, bundle.resolve("rootfs"),
        UnpackOptions.forHost()))
        .isInstanceOf(ImageUnpackException.class)
        .hasMessageContaining("futimens")
        .hasMessageContaining("input/output error");
    try (var left = Files.list(bundle)) {
      assertThat(left).isEmpty();
    }
  }

  /** {@code real}, but every call of {@code method} fails with EIO. */
  private static FileSyscalls failing(String method, FileSyscalls real) {
    return (FileSyscalls) Proxy.newProxyInstance(FileSyscalls.class.getClassLoader(),
        new Class<?>[] {FileSyscalls.class}, (proxy, m, args) -> {
          if (m.getName().equals(method)) {
            throw new SyscallException(method, "fd=" + args[0], Errno.EIO);
          }
          try {
            return m.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
