package io.rustyrun.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyrun.image.fs.NioRootfsWriter;
import io.rustyrun.image.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shared fixtures, unpacked with the NIO writer onto the real file system and compared
 * tree-for-tree with what umoci made. The NIO writer cannot make device nodes, fifos or
 * non-UTF-8 names; the CLI's native-writer test compares the same fixtures with no difference
 * allowed.
 */
class FixtureUnpackTest {
  private final ImageUnpacker unpacker = new ImageUnpacker(NioRootfsWriter::new);

  @ParameterizedTest
  @ValueSource(strings = {"busybox-rootfs.tar.gz", "busybox-rootfs.tar.zst",
      "busybox-rootfs.tar.xz"})
  void plainRootfsTarballsMatchTheExpectedTree(String image, @TempDir Path tmp) {
    Path rootfs = tmp.resolve("rootfs");

    UnpackResult result = unpacker.unpack(Fixtures.path(image), rootfs, UnpackOptions.forHost());

    assertThat(result.format()).isEqualTo("rootfs-tar");
    assertThat(Fixtures.diffTree("busybox-rootfs.expected.json", rootfs)).isEmpty();
  }

  /** Uncompressed, the tarball's file data is copied from the file rather than streamed. */
  @Test
  void aPlainRootfsTarballMatchesTheExpectedTree(@TempDir Path tmp) throws IOException {
    Path image = tmp.resolve("busybox-rootfs.tar");
    try (InputStream in =
        new GZIPInputStream(Files.newInputStream(Fixtures.path("busybox-rootfs.tar.gz")))) {
      Files.copy(in, image);
    }
    Path rootfs = tmp.resolve("rootfs");

    UnpackResult result = unpacker.unpack(image, rootfs, UnpackOptions.forHost());

    assertThat(result.format()).isEqualTo("rootfs-tar");
    assertThat(Fixtures.diffTree("busybox-rootfs.expected.json", rootfs)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"multilayer.docker-archive.tar", "multilayer.oci-archive.tar",
      "multilayer.oci-zstd-archive.tar"})
  void multilayerImagesMatchTheExpectedTreeUpToWhatNioCannotMake(String image,
      @TempDir Path tmp) {
    Path rootfs = tmp.resolve("rootfs");

    UnpackResult result = unpacker.unpack(Fixtures.path(image), rootfs, UnpackOptions.forHost());

    assertThat(result.layers()).isEqualTo(3);
    assertThat(Fixtures.diffTree("multilayer.expected.json", rootfs))
        .allMatch(line -> NIO_LIMITS.stream().anyMatch(line::contains), "only NIO limits");
  }

  private static final List<String> NIO_LIMITS = List.of("/x/fifo", "/x/loop0", "non-utf8");
}
