package io.rustyrun.image.blob;

import java.io.InputStream;
import java.util.Optional;

/**
 * The files of an image container: an OCI layout directory, or the members of an OCI or
 * docker-save archive. Names are relative, with {@code /} separators ({@code index.json},
 * {@code blobs/sha256/…}).
 *
 * <pre>{@code
 * try (ImageFiles files = new DirectoryImageFiles(layoutDir)) {
 *   long size = files.size("index.json").orElseThrow();
 *   try (InputStream in = files.open("index.json")) { ... }
 * }
 * }</pre>
 */
public interface ImageFiles extends AutoCloseable {
  /** The size of regular file {@code name} (links resolved inside the container); empty if none. */
  Optional<Long> size(String name);

  /** The content of {@code name}; throws if it does not exist. */
  InputStream open(String name);

  /** What the files are, quoted, for messages. */
  String description();

  @Override
  void close();
}
