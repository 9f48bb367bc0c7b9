package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Builds a spec, writes it to a fresh directory and runs {@code ./rustyrun run -f SPEC}.
 *
 * <pre>{@code
 * RunResult result = Container.busybox()
 *     .hostname("web-1")
 *     .args("sh", "-c", "hostname; echo $$")
 *     .run();                                  // waits, with a timeout
 *
 * try (RunningContainer c = Container.busybox().args("sleep", "1000").start()) {
 *   c.signal("TERM");                          // to the host rustyrun process
 * }
 * }</pre>
 *
 * <p>The default spec is what {@code runc spec} would give a busybox rootfs, minus capabilities:
 * root user, cwd {@code /}, a hostname, new pid/mount/uts/ipc/network/cgroup namespaces, no
 * extra mounts (the runtime adds the default filesystems itself). {@code root.path} is written
 * relative to the spec's directory and the launcher runs from a different directory, so a
 * runtime that resolves it against its working directory fails every test.
 *
 * <p>Each container gets {@code <work>/containers/<TestClass.method>-<n>/} holding the spec and
 * the captured {@code stdout}/{@code stderr}, left in place for post-mortems.
 */
public final class Container {
  /** Set in the launcher's environment; a container must never see it (env comes from the spec). */
  public static final String HOST_ONLY_VARIABLE = "RUSTYRUN_CONFORMANCE_HOST_ONLY";

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private Path rootfs;
  private String rawRootPath;
  private boolean readonlyRoot;
  private List<String> args = List.of("true");
  private List<String> env = List.of("PATH=/bin:/sbin:/usr/bin:/usr/sbin", "HOME=/root", "TERM=xterm");
  private String cwd = "/";
  private long uid;
  private long gid;
  private List<Long> additionalGids = List.of();
  private Integer umask;
  private boolean terminal;
  private String hostname = "rr-conformance";
  private final List<Mount> mounts = new ArrayList<>();
  private final Map<String, String> namespaces = new LinkedHashMap<>();
  private final Map<String, Object> processFields = new LinkedHashMap<>();
  private final Map<String, Object> linuxFields = new LinkedHashMap<>();
  private final Map<String, Object> specFields = new LinkedHashMap<>();
  private final Map<String, String> launcherEnv = new LinkedHashMap<>();
  private List<String> launcherWrapper = List.of();
  private String specFileName = "container.yaml";
  private Path prewrittenSpec;
  private String stdin = "";
  private Duration timeout = DEFAULT_TIMEOUT;
  private final Path dir;

  private Container(Path rootfs) {
    this.rootfs = rootfs;
    for (String type : List.of("pid", "mount", "uts", "ipc", "network", "cgroup")) {
      namespaces.put(type, null);
    }
    launcherEnv.put(HOST_ONLY_VARIABLE, "leak-canary");
    this.dir = freshDirectory(callingTestName());
  }

  /** A container on the shared busybox rootfs with the default spec. */
  public static Container busybox() {
    return new Container(BusyboxRootfs.path());
  }

  /** A container on another rootfs (e.g. Debian) with the default spec. */
  public static Container onRootfs(Path rootfs) {
    return new Container(rootfs);
  }

  /**
   * Runs a spec file the test wrote itself (an OCI bundle's {@code config.json}); the builder's
   * spec settings are ignored, its launcher settings (env, stdin, timeout) still apply.
   */
  public static Container ofSpecFile(Path specFile) {
    Container container = new Container(null);
    container.prewrittenSpec = specFile.toAbsolutePath();
    return container;
  }

  public Container args(String... args) {
    this.args = List.of(args);
    return this;
  }

  public Container env(String... variables) {
    this.env = List.of(variables);
    return this;
  }

  public Container cwd(String cwd) {
    this.cwd = cwd;
    return this;
  }

  public Container user(long uid, long gid, Long... additionalGids) {
    this.uid = uid;
    this.gid = gid;
    this.additionalGids = List.of(additionalGids);
    return this;
  }

  /**
   * {@code process.user.umask}: pass a Java octal literal ({@code 027}); it is written as the
   * decimal number config.json carries (23), which YAML 1.1 and 1.2 read alike.
   */
  public Container umask(int umask) {
    this.umask = umask;
    return this;
  }

  public Container terminal(boolean terminal) {
    this.terminal = terminal;
    return this;
  }

  /** The spec's hostname, or {@code null} to leave the field out. */
  public Container hostname(String hostname) {
    this.hostname = hostname;
    return this;
  }

  public Container readonlyRoot() {
    this.readonlyRoot = true;
    return this;
  }

  /** Writes {@code root.path} verbatim instead of the rootfs relative to the spec (error cases). */
  public Container rootPath(String path) {
    this.rawRootPath = path;
    return this;
  }

  public Container mount(Mount mount) {
    mounts.add(mount);
    return this;
  }

  /** Replaces the namespace list: each type is new (no path). */
  public Container namespaces(String... types) {
    namespaces.clear();
    for (String type : types) {
      namespaces.put(type, null);
    }
    return this;
  }

  /** Joins the existing namespace at {@code path} instead of creating one (setns). */
  public Container joinNamespace(String type, Path path) {
    namespaces.put(type, path.toString());
    return this;
  }

  /**
   * Sets a further {@code process} field verbatim, as a tree of maps, lists and scalars: {@code
   * processField("noNewPrivileges", true)}, {@code processField("rlimits", List.of(...))}.
   */
  public Container processField(String name, Object value) {
    processFields.put(name, value);
    return this;
  }

