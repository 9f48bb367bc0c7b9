package io.rustyrun.runtime.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.rustyrun.runtime.sys.FileSyscalls.OpenFlag;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fd-based calls against the real kernel, in a temporary directory. */
class LinuxFileSyscallsTest {
  private static final Set<OpenFlag> DIRECTORY =
      EnumSet.of(OpenFlag.PATH, OpenFlag.DIRECTORY, OpenFlag.NOFOLLOW, OpenFlag.CLOEXEC);
  private static final byte[] NON_UTF8 = {'n', 'o', 'n', '-', (byte) 0xff, (byte) 0xfe};

  private final FileSyscalls fs = new LinuxFileSyscalls();
  @TempDir Path tmp;
  private int dir;

  @BeforeEach
  void openTmp() {
    dir = fs.openat(FileSyscalls.AT_FDCWD, bytes(tmp.toString()), DIRECTORY, 0);
  }

  @AfterEach
  void closeTmp() {
    fs.close(dir);
  }

  @Test
  void createsAndListsNonUtf8NamesByteForByte() {
    fs.mkdirat(dir, NON_UTF8, 0755);

    assertThat(fs.readdir(fs.openat(dir, new byte[] {'.'},
        EnumSet.of(OpenFlag.READ_ONLY, OpenFlag.DIRECTORY, OpenFlag.CLOEXEC), 0)))
        .containsExactly(NON_UTF8);
    assertThat(fs.fstatat(dir, NON_UTF8).orElseThrow().kind())
        .isEqualTo(FileStatus.Kind.DIRECTORY);
  }

  @Test
  void writesAFileThroughItsFdWithModeAndTimes() throws IOException {
    int fd = fs.openat(dir, bytes("f"), EnumSet.of(OpenFlag.WRITE_ONLY, OpenFlag.CREATE,
        OpenFlag.EXCLUSIVE, OpenFlag.NOFOLLOW, OpenFlag.CLOEXEC), 0600);
    byte[] data = new byte[600_000];
    data[599_999] = 7;
    fs.write(fd, data, 0, data.length);
    fs.fchmod(fd, 04755);
    fs.futimens(fd, 1_700_000_000L, 5);
    fs.close(fd);

    FileStatus status = fs.fstatat(dir, bytes("f")).orElseThrow();
    assertThat(status.size()).isEqualTo(600_000);
    assertThat(status.permissions()).isEqualTo(04755);
    assertThat(Files.readAllBytes(tmp.resolve("f"))).isEqualTo(data);
    assertThat(Files.getLastModifiedTime(tmp.resolve("f")).toMillis() / 1000)
        .isEqualTo(1_700_000_000L);
  }

  @Test
  void preadReadsAtAPositionAndSendfileCopiesARangeInsideTheKernel() throws IOException {
    byte[] data = new byte[300_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 7);
    }
    Files.write(tmp.resolve("source"), data);
    int in = fs.openat(dir, bytes("source"), EnumSet.of(OpenFlag.READ_ONLY, OpenFlag.CLOEXEC), 0);
    int out = fs.openat(dir, bytes("copy"), EnumSet.of(OpenFlag.WRITE_ONLY, OpenFlag.CREATE,
        OpenFlag.EXCLUSIVE, OpenFlag.CLOEXEC), 0600);
    try {
      byte[] header = new byte[512];
      assertThat(fs.pread(in, header, 0, 512, 1000)).isEqualTo(512);
      assertThat(header).isEqualTo(Arrays.copyOfRange(data, 1000, 1512));
      assertThat(fs.pread(in, header, 0, 512, data.length)).isZero();

      long copied = 0;
      while (copied < 200_000) {
        copied += fs.sendfile(out, in, 50_000 + copied, 200_000 - copied);
      }
      assertThat(fs.sendfile(out, in, data.length, 10)).isZero();
    } finally {
      fs.close(in);
      fs.close(out);
    }
    assertThat(Files.readAllBytes(tmp.resolve("copy")))
        .isEqualTo(Arrays.copyOfRange(data, 50_000, 250_000));
  }

  @Test
  void openingThroughASymlinkWithNofollowFails() {
    fs.symlinkat(bytes("/etc"), dir, bytes("link"));

    assertThat(fs.readlinkat(dir, bytes("link"))).isEqualTo(bytes("/etc"));
    assertThat(fs.fstatat(dir, bytes("link")).orElseThrow().kind())
        .isEqualTo(FileStatus.Kind.SYMLINK);
    assertThatThrownBy(() -> fs.openat(dir, bytes("link"), DIRECTORY, 0))
        .isInstanceOf(SyscallException.class)
        .hasMessageContaining("openat(")
        .hasMessageContaining("name=\"link\"");
  }

  @Test
  void errorsNameTheCallTheObjectAndTheErrno() {
    assertThatThrownBy(() -> fs.mkdirat(dir, bytes("missing/child"), 0755))
        .isInstanceOf(SyscallException.class)
        .hasMessage("mkdirat(dirfd=" + dir + ", name=\"missing/child\", mode=0755): "
            + "ENOENT (no such file or directory)");
    assertThatThrownBy(() -> fs.unlinkat(dir, NON_UTF8, false))
        .hasMessageContaining("name=\"non-\\xff\\xfe\"");
  }

  @Test
  void missingNamesStatAsEmpty() {
    assertThat(fs.fstatat(dir, bytes("nothing"))).isEmpty();
  }

  @Test
  void hardlinksUnlinksAndFifos() {
    fs.mknodat(dir, bytes("fifo"), new DeviceNode(DeviceNode.Type.FIFO, 0, 0, 0640));
    fs.linkat(dir, bytes("fifo"), dir, bytes("fifo2"));

    assertThat(fs.fstatat(dir, bytes("fifo2")).orElseThrow().nlink()).isEqualTo(2);
    assertThat(fs.fstatat(dir, bytes("fifo")).orElseThrow().kind())
        .isEqualTo(FileStatus.Kind.FIFO);
    fs.unlinkat(dir, bytes("fifo2"), false);
    assertThat(fs.fstatat(dir, bytes("fifo2"))).isEmpty();
  }

  @Test
  void ownersDevicesAndTrustedXattrsAsRoot() {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root");
    fs.mknodat(dir, bytes("null"), new DeviceNode(DeviceNode.Type.CHAR, 1, 3, 0666));
    fs.fchownat(dir, bytes("null"), 1234, 5678);
    fs.fchmodat(dir, bytes("null"), 0620);
    fs.lsetxattr(bytes("/proc/self/fd/" + dir + "/null"), "trusted.rustyrun", new byte[] {1});

    FileStatus status = fs.fstatat(dir, bytes("null")).orElseThrow();
    assertThat(status.kind()).isEqualTo(FileStatus.Kind.CHAR_DEVICE);
    assertThat(status.rdevMajor()).isEqualTo(1);
    assertThat(status.rdevMinor()).isEqualTo(3);
    assertThat(status.uid()).isEqualTo(1234);
    assertThat(status.gid()).isEqualTo(5678);
    assertThat(status.permissions()).isEqualTo(0620);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
