package io.rustyrun.runtime.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.runtime.ContainerSetupException;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.FileStatus;
import io.rustyrun.runtime.sys.LinuxSyscalls;
import io.rustyrun.runtime.sys.SyscallException;
import io.rustyrun.runtime.sys.Syscalls;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link InRootFiles} on the real kernel (unprivileged, test layer 4), each lookup case run
 * twice: with openat2, and with the component walk used where openat2 is missing (ENOSYS
 * injected), which must resolve exactly as the kernel's RESOLVE_IN_ROOT does.
 */
@Tag("linux")
@EnabledOnOs(value = OS.LINUX, disabledReason = "the real openat2 and openat")
class InRootFilesTest {

  @TempDir Path tmp;
  private Path root;
  private Path host;
  /** {@code host} as seen from inside the rootfs when a symlink names it absolutely. */
  private Path hostInside;
  private final LinuxSyscalls linux = new LinuxSyscalls();
  private final List<Integer> open = new ArrayList<>();
  private int rootFd;

  @BeforeEach
  void createRootfs() throws IOException {
    root = Files.createDirectories(tmp.resolve("rootfs")).toRealPath(); // fdPath reports real paths
    host = Files.createDirectories(tmp.resolve("host")).toRealPath();
    hostInside = root.resolve(host.toString().substring(1));
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("host"));
    Files.writeString(root.resolve("etc/passwd"), "root:x:0:0::/:/bin/sh\n");
    rootFd = track(() -> linux.openPath(root));
  }

  @AfterEach
  void closeFds() {
    open.forEach(linux::close);
  }

  private int track(IntSupplier opening) {
    int fd = opening.getAsInt();
    open.add(fd);
    return fd;
  }

  /** On the kernel's own openat2, or on one that answers ENOSYS as before Linux 5.6. */
  private InRootFiles files(boolean withOpenat2) {
    Syscalls syscalls = withOpenat2 ? linux : (Syscalls) Proxy.newProxyInstance(
        Syscalls.class.getClassLoader(), new Class<?>[] {Syscalls.class}, (proxy, method, args) -> {
          if (method.getName().equals("openInRoot")) {
            throw new SyscallException("openat2", "", Errno.ENOSYS);
          }
          try {
            return method.invoke(linux, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    return new InRootFiles(syscalls, rootFd);
  }

  private Path opened(boolean withOpenat2, String path) {
    int fd = track(() -> files(withOpenat2).open(path));
    return Path.of(linux.fdPath(fd));
  }

  private void link(String path, String target) throws IOException {
    Files.createSymbolicLink(root.resolve(path), Path.of(target));
  }

  @ParameterizedTest(name = "openat2: {0}")
  @ValueSource(booleans = {true, false})
  void aPlainPathIsInsideTheRoot(boolean withOpenat2) {
    assertThat(opened(withOpenat2, "/etc/passwd")).isEqualTo(root.resolve("etc/passwd"));
    assertThat(opened(withOpenat2, "//usr/./lib//")).isEqualTo(root.resolve("usr/lib"));
    assertThat(opened(withOpenat2, "/")).isEqualTo(root);
  }

  @ParameterizedTest(name = "openat2: {0}")
  @ValueSource(booleans = {true, false})
  void dotDotStopsAtTheRoot(boolean withOpenat2) {
    assertThat(opened(withOpenat2, "/../../etc/../../../host")).isEqualTo(root.resolve("host"));
    assertThat(opened(withOpenat2, "/usr/../..")).isEqualTo(root);
  }

  @ParameterizedTest(name = "openat2: {0}")
  @ValueSource(booleans = {true, false})
  void anAbsoluteSymlinkIsReRootedInsideTheRootfs(boolean withOpenat2) throws IOException {
    link("etc/evil", "/../../host");
    link("mnt", host.toString());
    Files.createDirectories(hostInside);

    assertThat(opened(withOpenat2, "/etc/evil")).isEqualTo(root.resolve("host"));
    assertThat(opened(withOpenat2, "/mnt")).isEqualTo(hostInside);
  }

  @ParameterizedTest(name = "openat2: {0}")
  @ValueSource(booleans = {true, false})
  void relativeSymlinksAndChainsStayInside(boolean withOpenat2) throws IOException {
    link("up", "../../../../host");
    link("lib", "usr/lib");
    link("one", "two");
    link("two", "/three");
    link("three", "usr/../etc");

    assertThat(opened(withOpenat2, "/up")).isEqualTo(root.resolve("host"));
    assertThat(opened(withOpenat2, "/lib/../..")).isEqualTo(root);
    assertThat(opened(withOpenat2, "/lib/..")).isEqualTo(root.resolve("usr"));
    assertThat(opened(withOpenat2, "/one/passwd")).isEqualTo(root.resolve("etc/passwd"));
  }

  @ParameterizedTest(name = "openat2: {0}")
  @ValueSource(booleans = {true, false})
  void aDevLinkToSlashCannotReachTheHostDev(boolean withOpenat2) throws IOException {
    link("dev", "/");
    Files.writeString(root.resolve("null"), "");

    assertThat(opened(withOpenat2, "/dev/null")).isEqualTo(root.resolve("null"));
  }

  @ParameterizedTest(name = "openat2: {0}")
  @ValueSource(booleans = {true, false})
  void aMissingPathIsEnoentAndALoopIsEloop(boolean withOpenat2) throws IOException {
    link("a", "b");
    link("b", "/a");

    assertThat(files(withOpenat2).openIfExists("/etc/shadow")).isEmpty();
    assertThatThrownBy(() -> files(withOpenat2).open("/a/x"))
        .isInstanceOfSatisfying(SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ELOOP));
  }

  @ParameterizedTest(name = "openat2: {0}")
  @ValueSource(booleans = {true, false})
  void missingDirectoriesBehindALinkToTheHostAreCreatedInside(boolean withOpenat2) throws IOException {
    link("mnt", host.toString());

    int fd = track(() -> files(withOpenat2).directory("/mnt/data/x"));

    assertThat(Path.of(linux.fdPath(fd))).isEqualTo(hostInside.resolve("data/x"));
    assertThat(hostInside.resolve("data/x")).isDirectory();
    assertThat(host).isEmptyDirectory();
  }

  @ParameterizedTest(name = "openat2: {0}")
  @ValueSource(booleans = {true, false})
  void aFileTargetBehindADanglingLinkIsCreatedAtTheLinksTargetInside(boolean withOpenat2) throws IOException {
    link("etc/resolv.conf", "../run/systemd/resolve/stub-resolv.conf");

    int fd = track(() -> files(withOpenat2).file("/etc/resolv.conf"));

    assertThat(Path.of(linux.fdPath(fd))).isEqualTo(root.resolve("run/systemd/resolve/stub-resolv.conf"));
    assertThat(root.resolve("run/systemd/resolve/stub-resolv.conf")).isRegularFile();
    assertThat(linux.fstat(fd).kind()).isEqualTo(FileStatus.Kind.REGULAR);
  }

  @Test
  void aTargetOfTheWrongTypeIsRefused() {
    assertThatThrownBy(() -> files(true).directory("/etc/passwd"))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessage("\"/etc/passwd\" in the rootfs is a regular, not a directory");
    assertThatThrownBy(() -> files(true).file("/etc"))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessage("\"/etc\" in the rootfs is a directory, the mount needs a file");
  }

  @Test
  void climbingOutOfADirectoryNotYetCreatedIsRefused() {
    assertThatThrownBy(() -> files(true).directory("/new/../x"))
        .isInstanceOf(ContainerSetupException.class)
        .hasMessageContaining("goes up (\"..\") from a directory that does not exist yet");
    assertThat(root.resolve("x")).doesNotExist();
  }

  @Test
  void theParentOfAnEntryIsOpenedAndTheNameKept() {
    InRootFiles.Entry entry = files(true).parent("/dev/fuse");
    open.add(entry.dirFd());

    assertThat(entry.name()).isEqualTo("fuse");
    assertThat(Path.of(linux.fdPath(entry.dirFd()))).isEqualTo(root.resolve("dev"));
  }

  @Test
  void aReopenedMountPointMustStillBeTheSamePath() {
    InRootFiles files = files(true);
    int first = files.open("/etc");

    int again = track(() -> files.reopenMounted(first, "/etc"));

    assertThat(Path.of(linux.fdPath(again))).isEqualTo(root.resolve("etc"));
  }
}
