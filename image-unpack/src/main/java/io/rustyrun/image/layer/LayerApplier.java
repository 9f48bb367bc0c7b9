package io.rustyrun.image.layer;

import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.fs.FileSink;
import io.rustyrun.image.fs.FileStat;
import io.rustyrun.image.fs.FileType;
import io.rustyrun.image.fs.Metadata;
import io.rustyrun.image.fs.Name;
import io.rustyrun.image.fs.RawText;
import io.rustyrun.image.fs.RootfsWriter;
import io.rustyrun.image.fs.ScopedRoot;
import io.rustyrun.image.fs.SourceFile;
import io.rustyrun.image.tar.EntryType;
import io.rustyrun.image.tar.TarEntry;
import io.rustyrun.image.tar.TarReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies one layer (a tar changeset) onto a rootfs, following the image-spec's "Applying
 * Changesets" and the rules of SECURITY.md section 1.
 *
 * <pre>{@code
 * LayerApplier applier = new LayerApplier(new ScopedRoot(writer, implicitDir));
 * applier.apply(new TarReader(in, source, budget), source);
 * }</pre>
 *
 * <p>Per entry: clean the name lexically ({@link EntryNames}); resolve its parent inside the
 * root ({@link ScopedRoot}); create optimistically; on a conflict keep a directory over a
 * directory and otherwise remove what is there and create again (never {@code O_TRUNC}, which
 * would write through a hardlink or block on a fifo). Directory metadata is applied after the
 * layer, deepest last-listed first, so a 0500 directory can still be filled and its mtime is
 * not disturbed by its children.
 */
public final class LayerApplier {
  private final ScopedRoot root;
  private final RootfsWriter writer;
  private final Whiteouts whiteouts;
  private final byte[] buffer = new byte[256 * 1024];

  public LayerApplier(ScopedRoot root) {
    this.root = root;
    this.writer = root.writer();
    this.whiteouts = new Whiteouts(root);
  }

  /** Applies every entry of {@code tar}; {@code source} names the layer in messages. */
  public void apply(TarReader tar, String source) {
    apply(tar, Optional.empty(), source);
  }

  /**
   * Applies every entry of {@code tar}, copying file data from {@code plainTar} (the file
   * {@code tar} reads, uncompressed) inside the kernel when present.
   */
  public void apply(TarReader tar, Optional<SourceFile> plainTar, String source) {
    UpperPaths upper = new UpperPaths();
    Map<String, Deferred> directories = new LinkedHashMap<>();
    for (Optional<TarEntry> next = tar.next(); next.isPresent(); next = tar.next()) {
      applyEntry(next.get(), tar, plainTar, upper, directories, source);
    }
    // Directory metadata while the writer may still finish files (their data, owner, mode and
    // times, through their own fds: nothing that changes a directory), then wait for those.
    applyDirectoryMetadata(directories);
    writer.sync();
  }

  /** Directory metadata to apply at the end of the layer. */
  private record Deferred(List<Name> parentPath, Name name, Metadata metadata) {}

  private void applyEntry(TarEntry entry, TarReader tar, Optional<SourceFile> plainTar,
      UpperPaths upper, Map<String, Deferred> directories, String source) {
    List<Name> path = EntryNames.clean(entry.name(), "entry name", source);
    if (path.isEmpty()) {
      refuseRootChange(entry, source);
      return;
    }
    List<Name> parentPath = path.subList(0, path.size() - 1);
    Name name = path.getLast();
    if (Whiteouts.isWhiteout(name)) {
      whiteouts.apply(parentPath, name, upper, source);
      return;
    }
    ScopedRoot.Dir parent = root.resolveDir(parentPath, true).orElseThrow();
    Metadata metadata = metadata(entry, source);
    switch (entry.type()) {
      case DIRECTORY -> {
        directory(parent, name);
        directories.put(parent.child(name), new Deferred(List.copyOf(parentPath), name, metadata));
      }
      case REGULAR -> regularFile(parent, name, tar, plainTar, metadata);
      case HARDLINK -> hardlink(parent, name, entry, source);
      case SYMLINK -> {
        create(parent, name, () -> writer.symlink(parent.handle(), name, entry.linkName()));
        writer.applyMetadata(parent.handle(), name, FileType.SYMLINK, metadata);
      }
      case CHAR_DEVICE, BLOCK_DEVICE, FIFO -> {
        FileType type = nodeType(entry.type());
        create(parent, name,
            () -> writer.mknod(parent.handle(), name, type, entry.devMajor(), entry.devMinor()));
        writer.applyMetadata(parent.handle(), name, type, metadata);
      }
    }
    upper.add(parent.child(name));
  }

  /**
   * An entry for the root itself may only be a directory, and its metadata is left alone (the
   * spec does not say; umoci and overlayfs disagree). Anything else is CVE-2021-29136: umoci
   * applied later layers through a {@code /.} symlink onto the host.
   */
  private static void refuseRootChange(TarEntry entry, String source) {
    if (entry.type() != EntryType.DIRECTORY) {
      throw new ImageUnpackException(source + ": entry "
          + ImageUnpackException.quote(entry.displayName())
          + " would change the type of the root directory to " + entry.type());
    }
  }

