package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The busybox root filesystem every conformance test runs in, built once per test JVM by
 * {@code scripts/make-busybox-rootfs.sh} under {@link TestEnvironment#workDir()}.
 *
 * <pre>{@code
 * Path rootfs = BusyboxRootfs.path();      // .../target/conformance/busybox-rootfs
 * rootfs.resolve("bin/busybox");           // Debian's busybox-static
 * }</pre>
 *
 * <p>Tests share it read-mostly: a test that writes does so in a tmpfs ({@code /dev/shm}, a
 * spec mount) so that no test sees another's files. Building it is part of the suite rather
 * than a skip condition: a broken script is our bug and must fail loudly.
 */
public final class BusyboxRootfs {
  private static Path built;
  private static RuntimeException failure;

  private BusyboxRootfs() {}

  /** The rootfs directory, building (or refreshing) it on the first call of this JVM. */
  public static synchronized Path path() {
    // A failed build is remembered: retrying it for each of ~60 tests only repeats the error.
    if (failure != null) {
      throw failure;
    }
    if (built == null) {
      try {
        built = build(TestEnvironment.workDir().resolve("busybox-rootfs"));
      } catch (RuntimeException e) {
        failure = e;
        throw e;
      }
    }
    return built;
  }

  /** Runs the script into {@code dir}; the script is idempotent, so a rerun takes ~0.5 s. */
  static Path build(Path dir) {
    Path script = TestEnvironment.busyboxRootfsScript();
    try {
      Path log = Files.createTempFile(TestEnvironment.workDir(), "make-busybox-rootfs", ".log");
      Process process =
          new ProcessBuilder("sh", script.toString(), dir.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      // apt-get may have to download busybox-static on a fresh machine.
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException(script + " did not finish within 5 minutes");
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      if (process.exitValue() != 0 || !Files.isExecutable(dir.resolve("bin/busybox"))) {
        throw new IllegalStateException(
            script + " " + dir + " failed with exit " + process.exitValue() + ":\n" + output);
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
