package io.rustyrun.image;

import io.rustyrun.image.blob.Compression;
import io.rustyrun.image.blob.DirectoryImageFiles;
import io.rustyrun.image.blob.ImageFiles;
import io.rustyrun.image.blob.ImagePlan;
import io.rustyrun.image.blob.JsonDocuments;
import io.rustyrun.image.blob.LayerBlob;
import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.docker.DockerArchiveReader;
import io.rustyrun.image.oci.OciImageReader;
import io.rustyrun.image.tar.TarImageFiles;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Tells what an image path holds, by content and never by name, and plans its layers:
 *
 * <table>
 *   <caption>detection order</caption>
 *   <tr><th>content</th><th>format</th></tr>
 *   <tr><td>a directory with {@code oci-layout} and {@code index.json}</td><td>oci-layout</td></tr>
 *   <tr><td>gzip, zstd or xz magic</td><td>rootfs-tar (compressed)</td></tr>
 *   <tr><td>a tar of only image-archive names, with {@code oci-layout}</td>
 *       <td>oci-archive (also Docker 25 saves)</td></tr>
 *   <tr><td>the same with {@code manifest.json}</td><td>docker-archive</td></tr>
 *   <tr><td>any other tar</td><td>rootfs-tar</td></tr>
 * </table>
 *
 * <pre>{@code
 * try (ImageSources.Opened image = ImageSources.open(path, options)) {
 *   image.plan().layers() ...
 * }
 * }</pre>
 */
final class ImageSources {
  private ImageSources() {}

  /** A planned image and the archive it keeps open. */
  record Opened(ImagePlan plan, ImageFiles files) implements AutoCloseable {
    @Override
    public void close() {
      if (files != null) {
        files.close();
      }
    }
  }

  static Opened open(Path image, UnpackOptions options) {
    String description = ImageUnpackException.quote(image);
    if (Files.isDirectory(image)) {
      ImageFiles files = new DirectoryImageFiles(image);
      if (!OciImageReader.isLayout(files)) {
        throw new ImageUnpackException(
            "image " + description + " is a directory but not an OCI image layout");
      }
      return new Opened(oci(files, options, "oci-layout"), files);
    }
    if (compression(image) != Compression.NONE) {
      return new Opened(rootfsTar(image, description, Optional.empty()), null);
    }
    SeekableByteChannel channel = channel(image);
    Optional<TarImageFiles> archive;
    try {
      archive = TarImageFiles.indexImageArchive(channel, "image " + description,
          options.limits());
      if (archive.isEmpty()) {
        channel.close();
        return new Opened(rootfsTar(image, description, Optional.of(image)), null);
      }
    } catch (IOException e) {
      throw ImageUnpackException.unreadableImage(image, e);
    } catch (RuntimeException e) {
      closeQuietly(channel, e);
      throw e;
    }
    ImageFiles files = archive.get();
    try {
      return new Opened(archivePlan(files, options, description), files);
    } catch (RuntimeException e) {
      files.close();
      throw e;
    }
  }

  private static ImagePlan archivePlan(ImageFiles files, UnpackOptions options,
      String description) {
    if (OciImageReader.isLayout(files)) {
      return oci(files, options, "oci-archive");
    }
    if (DockerArchiveReader.isDockerArchive(files)) {
      return new DockerArchiveReader(files, json(files, options))
          .plan(options.ref(), options.platform());
    }
    throw new ImageUnpackException("image " + description
        + " looks like an image archive but has neither index.json nor manifest.json");
  }

  private static ImagePlan oci(ImageFiles files, UnpackOptions options, String format) {
    return new OciImageReader(files, json(files, options), format)
        .plan(options.ref(), options.platform());
  }

  private static JsonDocuments json(ImageFiles files, UnpackOptions options) {
    return new JsonDocuments(files, options.limits().maxJsonBytes());
  }

  /**
   * A rootfs tarball: one layer, nothing to verify it against; {@code plainFile} is the image
   * itself when it is not compressed.
   */
  private static ImagePlan rootfsTar(Path image, String description, Optional<Path> plainFile) {
    LayerBlob layer = new LayerBlob("image " + description, () -> stream(image),
        Optional.empty(), -1, Optional.empty(), plainFile);
    return new ImagePlan("rootfs-tar", List.of(layer));
  }

  private static Compression compression(Path image) {
    try (InputStream in = new BufferedInputStream(stream(image), 16)) {
      return Compression.detect(in);
    } catch (IOException e) {
      throw ImageUnpackException.unreadableImage(image, e);
    }
  }

  private static InputStream stream(Path image) {
    try {
      return Files.newInputStream(image, LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw ImageUnpackException.unreadableImage(image, e);
    }
  }

  private static SeekableByteChannel channel(Path image) {
    try {
      return Files.newByteChannel(image);
    } catch (IOException e) {
      throw ImageUnpackException.unreadableImage(image, e);
    }
  }


  private static void closeQuietly(SeekableByteChannel channel, Exception cause) {
    try {
      channel.close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }
}
