package io.rustyrun.conformance;

import static io.rustyrun.conformance.RunResultAssert.assertThatRun;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue #6 item 7, a hostile image (SECURITY.md section 5): an image whose {@code /dev} is a
 * symlink out of the rootfs (CVE-2026-41579: runc created and unlinked {@code ptmx}, {@code
 * null}, ... on the host before pivot_root), and one whose bind-mount target is a symlink to a
 * host path (CVE-2024-45310: runc created empty files and directories on the host;
 * CVE-2021-30465: a host directory mounted over), and one whose {@code /dev/null} leads into
 * procfs when files are masked with it (CVE-2025-31133). Whatever {@code run} exits with, the host
 * directory the links point at must be untouched and nothing may stay mounted on the host.
 *
 * <p>Each test runs on its own copy of the busybox rootfs; the shared one is never modified.
 */
@ConformanceTest
class IsolationMaliciousRootfsIT {
  private RootfsCopy copy;
  private Path workDir;
  private Path rootfs;
  /** The host directory the image's links point at, with files a vulnerable runtime would touch. */
  private Path hostTarget;
  private HostDirectory before;

  /** How the image's symlink escapes. */
  enum Escape {
    /** {@code /work/.../host-target}: resolved on the host unless walked inside the root. */
    ABSOLUTE,
    /** {@code ../../../../..}{@code /work/.../host-target}: clamped at the root if walked inside. */
    RELATIVE
  }

  @BeforeEach
  void copyRootfsAndPrepareTheHostTarget() throws IOException {
    copy = RootfsCopy.ofBusybox("malicious-rootfs");
    workDir = copy.directory();
    rootfs = copy.rootfs();
    hostTarget = Files.createDirectories(workDir.resolve("host-target"));
    // Pre-existing names a vulnerable /dev setup would unlink or overwrite.
    Files.writeString(hostTarget.resolve("ptmx"), "host file, not a device\n");
    Files.writeString(hostTarget.resolve("keep"), "sentinel\n");
    before = HostDirectory.snapshot(hostTarget);
  }

  @AfterEach
  void removeCopy() {
    if (copy != null) {
      copy.close();
    }
  }

  @ParameterizedTest
  @EnumSource(Escape.class)
  void devSymlinkOutOfTheRootfsLeavesTheHostUntouched(Escape escape) throws IOException {
    replaceWithSymlink(rootfs.resolve("dev"), escape);

    RunResult result = Container.onRootfs(rootfs)
        .args("sh", "-c", "echo x > /dev/null; ls -la /dev/; echo ran")
        .run();

    assertHostUntouched(result.describe());
    assertNoHostMountBelow(hostTarget, rootfs);
  }

  @Test
  @RequiresTool({"script", "stty"})
  void devSymlinkWithATerminalLeavesTheHostUntouched() throws IOException {
    // With a terminal the runtime also binds a pty to /dev/console (CVE-2025-52565).
    replaceWithSymlink(rootfs.resolve("dev"), Escape.ABSOLUTE);

    String output;
    try (TerminalSession tty = Container.onRootfs(rootfs).terminal(true)
        .args("sh", "-c", "ls -la /dev/; echo ran").startInTerminal(80, 24)) {
      tty.awaitExit(Duration.ofSeconds(60));
      output = tty.output();
    }

    assertHostUntouched(output);
    assertNoHostMountBelow(hostTarget, rootfs);
  }

  @ParameterizedTest
  @EnumSource(Escape.class)
  void bindTargetSymlinkToTheHostLeavesTheHostUntouched(Escape escape) throws IOException {
    replaceWithSymlink(rootfs.resolve("mnt/evil"), escape);
    Path source = Files.createDirectories(workDir.resolve("bind-source"));
    Files.writeString(source.resolve("from-source"), "bound\n");
    Path sourceFile = Files.writeString(workDir.resolve("bind-source-file"), "file\n");

    // Every kind of target below the link: the link itself, a directory to create, a file to
    // create (CVE-2024-45310 left such empty files and directories on the host), a tmpfs.
    RunResult result = Container.onRootfs(rootfs)
        .mount(Mount.bind(source, "/mnt/evil/sub/dir"))
        .mount(Mount.bind(sourceFile, "/mnt/evil/file"))
        .mount(Mount.tmpfs("/mnt/evil/tmp", "size=1m"))
        .mount(Mount.bind(source, "/mnt/evil"))
        .args("sh", "-c", "ls -la /mnt/evil/; echo ran")
        .run();

    assertHostUntouched(result.describe());
    assertThat(HostDirectory.snapshot(source).entries()).as(result.describe())
        .containsOnlyKeys("from-source");
    assertNoHostMountBelow(hostTarget, rootfs, source, sourceFile);
  }

