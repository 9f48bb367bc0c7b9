package io.rustyrun.image.layer;

import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.fs.DirHandle;
import io.rustyrun.image.fs.FileType;
import io.rustyrun.image.fs.Name;
import io.rustyrun.image.fs.ScopedRoot;
import java.util.List;
import java.util.Optional;

/**
 * Applies OCI whiteout entries (image-spec {@code layer.md}, "Whiteouts"; SECURITY.md 1.4):
 * <ul>
 *   <li>{@code dir/.wh.NAME} removes {@code dir/NAME} of lower layers;
 *   <li>{@code dir/.wh..wh..opq} removes every lower child of {@code dir}, keeping {@code dir};
 *   <li>other {@code .wh..wh.*} names are AUFS bookkeeping ({@code .wh..wh.plnk}) and are
 *       skipped, as containers/storage and moby do;
 *   <li>{@code .wh.}, {@code .wh..} and {@code .wh...} would name the directory itself or its
 *       parent and are refused;
 *   <li>nothing the current layer created is removed ({@link UpperPaths}), which also makes the
 *       opaque marker's effect independent of where it appears in the layer.
 * </ul>
 *
 * <pre>{@code
 * whiteouts.apply(List.of(Name.ofText("etc")), Name.ofText(".wh.motd"), upper, source);
 * }</pre>
 *
 * <p>The directory holding a whiteout is resolved inside the root without creating anything;
 * when it does not exist there is nothing to hide. A whiteout never materialises as a file.
 */
final class Whiteouts {
  static final String PREFIX = ".wh.";
  private static final String META_PREFIX = ".wh..wh.";
  private static final String OPAQUE = ".wh..wh..opq";

  private final ScopedRoot root;

  Whiteouts(ScopedRoot root) {
    this.root = root;
  }

  static boolean isWhiteout(Name name) {
    return name.startsWith(PREFIX);
  }

  void apply(List<Name> dirPath, Name marker, UpperPaths upper, String source) {
    String latin1 = marker.latin1();
    if (latin1.equals(OPAQUE)) {
      root.resolveDir(dirPath, false).ifPresent(dir -> removeLowerChildren(dir.handle(),
          dir.realPath(), upper));
      return;
    }
    if (latin1.startsWith(META_PREFIX)) {
      return;
    }
    String target = latin1.substring(PREFIX.length());
    if (target.isEmpty() || target.equals(".") || target.equals("..")) {
      throw new ImageUnpackException(source + ": invalid whiteout "
          + ImageUnpackException.quote(marker) + " (it names no file)");
    }
    Optional<ScopedRoot.Dir> dir = root.resolveDir(dirPath, false);
    if (dir.isPresent()) {
      removeLower(dir.get().handle(), dir.get().child(new Name(target)), new Name(target), upper);
    }
  }

  /**
   * Removes {@code name} unless this layer made it; if this layer made something below it,
   * only the lower content around that goes.
   */
  private void removeLower(DirHandle parent, String realPath, Name name, UpperPaths upper) {
    if (upper.contains(realPath)) {
      return;
    }
    if (!upper.hasDescendant(realPath)) {
      root.remove(new ScopedRoot.Dir(parent, parentPath(realPath)), name);
      return;
    }
    if (root.writer().lstat(parent, name).map(s -> s.type() == FileType.DIRECTORY)
        .orElse(false)) {
      try (DirHandle dir = root.writer().openDir(parent, name)) {
        removeLowerChildren(dir, realPath, upper);
      }
    }
  }

  private void removeLowerChildren(DirHandle dir, String realPath, UpperPaths upper) {
    for (Name child : root.writer().list(dir)) {
      String childPath = realPath.isEmpty() ? child.latin1() : realPath + "/" + child.latin1();
      removeLower(dir, childPath, child, upper);
    }
  }

  private static String parentPath(String realPath) {
    int slash = realPath.lastIndexOf('/');
    return slash < 0 ? "" : realPath.substring(0, slash);
  }
}
