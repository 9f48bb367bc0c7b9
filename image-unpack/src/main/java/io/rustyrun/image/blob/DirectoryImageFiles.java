package io.rustyrun.image.blob;

import io.rustyrun.image.core.ImageUnpackException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The files of an OCI image layout directory.
 *
 * <pre>{@code
 * ImageFiles files = new DirectoryImageFiles(fs.getPath("/images/busybox"));
 * }</pre>
 *
 * <p>Only names built by the unpacker (from validated digests) are opened, and never through a
 * symlink: a layout is plain files.
 */
public final class DirectoryImageFiles implements ImageFiles {
  private final Path dir;

  public DirectoryImageFiles(Path dir) {
    this.dir = dir;
  }

  @Override
  public Optional<Long> size(String name) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(
          dir.resolve(name), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      return attributes.isRegularFile() ? Optional.of(attributes.size()) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw new ImageUnpackException("cannot read " + quote(name) + ": " + e, e);
    }
  }

  @Override
  public InputStream open(String name) {
    try {
      return Files.newInputStream(dir.resolve(name), StandardOpenOption.READ,
          LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new ImageUnpackException("cannot open " + quote(name) + ": " + e, e);
    }
  }

  @Override
  public String description() {
    return ImageUnpackException.quote(dir);
  }

  @Override
  public void close() {}

  private String quote(String name) {
    return ImageUnpackException.quote(dir.resolve(name));
  }
}
