package io.rustyrun.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.image.core.LimitExceededException;
import io.rustyrun.image.core.Limits;
import io.rustyrun.image.fs.NioRootfsWriter;
import io.rustyrun.image.testing.JimfsRoots;
import io.rustyrun.image.testing.OciFixture;
import io.rustyrun.image.testing.TarFixture;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each limit of SECURITY.md 1.8 stops its attack with an error naming the flag to raise. */
class LimitsTest {
  private final FileSystem fs = JimfsRoots.unix();
  private final Path rootfs = fs.getPath("/out/rootfs");
  private final ImageUnpacker unpacker = new ImageUnpacker(NioRootfsWriter::new);

  @AfterEach
  void closeFs() throws IOException {
    fs.close();
  }

  /** 64 MiB of zeros: ~64 KiB of gzip, ~2 KiB of zstd. */
  private static byte[] bomb() {
    return new TarFixture().file("zeros", new byte[64 << 20], 0644).bytes();
  }

  @Test
  void gzipBombStopsAtTheTotalLimit() throws IOException {
    Path image = write("bomb.tar.gz", TarFixture.gzip(bomb()));

    assertThatThrownBy(() -> unpack(image, Limits.defaults().withMaxTotalBytes(1 << 20)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("--max-total-bytes");
    assertThat(Files.exists(rootfs)).isFalse();
  }

  @Test
  void zstdBombStopsAtTheTotalLimit() throws IOException {
    Path image = write("bomb.tar.zst", TarFixture.zstd(bomb()));

    assertThatThrownBy(() -> unpack(image, Limits.defaults().withMaxTotalBytes(1 << 20)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("--max-total-bytes");
  }

  @Test
  void aPlainTarballsDataCountsAgainstTheTotalLimitToo() throws IOException {
    // Plain tarballs are copied from the file, not streamed: the budget still sees every byte.
    Path image = write("big.tar", new TarFixture().file("a", new byte[600_000], 0644)
        .file("b", new byte[600_000], 0644).bytes());

    assertThatThrownBy(() -> unpack(image, Limits.defaults().withMaxTotalBytes(1_000_000)))
        .isInstanceOf(LimitExceededException.class)
        .hasMessageContaining("--max-total-bytes");
    assertThat(Files.exists(rootfs)).isFalse();
  }

  @Test
  void oneFileOverTheFileLimitIsRefusedFromItsHeader() throws IOException {
    Path image = write("big.tar", new TarFixture().file("big", new byte[4096], 0644).bytes());

    assertThatThrownBy(() -> unpack(image, Limits.defaults().withMaxFileBytes(1024)))
        .hasMessageContaining("--max-file-bytes").hasMessageContaining("\"big\"");
  }

  @Test
  void tooManyEntries() throws IOException {
    TarFixture tar = new TarFixture();
    for (int i = 0; i < 20; i++) {
      tar.file("f" + i, "x");
    }
    Path image = write("many.tar", tar.bytes());

    assertThatThrownBy(() -> unpack(image, Limits.defaults().withMaxEntries(10)))
        .hasMessageContaining("--max-entries");
  }

  @Test
  void hugePaxHeaderIsRefusedBeforeItIsBuffered() throws IOException {
    Path image = write("pax.tar", new TarFixture()
        .pax("comment", new byte[2 << 20]).file("a", "a").bytes());

    assertThatThrownBy(() -> unpack(image, Limits.defaults()))
        .hasMessageContaining("--max-pax-header-bytes");
  }

  @Test
  void hugeJsonDocumentIsRefused() {
    Path layout = new OciFixture().layer(new TarFixture().file("a", "a").bytes())
        .index("{\"schemaVersion\":2,\"manifests\":[],\"pad\":\"" + "x".repeat(4096) + "\"}")
        .write(fs.getPath("/images/oci"));

    assertThatThrownBy(() -> unpack(layout, Limits.defaults().withMaxJsonBytes(1024)))
        .hasMessageContaining("--max-json-bytes").hasMessageContaining("index.json");
  }

  private UnpackResult unpack(Path image, Limits limits) {
    return unpacker.unpack(image, rootfs, UnpackOptions.forHost().withLimits(limits));
  }

  private Path write(String name, byte[] bytes) throws IOException {
    return Files.write(fs.getPath("/images", name), bytes);
  }
}
