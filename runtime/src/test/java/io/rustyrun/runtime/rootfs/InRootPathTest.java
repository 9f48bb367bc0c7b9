package io.rustyrun.runtime.rootfs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InRootPathTest {

  private final FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
  private final Path root = fs.getPath("/rootfs");

  @BeforeEach
  void createRootfs() throws IOException {
    Files.createDirectories(root.resolve("usr/lib"));
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(fs.getPath("/host"));
  }

  @AfterEach
  void close() throws IOException {
    fs.close();
  }

  private void link(String path, String target) throws IOException {
    Files.createSymbolicLink(root.resolve(path), fs.getPath(target));
  }

  @Test
  void aPlainPathIsJoinedToTheRoot() {
    assertThat(InRootPath.resolve(root, "/etc/passwd")).isEqualTo(fs.getPath("/rootfs/etc/passwd"));
  }

  @Test
  void dotDotStopsAtTheRoot() {
    assertThat(InRootPath.resolve(root, "/../../etc/../../../host")).isEqualTo(fs.getPath("/rootfs/host"));
    assertThat(InRootPath.resolve(root, "/usr/../..")).isEqualTo(root);
  }

  @Test
  void dotAndRepeatedSlashesAreSkipped() {
    assertThat(InRootPath.resolve(root, "//usr/./lib//x")).isEqualTo(fs.getPath("/rootfs/usr/lib/x"));
  }

  @Test
  void anAbsoluteSymlinkIsReRootedInsideTheRootfs() throws IOException {
    link("etc/evil", "/../../host");

    assertThat(InRootPath.resolve(root, "/etc/evil")).isEqualTo(fs.getPath("/rootfs/host"));
    assertThat(InRootPath.resolve(root, "/etc/evil/shadow")).isEqualTo(fs.getPath("/rootfs/host/shadow"));
  }

  @Test
  void aRelativeSymlinkClimbingOutStaysInside() throws IOException {
    link("a", "../../../x");
    link("etc/up", "../../../../host/etc");

    assertThat(InRootPath.resolve(root, "/a")).isEqualTo(fs.getPath("/rootfs/x"));
    assertThat(InRootPath.resolve(root, "/etc/up/passwd")).isEqualTo(fs.getPath("/rootfs/host/etc/passwd"));
  }

  @Test
  void aDevLinkToSlashCannotReachTheHostDev() throws IOException {
    link("dev", "/");

    assertThat(InRootPath.resolve(root, "/dev/null")).isEqualTo(fs.getPath("/rootfs/null"));
  }

  @Test
  void aChainOfLinksIsFollowedToTheEnd() throws IOException {
    link("one", "two");
    link("two", "/three");
    link("three", "usr/../etc");

    assertThat(InRootPath.resolve(root, "/one/hosts")).isEqualTo(fs.getPath("/rootfs/etc/hosts"));
  }

  @Test
  void mergedUsrLibResolvesIntoUsrLib() throws IOException {
    link("lib", "usr/lib");

    assertThat(InRootPath.resolve(root, "/lib/x86_64-linux-gnu/libc.so.6"))
        .isEqualTo(fs.getPath("/rootfs/usr/lib/x86_64-linux-gnu/libc.so.6"));
  }

  @Test
  void dotDotAfterALinkClimbsFromTheLinkTarget() throws IOException {
    link("lib", "usr/lib");

    assertThat(InRootPath.resolve(root, "/lib/../bin")).isEqualTo(fs.getPath("/rootfs/usr/bin"));
  }

  @Test
  void aLinkLoopIsRejected() throws IOException {
    link("a", "b");
    link("b", "/a");

    assertThatThrownBy(() -> InRootPath.resolve(root, "/a/x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("too many levels of symbolic links in \"/a/x\"");
  }
}
