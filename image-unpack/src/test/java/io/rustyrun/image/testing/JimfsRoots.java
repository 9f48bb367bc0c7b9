package io.rustyrun.image.testing;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * An in-memory Unix file system with a victim outside the rootfs, and a snapshot of everything
 * outside it, to show an unpack touched nothing there.
 *
 * <pre>{@code
 * FileSystem fs = JimfsRoots.unix();
 * Map<String, String> before = JimfsRoots.snapshotOutside(fs, rootfs);
 * }</pre>
 */
public final class JimfsRoots {
  private JimfsRoots() {}

  /** A jimfs with POSIX, owner, unix and user-xattr views, {@code /outside/victim}, {@code /images} and {@code /out}. */
  public static FileSystem unix() {
    FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
        .setAttributeViews("basic", "owner", "posix", "unix", "user").build());
    try {
      Files.createDirectories(fs.getPath("/outside/dir"));
      Files.writeString(fs.getPath("/outside/victim"), "original");
      Files.createDirectories(fs.getPath("/images"));
      Files.createDirectories(fs.getPath("/out"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return fs;
  }

  /** Every path outside {@code rootfs} (and its staging siblings) with its type and content. */
  public static Map<String, String> snapshotOutside(FileSystem fs, Path rootfs) {
    Map<String, String> snapshot = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(fs.getPath("/"))) {
      paths.filter(p -> !p.startsWith(rootfs) && !p.toString().contains(".partial-"))
          .forEach(p -> snapshot.put(p.toString(), describe(p)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return snapshot;
  }

  private static String describe(Path p) {
    try {
      if (Files.isSymbolicLink(p)) {
        return "link " + Files.readSymbolicLink(p);
      }
      if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        return "dir " + Files.getAttribute(p, "posix:permissions", LinkOption.NOFOLLOW_LINKS);
      }
      return "file " + new String(Files.readAllBytes(p)) + " "
          + Files.getAttribute(p, "posix:permissions", LinkOption.NOFOLLOW_LINKS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