  /**
   * Sets a further {@code linux} field verbatim ({@code maskedPaths}, {@code seccomp}, {@code
   * resources}, ...); {@code namespaces} stays with {@link #namespaces} and {@link
   * #joinNamespace}.
   */
  public Container linuxField(String name, Object value) {
    linuxFields.put(name, value);
    return this;
  }

  /** Sets a top-level spec field verbatim ({@code hooks}, {@code annotations}). */
  public Container specField(String name, Object value) {
    specFields.put(name, value);
    return this;
  }

  /** An extra variable in the launcher's environment (not the container's). */
  public Container launcherEnv(String name, String value) {
    launcherEnv.put(name, value);
    return this;
  }

  /**
   * Runs the launcher under {@code command}, which must exec its trailing arguments: e.g.
   * {@link HostCgroups#unifiedOnlyView()}, to show it another cgroup layout.
   */
  public Container launcherWrapper(List<String> command) {
    this.launcherWrapper = List.copyOf(command);
    return this;
  }

  /** Bytes fed to the launcher's stdin, then EOF. */
  public Container stdin(String input) {
    this.stdin = input;
    return this;
  }

  public Container timeout(Duration timeout) {
    this.timeout = timeout;
    return this;
  }

  /** Writes the spec as JSON into {@code fileName} (e.g. {@code config.json}) instead of YAML. */
  public Container specFileName(String fileName) {
    this.specFileName = fileName;
    return this;
  }

  /** This container's directory (spec, captured output); unique per call. */
  public Path directory() {
    return dir;
  }

  /** Writes the spec (if not prewritten) and returns its path. */
  public Path writeSpec() {
    if (prewrittenSpec != null) {
      return prewrittenSpec;
    }
    Path spec = dir.resolve(specFileName);
    String text = specFileName.endsWith(".json") ? SpecWriter.json(tree()) : SpecWriter.yaml(tree());
    try {
      return Files.writeString(spec, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs to completion (or fails the test at the timeout) and returns what happened. */
  public RunResult run() {
    try (RunningContainer running = start()) {
      return running.awaitExit(timeout);
    }
  }

  /** Starts {@code rustyrun run} in the background; close the result to clean up. */
  public RunningContainer start() {
    Path spec = writeSpec();
    return RunningContainer.start(command(spec), dir, spec, launcherEnv, stdin);
  }

  /**
   * Starts {@code rustyrun run} under a new pseudo-terminal of {@code cols} x {@code rows}; the
   * spec should set {@code terminal(true)}.
   */
  public TerminalSession startInTerminal(int cols, int rows) {
    Path spec = writeSpec();
    return TerminalSession.start(command(spec), dir, launcherEnv, cols, rows);
  }

  /** The launcher command line. */
  List<String> command(Path spec) {
    List<String> command = new ArrayList<>(launcherWrapper);
    command.addAll(List.of(TestEnvironment.launcher().toString(), "run", "-f", spec.toString()));
    return command;
  }

  /** The spec as a tree of maps and lists, OCI config.json field names. */
  Map<String, Object> tree() {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("uid", uid);
    user.put("gid", gid);
    if (!additionalGids.isEmpty()) {
      user.put("additionalGids", additionalGids);
    }
    if (umask != null) {
      user.put("umask", umask);
    }
    Map<String, Object> process = new LinkedHashMap<>();
    process.put("terminal", terminal);
    process.put("user", user);
    process.put("args", args);
    process.put("env", env);
    process.put("cwd", cwd);
    process.putAll(processFields);

    Map<String, Object> root = new LinkedHashMap<>();
    root.put("path", rawRootPath != null ? rawRootPath : dir.relativize(rootfs).toString());
    root.put("readonly", readonlyRoot);

    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("ociVersion", "1.0.2");
    spec.put("process", process);
    spec.put("root", root);
    if (hostname != null) {
      spec.put("hostname", hostname);
    }
    if (!mounts.isEmpty()) {
      spec.put("mounts", mounts.stream().map(Mount::toTree).toList());
    }
    Map<String, Object> linux = new LinkedHashMap<>();
    linux.put("namespaces", namespaceTree());
    linux.putAll(linuxFields);
    spec.put("linux", linux);
    spec.putAll(specFields);
    return spec;
  }

  private List<Map<String, String>> namespaceTree() {
    List<Map<String, String>> list = new ArrayList<>();
    namespaces.forEach(
        (type, path) -> {
          Map<String, String> entry = new LinkedHashMap<>();
          entry.put("type", type);
          if (path != null) {
            entry.put("path", path);
          }
          list.add(entry);
        });
    return list;
  }

  /** "RunChainIT.targetIsPid1", from the nearest *IT frame, so directories name their test. */
  private static String callingTestName() {
    return StackWalker.getInstance()
        .walk(
            frames ->
                frames
                    .filter(frame -> frame.getClassName().endsWith("IT"))
                    .map(frame -> simpleName(frame.getClassName()) + "." + frame.getMethodName())
                    .findFirst())
        .orElse("container")
        .replaceAll("[^A-Za-z0-9_.-]", "_");
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1).replace('$', '.');
  }

  private static Path freshDirectory(String name) {
    Path dir =
        TestEnvironment.workDir()
            .resolve("containers")
            .resolve(name + "-" + SEQUENCE.incrementAndGet());
    try {
      deleteRecursively(dir);
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a tree without following symlinks (a stale rootfs copy may hold absolute links). */
  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
