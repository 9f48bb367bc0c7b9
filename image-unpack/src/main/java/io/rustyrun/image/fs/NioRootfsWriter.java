package io.rustyrun.image.fs;

import io.rustyrun.image.core.ImageUnpackException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A {@link RootfsWriter} on any NIO file system: jimfs in unit tests, or the default file system
 * when no native writer is available (then like umoci's rootless mode).
 *
 * <pre>{@code
 * FileSystem fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
 *     .setAttributeViews("basic", "owner", "posix", "unix", "user").build());
 * try (RootfsWriter writer = new NioRootfsWriter(Files.createDirectory(fs.getPath("/rootfs")))) {
 *   ...
 * }
 * }</pre>
 *
 * <p>What NIO cannot do, and what this writer does instead:
 * <ul>
 *   <li>device nodes and fifos become empty regular files (umoci's rootless mode does the same);
 *   <li>only {@code user.*} xattrs are written, through {@link UserDefinedFileAttributeView};
 *   <li>names are decoded as UTF-8 (a non-UTF-8 byte becomes U+FFFD), since NIO paths are text;
 *   <li>owners are set by numeric name through the lookup service ({@code "1000"}); setuid,
 *       setgid and sticky bits only where the {@code unix:mode} attribute is writable;
 *   <li>"relative to a handle" means {@code dir.resolve(name)} with {@code NOFOLLOW_LINKS}: the
 *       safety of the walk comes from {@link ScopedRoot}, not from file descriptors.
 * </ul>
 */
public final class NioRootfsWriter implements RootfsWriter {
  private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

  private final PathDir root;
  private final boolean unixMode;

  /** @param root an existing directory: the rootfs */
  public NioRootfsWriter(Path root) {
    if (!Files.isDirectory(root, NOFOLLOW)) {
      throw new ImageUnpackException("rootfs " + quote(root) + " is not a directory");
    }
    this.root = new PathDir(root);
    this.unixMode = supportsUnixMode(root);
  }

  /** A directory of this writer: just its path. */
  private record PathDir(Path path) implements DirHandle {
    @Override
    public void close() {}
  }

  @Override
  public DirHandle root() {
    return root;
  }

  @Override
  public DirHandle openDir(DirHandle parent, Name name) {
    Path path = path(parent, name);
    if (!Files.isDirectory(path, NOFOLLOW)) {
      throw new ImageUnpackException("open " + quote(path) + ": not a directory");
    }
    return new PathDir(path);
  }

  @Override
  public Optional<FileStat> lstat(DirHandle parent, Name name) {
    Path path = path(parent, name);
    try {
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, NOFOLLOW);
      FileType type = attributes.isDirectory() ? FileType.DIRECTORY
          : attributes.isSymbolicLink() ? FileType.SYMLINK
          : attributes.isRegularFile() ? FileType.REGULAR
          : FileType.FIFO;
      return Optional.of(new FileStat(type, 0));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("lstat", path, e);
    }
  }

  @Override
  public byte[] readlink(DirHandle parent, Name name) {
    Path path = path(parent, name);
    try {
      return Files.readSymbolicLink(path).toString().getBytes(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw failure("readlink", path, e);
    }
  }

  @Override
  public List<Name> list(DirHandle dir) {
    Path path = ((PathDir) dir).path();
    List<Name> names = new ArrayList<>();
    try (DirectoryStream<Path> children = Files.newDirectoryStream(path)) {
      for (Path child : children) {
        names.add(Name.ofText(child.getFileName().toString()));
      }
    } catch (IOException e) {
      throw failure("list", path, e);
    }
    return names;
  }

  @Override
  public boolean mkdir(DirHandle parent, Name name) {
    Path path = path(parent, name);
    try {
      Files.createDirectory(path);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw failure("mkdir", path, e);
    }
  }

  @Override
  public Optional<FileSink> createFile(DirHandle parent, Name name) {
    Path path = path(parent, name);
    try {
      SeekableByteChannel channel = Files.newByteChannel(path,
          EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
      return Optional.of(new ChannelSink(path, channel));
    } catch (FileAlreadyExistsException e) {
      return Optional.empty();
    } catch (IOException e) {
      throw failure("create", path, e);
    }
  }

  @Override
  public boolean symlink(DirHandle parent, Name name, byte[] target) {
    Path path = path(parent, name);
    try {
      Files.createSymbolicLink(path,
          path.getFileSystem().getPath(new String(target, StandardCharsets.UTF_8)));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw failure("symlink", path, e);
    }
  }

  @Override
  public boolean hardlink(DirHandle targetDir, Name target, DirHandle parent, Name name) {
    Path path = path(parent, name);
    try {
      Files.createLink(path, path(targetDir, target));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      throw failure("link", path, e);
    }
  }

  /** NIO has no mknod: an empty regular file stands in for the node, as in umoci rootless. */
  @Override
  public boolean mknod(DirHandle parent, Name name, FileType type, int major, int minor) {
    Optional<FileSink> sink = createFile(parent, name);
    sink.ifPresent(FileSink::close);
    return sink.isPresent();
  }

  @Override
  public void unlink(DirHandle parent, Name name) {
    delete(path(parent, name));
  }

  @Override
  public void rmdir(DirHandle parent, Name name) {
    delete(path(parent, name));
  }

  @Override
  public void applyMetadata(DirHandle parent, Name name, FileType type, Metadata metadata) {
    Path path = path(parent, name);
    try {
      setOwner(path, metadata);
      if (type != FileType.SYMLINK) {
        setMode(path, metadata.mode());
      }
      setXattrs(path, type, metadata.xattrs());
      FileTime time = FileTime.from(
          metadata.mtimeSeconds() * 1_000_000_000L + metadata.mtimeNanos(), TimeUnit.NANOSECONDS);
      Files.getFileAttributeView(path, BasicFileAttributeView.class, NOFOLLOW)
          .setTimes(time, null, null);
    } catch (IOException | UnsupportedOperationException e) {
      throw failure("set metadata of", path, e);
    }
  }

  @Override
  public void close() {}

  private void setOwner(Path path, Metadata metadata) throws IOException {
    PosixFileAttributeView view =
        Files.getFileAttributeView(path, PosixFileAttributeView.class, NOFOLLOW);
    if (view == null) {
      return;
    }
    UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
    view.setOwner(lookup.lookupPrincipalByName(Integer.toUnsignedString(metadata.uid())));
    view.setGroup(lookup.lookupPrincipalByGroupName(Integer.toUnsignedString(metadata.gid())));
  }

  private void setMode(Path path, int mode) throws IOException {
    if (unixMode) {
      Files.setAttribute(path, "unix:mode", mode, NOFOLLOW);
      return;
    }
    PosixFileAttributeView view =
        Files.getFileAttributeView(path, PosixFileAttributeView.class, NOFOLLOW);
    if (view != null) {
      view.setPermissions(permissions(mode));
    }
  }

  /** Only {@code user.*}: the other namespaces need the native writer. */
  private static void setXattrs(Path path, FileType type, Map<String, byte[]> xattrs)
      throws IOException {
    if (type == FileType.SYMLINK || xattrs.isEmpty()) {
      return; // Linux refuses user.* xattrs on symlinks
    }
    UserDefinedFileAttributeView view =
        Files.getFileAttributeView(path, UserDefinedFileAttributeView.class, NOFOLLOW);
    if (view == null) {
      return;
    }
    for (Map.Entry<String, byte[]> xattr : xattrs.entrySet()) {
      if (xattr.getKey().startsWith("user.")) {
        view.write(xattr.getKey().substring(5), ByteBuffer.wrap(xattr.getValue()));
      }
    }
  }

  private static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] all = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
    for (int bit = 0; bit < 9; bit++) {
      if ((mode & (0400 >> bit)) != 0) {
        permissions.add(all[bit]);
      }
    }
    return permissions;
  }

  /** Whether {@code unix:mode} (with setuid/setgid/sticky) can be written here. */
  private static boolean supportsUnixMode(Path root) {
    try {
      Object mode = Files.getAttribute(root, "unix:mode", NOFOLLOW);
      Files.setAttribute(root, "unix:mode", mode, NOFOLLOW);
      return true;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private static void delete(Path path) {
    try {
      Files.delete(path);
    } catch (IOException e) {
      throw failure("remove", path, e);
    }
  }

  private static Path path(DirHandle dir, Name name) {
    return ((PathDir) dir).path().resolve(name.text());
  }

  private static ImageUnpackException failure(String operation, Path path, Exception e) {
    return new ImageUnpackException(operation + " " + quote(path) + ": " + e, e);
  }

  private static String quote(Path path) {
    return ImageUnpackException.quote(path);
  }

  /** Writes through a channel; metadata is applied by path after close (NIO has no fchown). */
  private final class ChannelSink implements FileSink {
    private final Path path;
    private final SeekableByteChannel channel;

    ChannelSink(Path path, SeekableByteChannel channel) {
      this.path = path;
      this.channel = channel;
    }

    @Override
    public void write(byte[] buf, int off, int len) {
      try {
        ByteBuffer buffer = ByteBuffer.wrap(buf, off, len);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      } catch (IOException e) {
        throw failure("write", path, e);
      }
    }

    @Override
    public void finish(Metadata metadata) {
      close();
      applyMetadata(new PathDir(path.getParent()), Name.ofText(path.getFileName().toString()),
          FileType.REGULAR, metadata);
    }

    @Override
    public void close() {
      try {
        channel.close();
      } catch (IOException e) {
        throw failure("close", path, e);
      }
    }
  }
}
