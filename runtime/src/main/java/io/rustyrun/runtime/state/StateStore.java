package io.rustyrun.runtime.state;

import io.rustyrun.runtime.ContainerSetupException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.Stream;

/**
 * The state directories under {@code --root} (default {@code /run/rustyrun}): one per container,
 * created atomically by mkdir, written by temp file + rename, and removed by their owner or by
 * the next rustyrun that finds the owner dead.
 *
 * <pre>{@code
 * StateStore store = new StateStore(Path.of("/run/rustyrun"), Path.of("/proc"));
 * store.reapStale(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly), dir -> {});
 * ContainerDirectory dir = store.create("web-1", self);
 * }</pre>
 *
 * <p>Files in a container directory: {@code owner} (the rustyrun process that must stay alive
 * for a foreground container), {@code init} (the container's PID 1), {@code launch} (the
 * binary config for the stages).
 */
public final class StateStore {
  private final Path root;
  private final Path proc;

  public StateStore(Path root, Path proc) {
    this.root = root;
    this.proc = proc;
  }

  public Path root() {
    return root;
  }

  /**
   * Creates the directory of container {@code id}; fails if the id is taken (mkdir is atomic,
   * so of two concurrent creates exactly one wins).
   *
   * @param owner the process whose death makes the container stale ({@code run}), or
   *     {@code null} for a container that outlives rustyrun ({@code create})
   */
  public ContainerDirectory create(String id, ProcessIdentity owner) {
    if (id.isEmpty() || id.contains("/") || id.equals(".") || id.equals("..")) {
      throw new ContainerSetupException("invalid container id \"" + id + "\": it must be a non-empty name without \"/\"");
    }
    try {
      Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path dir = root.resolve(id);
      Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      ContainerDirectory container = new ContainerDirectory(dir);
      if (owner != null) {
        container.write(ContainerDirectory.OWNER, owner.encode());
      }
      return container;
    } catch (FileAlreadyExistsException e) {
      throw new ContainerSetupException("container \"" + id + "\" already exists");
    } catch (IOException e) {
      throw new ContainerSetupException("cannot create the state of \"" + id + "\" under \"" + root + "\": " + e.getMessage(), e);
    }
  }

  /**
   * Removes the directories of foreground containers whose owner died (e.g. SIGKILL), killing
   * their init first if it somehow survived.
   *
   * @param killForcibly sends SIGKILL to a pid
   * @param release frees what else the container held (its cgroup) before its directory goes
   */
  public void reapStale(IntConsumer killForcibly, Consumer<ContainerDirectory> release) {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root)) {
      for (Path dir : dirs) {
        ContainerDirectory container = new ContainerDirectory(dir);
        Optional<ProcessIdentity> owner = container.read(ContainerDirectory.OWNER).flatMap(StateStore::identity);
        if (owner.isPresent() && !owner.get().isAlive(proc)) {
          container.read(ContainerDirectory.INIT).flatMap(StateStore::identity)
              .filter(init -> init.isAlive(proc))
              .ifPresent(init -> killForcibly.accept(init.pid()));
          release.accept(container);
          remove(dir);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The directory of container {@code id}, if it exists. */
  public Optional<ContainerDirectory> find(String id) {
    if (id.isEmpty() || id.contains("/") || id.equals(".") || id.equals("..")) {
      return Optional.empty();
    }
    Path dir = root.resolve(id);
    return Files.isDirectory(dir) ? Optional.of(new ContainerDirectory(dir)) : Optional.empty();
  }

  /** Every container directory, sorted by id. */
  public List<ContainerDirectory> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> dirs = Files.list(root)) {
      return dirs.filter(Files::isDirectory).sorted().map(ContainerDirectory::new).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list \"" + root + "\"", e);
    }
  }

  /**
   * A recorded process, or empty when the file is not one (a directory some other tool left
   * there must not stop every rustyrun command).
   */
  private static Optional<ProcessIdentity> identity(String text) {
    try {
      return Optional.of(ProcessIdentity.decode(text));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /**
   * Deletes a container directory and everything in it. Another rustyrun command may be
   * removing the same directory at once (two commands reaping one stale container): a
   * directory that is gone when this fails is what was asked for.
   */
  public void remove(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException | UncheckedIOException e) {
      if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
        throw new UncheckedIOException("cannot remove state \"" + dir + "\"",
            e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
      }
    }
  }

  /** One container's state directory. */
  public record ContainerDirectory(Path dir) {
    public static final String OWNER = "owner";
    public static final String INIT = "init";
    public static final String LAUNCH = "launch";
    public static final String RECORD = "record";

    /** The container id: the directory's name. */
    public String id() {
      return dir.getFileName().toString();
    }

    /** Writes {@code name} atomically: a reader never sees half a file. */
    public void write(String name, String content) {
      write(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public void write(String name, byte[] content) {
      try {
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write state \"" + dir.resolve(name) + "\"", e);
      }
    }

    public Optional<String> read(String name) {
      try {
        return Optional.of(Files.readString(dir.resolve(name)));
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    public Path file(String name) {
      return dir.resolve(name);
    }
  }
}
