package io.rustyrun.conformance;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A Debian bookworm minbase rootfs made with {@code debootstrap}, once per work directory.
 *
 * <pre>{@code
 * Path rootfs = DebianRootfs.path();   // skips the test (with the reason) if it cannot be made
 * }</pre>
 *
 * <p>Unlike the busybox fixture this depends on the network, so every way it can fail (no
 * debootstrap and no apt, mirror unreachable, slower than {@link #CAP_MINUTES} minutes) is a
 * skip with the reason, not a failure. A finished rootfs is marked by a file next to it, so an
 * interrupted debootstrap is redone rather than trusted.
 */
final class DebianRootfs {
  static final String MIRROR_HOST = "deb.debian.org";
  static final String MIRROR = "http://" + MIRROR_HOST + "/debian";
  static final int CAP_MINUTES = 6;

  private static Path built;

  private DebianRootfs() {}

  static synchronized Path path() {
    if (built == null) {
      Path dir = TestEnvironment.workDir().resolve("debian-rootfs");
      Path done = TestEnvironment.workDir().resolve("debian-rootfs.complete");
      if (!Files.exists(done)) {
        build(dir);
        touch(done);
      }
      built = dir;
    }
    return built;
  }

  private static void build(Path dir) {
    String debootstrap = HostTools.find("debootstrap").map(Path::toString)
        .orElseGet(DebianRootfs::installDebootstrap);
    Assumptions.assumeTrue(mirrorReachable(), "Debian mirror " + MIRROR_HOST + ":80 unreachable");
    try {
      Container.deleteRecursively(dir);
      Path log = TestEnvironment.workDir().resolve("debootstrap.log");
      Process process = new ProcessBuilder(
              debootstrap, "--variant=minbase", "bookworm", dir.toString(), MIRROR)
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!process.waitFor(CAP_MINUTES, TimeUnit.MINUTES)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        Assumptions.abort("debootstrap took longer than " + CAP_MINUTES + " minutes; see " + log);
      }
      Assumptions.assumeTrue(process.exitValue() == 0,
          () -> "debootstrap exited " + process.exitValue() + ": " + tail(log));
    } catch (IOException e) {
      Assumptions.abort("debootstrap could not run: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String installDebootstrap() {
    try {
      Commands.run("apt-get", "install", "-y", "-q", "debootstrap");
    } catch (IllegalStateException e) {
      Assumptions.abort("debootstrap missing and apt-get cannot install it: " + e.getMessage());
    }
    return HostTools.find("debootstrap").map(Path::toString)
        .orElseThrow(() -> new IllegalStateException("debootstrap installed but not found"));
  }

  private static boolean mirrorReachable() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(MIRROR_HOST, 80), 5_000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static void touch(Path file) {
    try {
      Files.writeString(file, "debootstrap --variant=minbase bookworm\n");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
