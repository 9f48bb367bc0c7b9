package io.rustyrun.image;

import static io.rustyrun.image.testing.TarFixture.gzip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.core.Limits;
import io.rustyrun.image.fs.NioRootfsWriter;
import io.rustyrun.image.testing.JimfsRoots;
import io.rustyrun.image.testing.OciFixture;
import io.rustyrun.image.testing.TarFixture;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The table of hostile images (SECURITY.md 1 and 4; umoci's {@code tar_extract_test.go}): each
 * either fails with a message naming the problem or lands entirely inside the rootfs, and in
 * both cases nothing outside the rootfs changes. Each row fails if its rule is removed.
 */
class MaliciousImageTest {
  private final FileSystem fs = JimfsRoots.unix();
  private final Path rootfs = fs.getPath("/out/rootfs");
  private final ImageUnpacker unpacker = new ImageUnpacker(NioRootfsWriter::new);

  @AfterEach
  void closeFs() throws IOException {
    fs.close();
  }

  /** A hostile layer and what must come of it: an error containing {@code error}, or a tree. */
  record Case(String name, byte[] tar, String error, Consumer<Path> rootfsCheck) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> hostileLayers() {
    return Stream.of(
        rejects("dot-dot name", new TarFixture().file("../escape", "x"), "points outside"),
        rejects("dot-dot after a directory", new TarFixture().file("a/../../escape", "x"),
            "points outside"),
        lands("absolute name is rooted at the rootfs",
            new TarFixture().file("/outside/victim", "pwned"),
            root -> assertThat(read(root.resolve("outside/victim"))).isEqualTo("pwned")),
        lands("absolute symlink parent is re-rooted",
            new TarFixture().symlink("link", "/outside").file("link/victim", "pwned"),
            root -> assertThat(read(root.resolve("outside/victim"))).isEqualTo("pwned")),
        lands("relative symlink climbing out is clamped at the root",
            new TarFixture().symlink("link", "../../../../outside").file("link/victim", "pwned"),
            root -> assertThat(read(root.resolve("outside/victim"))).isEqualTo("pwned")),
        lands("symlink chain out of the root stays inside",
            new TarFixture().symlink("a", "b").symlink("b", "/../../outside")
                .file("a/victim", "pwned"),
            root -> assertThat(read(root.resolve("outside/victim"))).isEqualTo("pwned")),
        rejects("symlink loop", new TarFixture().symlink("a", "b").symlink("b", "a")
            .file("a/x", "x"), "too many levels of symbolic links"),
        lands("file over a symlink replaces the link, not its target",
            new TarFixture().symlink("evil", "/outside/victim").file("evil", "pwned"),
            root -> assertThat(Files.isSymbolicLink(root.resolve("evil"))).isFalse()),
        rejects("hardlink climbing out", new TarFixture().hardlink("h", "../outside/victim"),
            "points outside"),
        rejects("hardlink to an absolute host path", new TarFixture().hardlink("h",
            "/outside/victim"), "does not exist in the rootfs"),
        rejects("hardlink through a symlink out", new TarFixture().symlink("l", "/outside")
            .hardlink("h", "l/victim"), "does not exist in the rootfs"),
        rejects("whiteout climbing out", new TarFixture().file("../.wh.victim", ""),
            "points outside"),
        lands("whiteout through a symlink stays inside",
            new TarFixture().symlink("l", "/outside").file("l/.wh.victim", ""),
            root -> assertThat(Files.exists(root.resolve("l"), LinkOption.NOFOLLOW_LINKS))
                .isTrue()),
        rejects("whiteout naming the parent", new TarFixture().file("d/.wh..", ""),
            "invalid whiteout"),
        rejects("root replaced by a symlink", new TarFixture().symlink("./", "/outside"),
            "change the type of the root"),
        rejects("root replaced by a file", new TarFixture().file(".", "x"),
            "change the type of the root"),
        rejects("sparse entry", new TarFixture().raw("sparse", 'S', 0, new byte[0]),
            "sparse"),
        rejects("PAX sparse entry", new TarFixture().pax("GNU.sparse.major", "1".getBytes())
            .file("s", "x"), "sparse"),
        rejects("symlink carrying data", new TarFixture().raw("l", '2', 512, new byte[512]),
            "carries data"),
        rejects("truncated archive", truncated(), "truncated"),
        lands("PAX size wins over the header size (CVE-2025-62518)", smuggling(),
            root -> assertThat(Files.exists(root.resolve("smuggled"))).isFalse()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("hostileLayers")
  void hostileLayerTouchesNothingOutsideTheRootfs(Case hostile) throws IOException {
    Path image = fs.getPath("/images/layer.tar");
    Files.write(image, hostile.tar());
    Map<String, String> before = JimfsRoots.snapshotOutside(fs, rootfs);

    if (hostile.error() != null) {
      assertThatThrownBy(() -> unpacker.unpack(image, rootfs, UnpackOptions.forHost()))
          .isInstanceOf(ImageUnpackException.class)
          .hasMessageContaining(hostile.error());
      assertThat(leftovers()).as("no rootfs and no staging directory left").isEmpty();
    } else {
      unpacker.unpack(image, rootfs, UnpackOptions.forHost());
      hostile.rootfsCheck().accept(rootfs);
    }
    assertThat(JimfsRoots.snapshotOutside(fs, rootfs)).isEqualTo(before);
  }

  @Test
  void twoStepSymlinkAttackAcrossLayersStaysInside() throws IOException {
    byte[] plant = new TarFixture().symlink("etc", "/outside").bytes();
    byte[] write = new TarFixture().file("etc/victim", "pwned").bytes();
    Path layout = new OciFixture().layer(plant).gzipLayer(write).write(fs.getPath("/images/oci"));
    Map<String, String> before = JimfsRoots.snapshotOutside(fs, rootfs);

    unpacker.unpack(layout, rootfs, UnpackOptions.forHost());

    assertThat(read(rootfs.resolve("outside/victim"))).isEqualTo("pwned");
    assertThat(JimfsRoots.snapshotOutside(fs, rootfs)).isEqualTo(before);
  }

  @Test
  void digestsAreValidatedBeforeBuildingPaths() {
    Path layout = new OciFixture().layer(new TarFixture().file("a", "a").bytes())
        .index("{\"schemaVersion\":2,\"manifests\":[{\"mediaType\":"
            + "\"application/vnd.oci.image.manifest.v1+json\",\"size\":2,"
            + "\"digest\":\"sha256:../../../outside/victim\"}]}")
        .write(fs.getPath("/images/oci"));

    assertThatThrownBy(() -> unpacker.unpack(layout, rootfs, UnpackOptions.forHost()))
        .isInstanceOf(ImageUnpackException.class)
        .hasMessageContaining("invalid digest \"sha256:../../../outside/victim\"");
  }

  @Test
  void uppercaseHexIsNotADigest() {
    Path layout = new OciFixture().layer(new TarFixture().file("a", "a").bytes())
        .index("{\"schemaVersion\":2,\"manifests\":[{\"size\":2,\"digest\":\"sha256:"
            + "A".repeat(64) + "\"}]}")
        .write(fs.getPath("/images/oci"));

    assertThatThrownBy(() -> unpacker.unpack(layout, rootfs, UnpackOptions.forHost()))
        .hasMessageContaining("invalid digest");
  }

  @Test
  void layerDigestMismatchNamesTheBlobAndLeavesNoRootfs() {
    byte[] good = new TarFixture().file("a", "good").bytes();
    byte[] evil = new TarFixture().file("a", "evil").bytes();
    Path layout = new OciFixture().layer(new TarFixture().file("b", "b").bytes())
        .lyingLayer(evil, good)
        .write(fs.getPath("/images/oci"));

    assertThatThrownBy(() -> unpacker.unpack(layout, rootfs, UnpackOptions.forHost()))
        .isInstanceOf(ImageUnpackException.class)
        .hasMessageContaining("layer blob \"sha256:" + OciFixture.sha256(good) + "\"")
        .hasMessageContaining("digest mismatch");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aGzipLayerWhoseUncompressedDigestIsNotItsDiffIdIsRefused() {
    byte[] good = new TarFixture().file("a", "good").bytes();
    byte[] evil = new TarFixture().file("a", "evil").bytes();
    Path layout = new OciFixture().gzipLayerClaiming(evil, good)
        .write(fs.getPath("/images/oci"));

    assertThatThrownBy(() -> unpacker.unpack(layout, rootfs, UnpackOptions.forHost()))
        .isInstanceOf(ImageUnpackException.class)
        .hasMessageContaining("config diff_id \"sha256:" + OciFixture.sha256(good) + "\"")
        .hasMessageContaining("digest mismatch");
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void badGzipCrcAfterTheEndMarkerIsAnError() throws IOException {
    byte[] gz = gzip(new TarFixture().file("a", "a").bytes());
    gz[gz.length - 6] ^= 0x55; // CRC32 lives in the 8-byte trailer, after all tar data
    Path image = fs.getPath("/images/crc.tar.gz");
    Files.write(image, gz);

    assertThatThrownBy(() -> unpacker.unpack(image, rootfs, UnpackOptions.forHost()))
        .isInstanceOf(ImageUnpackException.class)
        .hasMessageContaining("crc.tar.gz");
    assertThat(leftovers()).isEmpty();
  }

  private List<String> leftovers() {
    try (Stream<Path> children = Files.list(fs.getPath("/out"))) {
      return children.map(Path::toString).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private static Case rejects(String name, TarFixture tar, String error) {
    return new Case(name, tar.bytes(), error, null);
  }

  private static Case lands(String name, TarFixture tar, Consumer<Path> check) {
    return new Case(name, tar.bytes(), null, check);
  }

  private static Case lands(String name, byte[] tar, Consumer<Path> check) {
    return new Case(name, tar, null, check);
  }

  private static Case rejects(String name, byte[] tar, String error) {
    return new Case(name, tar, error, null);
  }

  private static byte[] truncated() {
    byte[] whole = new TarFixture().file("big", "x".repeat(5000)).bytesWithoutEnd();
    return java.util.Arrays.copyOf(whole, 2048);
  }

  /**
   * A ustar header saying size 0 with a PAX size of 1024: the 1024 bytes are file data that
   * happen to look like a tar header. A reader ignoring the PAX size would create "smuggled".
   */
  private static byte[] smuggling() {
    byte[] inner = new TarFixture().file("smuggled", "x").bytesWithoutEnd();
    return new TarFixture().pax("size", String.valueOf(inner.length).getBytes())
        .raw("carrier", '0', 0, inner).bytes();
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
