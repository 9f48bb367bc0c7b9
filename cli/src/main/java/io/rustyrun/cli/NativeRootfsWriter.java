package io.rustyrun.cli;

import io.rustyrun.image.core.ImageUnpackException;
import io.rustyrun.image.fs.DirHandle;
import io.rustyrun.image.fs.FileSink;
import io.rustyrun.image.fs.FileStat;
import io.rustyrun.image.fs.FileType;
import io.rustyrun.image.fs.Metadata;
import io.rustyrun.image.fs.Name;
import io.rustyrun.image.fs.RootfsWriter;
import io.rustyrun.image.fs.SourceFile;
import io.rustyrun.runtime.sys.DeviceNode;
import io.rustyrun.runtime.sys.Errno;
import io.rustyrun.runtime.sys.FileStatus;
import io.rustyrun.runtime.sys.FileSyscalls;
import io.rustyrun.runtime.sys.FileSyscalls.OpenFlag;
import io.rustyrun.runtime.sys.SyscallException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link RootfsWriter} rustyrun unpacks with: every operation is an {@code *at} call on an
 * {@code O_PATH} directory fd through {@link FileSyscalls}, so names are byte-exact, device
 * nodes and every xattr namespace work, and nothing is resolved through a symlink.
 *
 * <pre>{@code
 * RootfsWriterFactory writers = dir -> new NativeRootfsWriter(new LinuxFileSyscalls(), dir);
 * new ImageUnpacker(writers).unpack(image, dir, UnpackOptions.forHost());
 * }</pre>
 *
 * <p>Metadata goes through an fd where one can be opened safely (regular files being written,
 * directories with {@code O_DIRECTORY|O_NOFOLLOW}) and through {@code AT_SYMLINK_NOFOLLOW}
 * calls otherwise. There is no {@code lsetxattrat} before Linux 6.13, so xattrs of symlinks and
 * nodes are set through {@code /proc/self/fd/DIRFD/NAME}: the kernel resolves the fd's magic
 * link to the directory itself, and {@code lsetxattr} does not follow the last component.
 *
 * <p>A regular file's last steps (its {@code sendfile} copies from a plain tarball, then its
 * metadata and close) run on a {@link FileFinisher} thread; {@link #sync} waits for them.
 */
final class NativeRootfsWriter implements RootfsWriter {
  private static final Set<OpenFlag> DIRECTORY_PATH =
      EnumSet.of(OpenFlag.PATH, OpenFlag.DIRECTORY, OpenFlag.NOFOLLOW, OpenFlag.CLOEXEC);
  private static final Set<OpenFlag> DIRECTORY_READ =
      EnumSet.of(OpenFlag.READ_ONLY, OpenFlag.DIRECTORY, OpenFlag.NOFOLLOW, OpenFlag.CLOEXEC);
  private static final Set<OpenFlag> NEW_FILE = EnumSet.of(OpenFlag.WRITE_ONLY, OpenFlag.CREATE,
      OpenFlag.EXCLUSIVE, OpenFlag.NOFOLLOW, OpenFlag.CLOEXEC);
  private static final Set<OpenFlag> SOURCE_FILE =
      EnumSet.of(OpenFlag.READ_ONLY, OpenFlag.CLOEXEC);
  private static final byte[] DOT = {'.'};

  private final FileSyscalls fs;
  private final FdDir root;
  private final FileFinisher finisher = new FileFinisher();

  /** @param rootfs an existing directory, opened here with {@code O_PATH|O_NOFOLLOW} */
  NativeRootfsWriter(FileSyscalls fs, Path rootfs) {
    this.fs = fs;
    this.root = new FdDir(fs, call(() -> fs.openat(FileSyscalls.AT_FDCWD,
        rootfs.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8), DIRECTORY_PATH, 0)));
  }

  /** An {@code O_PATH} directory fd. */
  private static final class FdDir implements DirHandle {
    private final FileSyscalls fs;
    private final int fd;
    private boolean closed;

    FdDir(FileSyscalls fs, int fd) {
      this.fs = fs;
      this.fd = fd;
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        fs.close(fd);
      }
    }
  }

  @Override
  public DirHandle root() {
    return root;
  }

  @Override
  public DirHandle openDir(DirHandle parent, Name name) {
    return new FdDir(fs, call(() -> fs.openat(fd(parent), name.bytes(), DIRECTORY_PATH, 0)));
  }

  @Override
  public Optional<FileStat> lstat(DirHandle parent, Name name) {
    return call(() -> fs.fstatat(fd(parent), name.bytes()))
        .map(s -> new FileStat(type(s.kind()), s.permissions()));
  }

  @Override
  public byte[] readlink(DirHandle parent, Name name) {
    return call(() -> fs.readlinkat(fd(parent), name.bytes()));
  }

  @Override
  public List<Name> list(DirHandle dir) {
    int fd = call(() -> fs.openat(fd(dir), DOT, DIRECTORY_READ, 0));
    try {
      return call(() -> fs.readdir(fd)).stream().map(Name::of).toList();
    } finally {
      fs.close(fd);
    }
  }

  @Override
  public boolean mkdir(DirHandle parent, Name name) {
    return created(() -> fs.mkdirat(fd(parent), name.bytes(), 0700));
  }

  @Override
  public Optional<FileSink> createFile(DirHandle parent, Name name) {
    try {
      return Optional.of(new FdSink(fs.openat(fd(parent), name.bytes(), NEW_FILE, 0600)));
    } catch (SyscallException e) {
      if (e.errno() == Errno.EEXIST) {
        return Optional.empty();
      }
      throw failed(e);
    }
  }

  @Override
  public boolean symlink(DirHandle parent, Name name, byte[] target) {
    return created(() -> fs.symlinkat(target, fd(parent), name.bytes()));
  }

  @Override
  public boolean hardlink(DirHandle targetDir, Name target, DirHandle parent, Name name) {
    return created(() -> fs.linkat(fd(targetDir), target.bytes(), fd(parent), name.bytes()));
  }

  @Override
  public boolean mknod(DirHandle parent, Name name, FileType type, int major, int minor) {
    DeviceNode.Type nodeType = switch (type) {
      case CHAR_DEVICE -> DeviceNode.Type.CHAR;
      case BLOCK_DEVICE -> DeviceNode.Type.BLOCK;
      case FIFO -> DeviceNode.Type.FIFO;
      default -> throw new IllegalArgumentException("not a node type: " + type);
    };
    DeviceNode node = new DeviceNode(nodeType, major, minor, 0600);
    return created(() -> fs.mknodat(fd(parent), name.bytes(), node));
  }

  @Override
  public void unlink(DirHandle parent, Name name) {
    run(() -> fs.unlinkat(fd(parent), name.bytes(), false));
  }

  @Override
  public void rmdir(DirHandle parent, Name name) {
    run(() -> fs.unlinkat(fd(parent), name.bytes(), true));
  }

  @Override
  public void applyMetadata(DirHandle parent, Name name, FileType type, Metadata metadata) {
    if (type == FileType.DIRECTORY) {
      int fd = call(() -> fs.openat(fd(parent), name.bytes(), DIRECTORY_READ, 0));
      try {
        applyThroughFd(fd, metadata);
      } finally {
        fs.close(fd);
      }
      return;
    }
    int dirfd = fd(parent);
    byte[] bytes = name.bytes();
    try {
      fs.fchownat(dirfd, bytes, metadata.uid(), metadata.gid());
      if (type != FileType.SYMLINK) {
        fs.fchmodat(dirfd, bytes, metadata.mode());
      }
      for (Map.Entry<String, byte[]> xattr : metadata.xattrs().entrySet()) {
        if (type == FileType.SYMLINK && xattr.getKey().startsWith("user.")) {
          continue; // the kernel allows user.* xattrs only on regular files and directories
        }
        fs.lsetxattr(procPath(dirfd, bytes), xattr.getKey(), xattr.getValue());
      }
      fs.utimensat(dirfd, bytes, metadata.mtimeSeconds(), metadata.mtimeNanos());
    } catch (SyscallException e) {
      throw failed(e);
    }
  }

  /**
   * Owner, then mode (chown clears setuid/setgid), then xattrs, then times (SECURITY.md 1.6).
   * Calls made for every file are not wrapped in lambdas ({@link #run}): C1 code allocates each
   * captured lambda through a call into the VM.
   */
  private void applyThroughFd(int fd, Metadata metadata) {
    try {
      fs.fchown(fd, metadata.uid(), metadata.gid());
      fs.fchmod(fd, metadata.mode());
      for (Map.Entry<String, byte[]> xattr : metadata.xattrs().entrySet()) {
        fs.fsetxattr(fd, xattr.getKey(), xattr.getValue());
      }
      fs.futimens(fd, metadata.mtimeSeconds(), metadata.mtimeNanos());
    } catch (SyscallException e) {
      throw failed(e);
    }
  }

  /** The image file, opened {@code O_RDONLY} for {@link FdSink#copyFrom}'s {@code sendfile}. */
  @Override
  public SourceFile openSource(Path file) {
    return new FdSource(call(() -> fs.openat(FileSyscalls.AT_FDCWD,
        file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8), SOURCE_FILE, 0)));
  }

  /** An image file open for reading. */
  private final class FdSource implements SourceFile {
    private final int fd;
    private boolean closed;

    FdSource(int fd) {
      this.fd = fd;
    }

    @Override
    public int read(long position, byte[] buf, int off, int len) {
      try {
        return fs.pread(fd, buf, off, len, position);
      } catch (SyscallException e) {
        throw failed(e);
      }
    }

    /** Waits for the file copies that read from it first. */
    @Override
    public void close() {
      if (!closed) {
        closed = true;
        finisher.drain();
        fs.close(fd);
      }
    }
  }

  @Override
  public void sync() {
    finisher.sync();
  }

  @Override
  public void close() {
    finisher.close();
    root.close();
  }

  /**
   * A regular file open for writing. Data written goes out at once; copies from an image file
   * and the metadata are one task for the {@link FileFinisher}, which closes the file.
   */
  private final class FdSink implements FileSink {
    private final int fd;
    private final List<Copy> copies = new ArrayList<>(1);
    private boolean closed;

    FdSink(int fd) {
      this.fd = fd;
    }

    /** A range of an image file to {@code sendfile} into this file. */
    private record Copy(FdSource source, long position, long length) {}

    @Override
    public void write(byte[] buf, int off, int len) {
      run(() -> fs.write(fd, buf, off, len));
    }

    /** {@code sendfile} from an image file of this writer, by {@link #finish}. */
    @Override
    public void copyFrom(SourceFile source, long position, long length) {
      if (source instanceof FdSource image) {
        copies.add(new Copy(image, position, length));
      } else {
        FileSink.super.copyFrom(source, position, length);
      }
    }

    @Override
    public void finish(Metadata metadata) {
      List<Copy> pending = List.copyOf(copies);
      finisher.submit(() -> {
        try {
          pending.forEach(this::copy);
          applyThroughFd(fd, metadata);
        } finally {
          fs.close(fd);
        }
      });
      closed = true; // the task closes it; if submit threw, close() does
    }

    /** The data never enters the JVM. */
    private void copy(Copy copy) {
      for (long done = 0; done < copy.length(); ) {
        long offset = copy.position() + done;
        long rest = copy.length() - done;
        long n = sendfile(copy.source(), offset, rest);
        if (n == 0) {
          throw new ImageUnpackException("sendfile: the image file ended " + rest
              + " bytes before the end of a file's data (was it changed while unpacking?)");
        }
        done += n;
      }
    }

    private long sendfile(FdSource source, long offset, long count) {
      try {
        return fs.sendfile(fd, source.fd, offset, count);
      } catch (SyscallException e) {
        throw failed(e);
      }
    }

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        run(() -> fs.close(fd));
      }
    }
  }

  private static byte[] procPath(int dirfd, byte[] name) {
    byte[] prefix = ("/proc/self/fd/" + dirfd + "/").getBytes(StandardCharsets.US_ASCII);
    byte[] path = new byte[prefix.length + name.length];
    System.arraycopy(prefix, 0, path, 0, prefix.length);
    System.arraycopy(name, 0, path, prefix.length, name.length);
    return path;
  }

  private static int fd(DirHandle dir) {
    return ((FdDir) dir).fd;
  }

  private static FileType type(FileStatus.Kind kind) {
    return switch (kind) {
      case REGULAR -> FileType.REGULAR;
      case DIRECTORY -> FileType.DIRECTORY;
      case SYMLINK -> FileType.SYMLINK;
      case CHAR_DEVICE -> FileType.CHAR_DEVICE;
      case BLOCK_DEVICE -> FileType.BLOCK_DEVICE;
      case FIFO -> FileType.FIFO;
      case SOCKET -> FileType.SOCKET;
    };
  }

  /** Runs a creating call; false when the name already exists. */
  private static boolean created(Runnable create) {
    try {
      create.run();
      return true;
    } catch (SyscallException e) {
      if (e.errno() == Errno.EEXIST) {
        return false;
      }
      throw failed(e);
    }
  }

  private static void run(Runnable call) {
    try {
      call.run();
    } catch (SyscallException e) {
      throw failed(e);
    }
  }

  private static <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (SyscallException e) {
      throw failed(e);
    }
  }

  /** The syscall's message already names the call, the object and the errno. */
  private static ImageUnpackException failed(SyscallException e) {
    return new ImageUnpackException(e.getMessage(), e);
  }
}