  @Test
  void aDevNullLeadingIntoProcIsNotUsedToMaskFiles() throws IOException {
    // CVE-2025-31133: masking a file binds /dev/null over it; a /dev/null that is a symlink to
    // a procfs file would make the "mask" a writable bind of that file. Here /dev is the
    // image's own (a bind, so no tmpfs with fresh nodes), its null a link into /proc.
    Path dev = Files.createDirectories(workDir.resolve("image-dev"));
    Files.createSymbolicLink(dev.resolve("null"), Path.of("/proc/sys/kernel/core_pattern"));
    String corePattern = HostKernel.sysctl("kernel.core_pattern");

    RunResult result = Container.onRootfs(rootfs)
        .mount(Mount.bind(dev, "/dev"))
        .linuxField("maskedPaths", List.of("/proc/timer_list"))
        .args("sh", "-c", "echo '|/bin/rr-escape' > /proc/timer_list; cat /proc/timer_list; echo ran")
        .run();

    assertThatRun(result).exitedWith(125);
    assertThat(result.stderr()).as(result.describe())
        .contains("\"/dev/null\" in the container is not the null device (char 1:3)");
    assertThat(result.stdout()).as(result.describe()).doesNotContain("ran");
    assertThat(HostKernel.sysctl("kernel.core_pattern")).isEqualTo(corePattern);
    assertNoHostMountBelow(dev, rootfs);
  }

  private void replaceWithSymlink(Path inRootfs, Escape escape) throws IOException {
    Container.deleteRecursively(inRootfs);
    Path target = switch (escape) {
      case ABSOLUTE -> hostTarget;
      // Enough ".." to climb out of any rootfs depth, then the host path.
      case RELATIVE -> Path.of("../".repeat(inRootfs.getNameCount() + 4) + hostTarget.toString().substring(1));
    };
    Files.createSymbolicLink(inRootfs, target);
  }

  private void assertHostUntouched(String context) {
    HostDirectory after = HostDirectory.snapshot(hostTarget);
    assertThat(after.entries()).as("files in the host directory %s after the run\n%s", hostTarget, context)
        .isEqualTo(before.entries());
    assertThat(after.modified()).as("mtime of %s (a create or unlink changes it)\n%s", hostTarget, context)
        .isEqualTo(before.modified());
  }

  /**
   * {@code run} has returned, so its mount namespace is gone: any mount left mentioning these
   * paths (as mount point or source) was made in the host's namespace. Only this test's paths
   * are looked at: other suites may run containers on this host at the same time.
   */
  private static void assertNoHostMountBelow(Path... paths) {
    List<String> leftovers = MountInfo.ofHost().stream()
        .filter(mount -> Stream.of(paths).anyMatch(path -> mentions(mount, path)))
        .map(mount -> mount.mountPoint() + " (" + mount.fsType() + " " + mount.root() + ")")
        .toList();
    assertThat(leftovers).as("host mounts on or from %s", List.of(paths)).isEmpty();
  }

  private static boolean mentions(MountInfo mount, Path path) {
    String prefix = path.toString();
    return mount.mountPoint().startsWith(prefix) || mount.root().startsWith(prefix);
  }

  /**
   * A directory tree's names, types and contents, plus the directory's own mtime.
   *
   * @param entries relative path to "file:CONTENT", "dir", "link:TARGET" or "other"
   * @param modified the directory's mtime
   */
  private record HostDirectory(Map<String, String> entries, FileTime modified) {
    static HostDirectory snapshot(Path dir) {
      Map<String, String> entries = new TreeMap<>();
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.filter(p -> !p.equals(dir)).toList()) {
          entries.put(dir.relativize(path).toString(), describe(path));
        }
        return new HostDirectory(entries, Files.getLastModifiedTime(dir, LinkOption.NOFOLLOW_LINKS));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private static String describe(Path path) throws IOException {
      if (Files.isSymbolicLink(path)) {
        return "link:" + Files.readSymbolicLink(path);
      }
      if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
        return "dir";
      }
      if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
        return "file:" + Files.readString(path);
      }
      return "other";
    }
  }
}