  private void directory(ScopedRoot.Dir parent, Name name) {
    if (writer.mkdir(parent.handle(), name)) {
      return;
    }
    Optional<FileStat> existing = writer.lstat(parent.handle(), name);
    if (existing.isPresent() && existing.get().type() == FileType.DIRECTORY) {
      return; // directory over directory: keep it, metadata is updated after the layer
    }
    root.remove(parent, name);
    if (!writer.mkdir(parent.handle(), name)) {
      throw conflict(parent, name);
    }
  }

  private void regularFile(ScopedRoot.Dir parent, Name name, TarReader tar,
      Optional<SourceFile> plainTar, Metadata metadata) {
    Optional<FileSink> created = writer.createFile(parent.handle(), name);
    if (created.isEmpty()) {
      root.remove(parent, name);
      created = writer.createFile(parent.handle(), name);
    }
    try (FileSink sink = created.orElseThrow(() -> conflict(parent, name))) {
      if (plainTar.isPresent()) {
        copyData(sink, plainTar.get(), tar);
      } else {
        for (int n = tar.read(buffer, 0, buffer.length); n > 0;
            n = tar.read(buffer, 0, buffer.length)) {
          sink.write(buffer, 0, n);
        }
      }
      sink.finish(metadata);
    }
  }

  /**
   * The entry's data straight from the tar file: counted against the limits and skipped first
   * (which fails on a truncated tar), then copied.
   */
  private static void copyData(FileSink sink, SourceFile plainTar, TarReader tar) {
    long offset = tar.position();
    tar.skipData();
    sink.copyFrom(plainTar, offset, tar.position() - offset);
  }

  /**
   * A hardlink's target is cleaned like a name and resolved inside the root without following
   * its last component; it must exist and not be a directory. No metadata comes from the
   * hardlink header and its data, if any, is skipped (CVE-2016-5418: libarchive wrote it into
   * the link target).
   */
  private void hardlink(ScopedRoot.Dir parent, Name name, TarEntry entry, String source) {
    // parent stays open through the target's resolution: handles retire only on removal.
    List<Name> target = EntryNames.clean(entry.linkName(), "hardlink target", source);
    if (target.isEmpty()) {
      throw new ImageUnpackException(source + ": hardlink "
          + ImageUnpackException.quote(entry.displayName()) + " points at the root directory");
    }
    Name targetName = target.getLast();
    ScopedRoot.Dir targetDir = root.resolveDir(target.subList(0, target.size() - 1), false)
        .orElseThrow(() -> missingLinkTarget(entry, source));
    FileStat targetStat = writer.lstat(targetDir.handle(), targetName)
        .orElseThrow(() -> missingLinkTarget(entry, source));
    if (targetStat.type() == FileType.DIRECTORY) {
      throw new ImageUnpackException(source + ": hardlink "
          + ImageUnpackException.quote(entry.displayName()) + " points at a directory");
    }
    create(parent, name,
        () -> writer.hardlink(targetDir.handle(), targetName, parent.handle(), name));
  }

  /** Runs {@code create}; if the name exists, removes it and runs it once more. */
  private void create(ScopedRoot.Dir parent, Name name, Creation create) {
    if (create.run()) {
      return;
    }
    root.remove(parent, name);
    if (!create.run()) {
      throw conflict(parent, name);
    }
  }

  @FunctionalInterface
  private interface Creation {
    /** Creates the name; false when it already exists. */
    boolean run();
  }

  private void applyDirectoryMetadata(Map<String, Deferred> directories) {
    List<Deferred> reversed = new ArrayList<>(directories.values()).reversed();
    for (Deferred dir : reversed) {
      root.resolveDir(dir.parentPath(), false).ifPresent(parent -> {
        Optional<FileStat> stat = writer.lstat(parent.handle(), dir.name());
        if (stat.isPresent() && stat.get().type() == FileType.DIRECTORY) {
          writer.applyMetadata(parent.handle(), dir.name(), FileType.DIRECTORY, dir.metadata());
        }
      });
    }
  }

  private static Metadata metadata(TarEntry entry, String source) {
    if (entry.uid() > 0xffff_fffeL || entry.gid() > 0xffff_fffeL) {
      throw new ImageUnpackException(source + ": entry "
          + ImageUnpackException.quote(entry.displayName()) + " has an invalid owner "
          + entry.uid() + ":" + entry.gid());
    }
    return new Metadata((int) entry.uid(), (int) entry.gid(), entry.mode(),
        Xattrs.forRootfs(entry.xattrs()), entry.mtimeSeconds(), entry.mtimeNanos());
  }

  private static FileType nodeType(EntryType type) {
    return switch (type) {
      case CHAR_DEVICE -> FileType.CHAR_DEVICE;
      case BLOCK_DEVICE -> FileType.BLOCK_DEVICE;
      default -> FileType.FIFO;
    };
  }

  private static ImageUnpackException missingLinkTarget(TarEntry entry, String source) {
    return new ImageUnpackException(source + ": hardlink "
        + ImageUnpackException.quote(entry.displayName()) + " points at "
        + ImageUnpackException.quote(RawText.display(entry.linkName()))
        + ", which does not exist in the rootfs");
  }

  private static ImageUnpackException conflict(ScopedRoot.Dir parent, Name name) {
    return new ImageUnpackException("cannot replace "
        + ImageUnpackException.quote(parent.display() + "/" + name) + " in the rootfs");
  }
}
