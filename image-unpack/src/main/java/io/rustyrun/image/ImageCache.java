package io.rustyrun.image;

import io.rustyrun.image.blob.Digest;
import io.rustyrun.image.blob.HashingInputStream;
import io.rustyrun.image.blob.Sha256;
import io.rustyrun.image.core.ImageUnpackException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Unpacked rootfs directories keyed by the image's content digest, for {@code run} with
 * {@code image: some-image.tar}: the first run unpacks, later runs reuse.
 *
 * <pre>{@code
 * ImageCache cache = new ImageCache(fs.getPath("/var/lib/rustyrun/images"), unpacker,
 *     UnpackOptions.forHost());
 * Path rootfs = cache.rootfsFor(fs.getPath("busybox.tar"));   // .../sha256-<hex>/rootfs
 * }</pre>
 *
 * <p>The key is the sha256 of the image file (of {@code index.json} for a layout directory)
 * together with the platform and ref that select from it, so a changed image gets a new
 * rootfs. Two concurrent runs are safe: a lock file per key serialises them across processes
 * ({@code fcntl} locks through {@link FileChannel#lock}), a map of monitors within this JVM
 * (file locks are per process), and the unpacker renames a complete rootfs into place, so a
 * crash leaves no half-written cache entry.
 */
public final class ImageCache {
  private final Path cacheRoot;
  private final ImageUnpacker unpacker;
  private final UnpackOptions options;
  private final Sha256.Engine sha256;
  private final ConcurrentMap<String, Object> monitors = new ConcurrentHashMap<>();

  /**
   * @param cacheRoot where rootfs directories live (created 0700: they hold setuid files)
   * @param unpacker unpacks on a miss
   * @param options platform, ref and limits used for every image
   */
  public ImageCache(Path cacheRoot, ImageUnpacker unpacker, UnpackOptions options) {
    this.cacheRoot = cacheRoot;
    this.unpacker = unpacker;
    this.options = options;
    // The key hashes the whole image file on every run, hit or miss: with the unpacker's engine.
    this.sha256 = unpacker.sha256();
  }

  /** The rootfs of {@code image}, unpacked now unless a previous run already did. */
  public Path rootfsFor(Path image) {
    String key = "sha256-" + key(image).hex();
    Path entry = cacheRoot.resolve(key);
    Path rootfs = entry.resolve("rootfs");
    synchronized (monitors.computeIfAbsent(key, k -> new Object())) {
      try {
        createPrivateDirectory(cacheRoot);
        try (FileChannel lockFile = FileChannel.open(cacheRoot.resolve(key + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = lockFile.lock()) {
          if (!Files.isDirectory(rootfs, LinkOption.NOFOLLOW_LINKS)) {
            unpacker.unpack(image, rootfs, options);
          }
        }
      } catch (IOException e) {
        throw new ImageUnpackException("image cache " + ImageUnpackException.quote(entry)
            + ": " + e, e);
      }
    }
    return rootfs;
  }

  /** The content digest of the image, mixed with what selects inside it. */
  private Digest key(Path image) {
    Path content = Files.isDirectory(image) ? image.resolve("index.json") : image;
    try (HashingInputStream in =
        new HashingInputStream(Files.newInputStream(content), sha256.start())) {
      in.drain();
      return digestOf(in.digest() + "\n" + options.platform() + "\n"
          + options.ref().orElse(""));
    } catch (IOException e) {
      throw ImageUnpackException.unreadableImage(image, e);
    }
  }

  private Digest digestOf(String text) {
    return Digest.of(sha256.hash(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    Files.createDirectories(dir);
    PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
    if (view != null) {
      view.setPermissions(PosixFilePermissions.fromString("rwx------"));
    }
  }
}
