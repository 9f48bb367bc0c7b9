package io.rustyrun.image;

import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.fs.Metadata;
import io.rustyrun.image.fs.Name;
import io.rustyrun.image.fs.RootfsWriter;
import io.rustyrun.image.fs.RootfsWriterFactory;
import io.rustyrun.image.fs.ScopedRoot;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Unpacks into a temporary sibling of the target and renames it into place, so the target is
 * either absent or complete: a failed layer never leaves a half-applied rootfs behind.
 *
 * <pre>{@code
 * Staging staging = Staging.prepare(dir);          // dir/../.rootfs.partial-1a2b…
 * try { ... write into staging.path() ...; staging.commit(); }
 * catch (RuntimeException e) { staging.abort(writers, e); throw e; }
 * }</pre>
 *
 * <p>A parent directory the unpacker has to create gets mode 0700: a rootfs holds setuid files
 * and device nodes that other users must not reach (SECURITY.md 1.10, as umoci forces the
 * bundle to 0700).
 */
final class Staging {
  private static final Metadata ROOT_DIR = new Metadata(0, 0, 0755, Map.of(), 0, 0);

  private final Path target;
  private final Path path;

  private Staging(Path target, Path path) {
    this.target = target;
    this.path = path;
  }

  /** Checks {@code target} is absent or an empty directory and creates the staging sibling. */
  static Staging prepare(Path target) {
    Path absolute = target.toAbsolutePath();
    Path parent = absolute.getParent();
    if (parent == null) {
      throw new ImageUnpackException("cannot unpack into " + quote(target));
    }
    try {
      createPrivateParent(parent);
      requireAbsentOrEmpty(absolute);
      Path path = parent.resolve("." + absolute.getFileName() + ".partial-"
          + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
      Files.createDirectory(path);
      setMode(path, "rwxr-xr-x");
      return new Staging(absolute, path);
    } catch (IOException e) {
      throw new ImageUnpackException("cannot prepare " + quote(target) + ": " + e, e);
    }
  }

  Path path() {
    return path;
  }

  /** Renames the staging directory to the target (replacing it if it is an empty directory). */
  void commit() {
    try {
      if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        Files.delete(target); // empty, checked by prepare; rename(2) could replace it anyway
      }
      Files.move(path, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new ImageUnpackException("cannot move the unpacked rootfs to " + quote(target)
          + ": " + e, e);
    }
  }

  /**
   * Removes the staging directory after {@code failure}, through a writer so that nothing is
   * followed out of it; cleanup problems are attached to {@code failure}.
   */
  void abort(RootfsWriterFactory writers, RuntimeException failure) {
    try {
      try (RootfsWriter writer = writers.open(path);
          ScopedRoot root = new ScopedRoot(writer, ROOT_DIR)) {
        for (Name child : writer.list(writer.root())) {
          root.remove(root.root(), child);
        }
      }
      Files.delete(path);
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  private static void createPrivateParent(Path parent) throws IOException {
    if (Files.isDirectory(parent)) {
      return;
    }
    Path grandparent = parent.getParent();
    if (grandparent != null) {
      Files.createDirectories(grandparent);
    }
    Files.createDirectory(parent);
    setMode(parent, "rwx------");
  }

  private static void requireAbsentOrEmpty(Path target) throws IOException {
    if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
      throw new ImageUnpackException(quote(target) + " exists and is not a directory");
    }
    try (DirectoryStream<Path> children = Files.newDirectoryStream(target)) {
      if (children.iterator().hasNext()) {
        throw new ImageUnpackException(quote(target) + " exists and is not empty");
      }
    }
  }

  private static void setMode(Path dir, String permissions) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(dir, PosixFileAttributeView.class);
    if (view != null) {
      view.setPermissions(PosixFilePermissions.fromString(permissions));
    }
  }

  private static String quote(Path path) {
    return ImageUnpackException.quote(path);
  }
}
