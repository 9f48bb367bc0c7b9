package io.rustyrun.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.rustyrun.image.fs.NioRootfsWriter;
import io.rustyrun.image.testing.JimfsRoots;
import io.rustyrun.image.testing.TarFixture;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ImageCacheTest {
  private final FileSystem fs = JimfsRoots.unix();
  private final AtomicInteger unpacks = new AtomicInteger();
  private final ImageCache cache = new ImageCache(fs.getPath("/cache"),
      new ImageUnpacker(NioRootfsWriter::new),
      UnpackOptions.forHost().withProgress((bytes, entries) -> {
        if (entries == 1) {
          unpacks.incrementAndGet();
        }
      }));

  @AfterEach
  void closeFs() throws IOException {
    fs.close();
  }

  private Path image(String content) throws IOException {
    return Files.write(fs.getPath("/images/img-" + content + ".tar"),
        new TarFixture().file("etc/hostname", content).bytes());
  }

  @Test
  void secondRunReusesTheUnpackedRootfs() throws IOException {
    Path image = image("a");

    Path first = cache.rootfsFor(image);
    Path second = cache.rootfsFor(image);

    assertThat(second).isEqualTo(first);
    assertThat(first.resolve("etc/hostname")).hasContent("a");
    assertThat(unpacks).hasValue(1);
    assertThat(first.getParent().getFileName().toString()).startsWith("sha256-");
  }

  @Test
  void aChangedImageGetsItsOwnRootfs() throws IOException {
    assertThat(cache.rootfsFor(image("a"))).isNotEqualTo(cache.rootfsFor(image("b")));
  }

  @Test
  void concurrentRunsUnpackOnce() throws Exception {
    Path image = image("a");
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      Callable<Path> run = () -> cache.rootfsFor(image);
      List<Future<Path>> results = pool.invokeAll(List.of(run, run, run, run));
      for (Future<Path> result : results) {
        assertThat(result.get().resolve("etc/hostname")).hasContent("a");
      }
    } finally {
      pool.shutdown();
    }
    assertThat(unpacks).hasValue(1);
  }
}
