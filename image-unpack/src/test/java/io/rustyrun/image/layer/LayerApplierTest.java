package io.rustyrun.image.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.core.Limits;
import io.rustyrun.image.core.ProgressListener;
import io.rustyrun.image.core.UnpackBudget;
import io.rustyrun.image.fs.Metadata;
import io.rustyrun.image.fs.NioRootfsWriter;
import io.rustyrun.image.fs.ScopedRoot;
import io.rustyrun.image.tar.TarReader;
import io.rustyrun.image.testing.JimfsRoots;
import io.rustyrun.image.testing.TarFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Changeset semantics (image-spec "Applying Changesets", "Whiteouts") on jimfs. */
class LayerApplierTest {
  private final FileSystem fs = JimfsRoots.unix();
  private final Path root = fs.getPath("/out");
  private final ScopedRoot scoped = new ScopedRoot(new NioRootfsWriter(root),
      new Metadata(0, 0, 0755, Map.of(), 0, 0));
  private final LayerApplier applier = new LayerApplier(scoped);

  @AfterEach
  void close() throws IOException {
    scoped.close();
    fs.close();
  }

  private void apply(TarFixture layer) {
    UnpackBudget budget = new UnpackBudget(Limits.defaults(), ProgressListener.NONE);
    applier.apply(new TarReader(new ByteArrayInputStream(layer.bytes()), "layer", budget),
        "layer");
  }

  @Test
  void whiteoutRemovesLowerContent() {
    apply(new TarFixture().dir("d").file("d/a", "a").file("d/b", "b"));
    apply(new TarFixture().file("d/.wh.a", ""));

    assertThat(root.resolve("d/a")).doesNotExist();
    assertThat(root.resolve("d/b")).exists();
    assertThat(root.resolve("d/.wh.a")).doesNotExist();
  }

  @Test
  void whiteoutNeverRemovesWhatTheSameLayerCreated() {
    apply(new TarFixture().file("x", "lower"));
    apply(new TarFixture().file("x", "upper").file(".wh.x", ""));

    assertThat(root.resolve("x")).hasContent("upper");
  }

  @Test
  void opaqueDirectoryKeepsTheSameLayersChildrenWhereverTheMarkerIs() {
    apply(new TarFixture().dir("o").file("o/lower", "1").dir("o/sub").file("o/sub/deep", "2"));
    apply(new TarFixture().dir("o").file("o/new", "3").file("o/.wh..wh..opq", ""));

    assertThat(root.resolve("o/new")).hasContent("3");
    assertThat(root.resolve("o/lower")).doesNotExist();
    assertThat(root.resolve("o/sub")).doesNotExist();
    assertThat(root.resolve("o")).isDirectory();
  }

  @Test
  void fileReplacesDirectoryAndDirectoryReplacesFile() {
    apply(new TarFixture().dir("d2f").file("d2f/child", "c").file("f2d", "f"));
    apply(new TarFixture().file("d2f", "now a file").dir("f2d").file("f2d/inside", "i"));

    assertThat(root.resolve("d2f")).isRegularFile().hasContent("now a file");
    assertThat(root.resolve("f2d/inside")).hasContent("i");
  }

  @Test
  void hardlinkSharesTheEarlierEntrysInodeAndIgnoresItsOwnData() throws IOException {
    // CVE-2016-5418: data carried by a hardlink entry must not reach the target
    apply(new TarFixture().file("orig", "data").entry("link", '1', 0644, "EVIL".getBytes(), "orig"));
    assertThat(root.resolve("orig")).hasContent("data");
    assertThat(Files.isSameFile(root.resolve("link"), root.resolve("orig"))).isTrue();
    assertThatThrownBy(() -> apply(new TarFixture().hardlink("l2", "missing")))
        .isInstanceOf(ImageUnpackException.class).hasMessageContaining("does not exist");

    apply(new TarFixture().hardlink("same", "orig"));
    assertThat(Files.isSameFile(root.resolve("same"), root.resolve("orig"))).isTrue();
  }

  @Test
  void writingThroughAnInRootDirectorySymlinkWorks() {
    apply(new TarFixture().dir("usr").dir("usr/lib").symlink("lib", "usr/lib"));
    apply(new TarFixture().file("lib/libc.so", "elf"));

    assertThat(root.resolve("usr/lib/libc.so")).hasContent("elf");
    assertThat(Files.isSymbolicLink(root.resolve("lib"))).isTrue();
  }

  @Test
  void invalidWhiteoutNamesAreRefusedAndAufsMetadataIsSkipped() {
    apply(new TarFixture().dir(".wh..wh.plnk").file(".wh..wh.aufs", ""));
    assertThat(root.resolve(".wh..wh.aufs")).doesNotExist();

    assertThatThrownBy(() -> apply(new TarFixture().file("d/.wh.", "")))
        .hasMessageContaining("invalid whiteout");
  }

  @Test
  void directoryOverDirectoryKeepsChildrenAndTakesTheNewMode() throws IOException {
    apply(new TarFixture().dir("d").file("d/keep", "k"));
    apply(new TarFixture().entry("d", '5', 0700, new byte[0], ""));

    assertThat(root.resolve("d/keep")).exists();
    assertThat(Files.getAttribute(root.resolve("d"), "posix:permissions",
        LinkOption.NOFOLLOW_LINKS).toString()).doesNotContain("GROUP");
  }
}
