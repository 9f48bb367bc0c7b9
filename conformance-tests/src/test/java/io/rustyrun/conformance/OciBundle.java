package io.rustyrun.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An OCI bundle for the lifecycle commands: a {@code config.json} whose {@code root.path} is the
 * shared busybox rootfs, plus a host directory bind-mounted read-write at {@code /mnt}.
 *
 * <pre>{@code
 * OciBundle bundle = OciBundle.create(dir, "sh", "-c", "echo started > /mnt/marker");
 * cli.run("create", "--bundle", bundle.dir().toString(), "c1");
 * bundle.hostFile("marker");      // dir/host/marker: what the program wrote, seen from the host
 * }</pre>
 *
 * <p>The config is what {@code runc spec} writes (the validation suite's and podman's shape:
 * default mounts, pid/ipc/uts/mount/network namespaces, masked and read-only paths) with the
 * edits a user makes: the command, {@code terminal: false} and an absolute {@code root.path}.
 * The root stays read-only because the rootfs is shared; the program writes only to {@code
 * /mnt}, which is how the test observes it without a rustyrun process in between.
 */
final class OciBundle {
  /** Where the host directory appears in the container; exists in the busybox rootfs. */
  static final String HOST_DIR_IN_CONTAINER = "/mnt";

  private final Path dir;
  private final Map<String, Object> config;

  private OciBundle(Path dir, Map<String, Object> config) {
    this.dir = dir;
    this.config = config;
  }

  /** Writes {@code dir/config.json} running {@code args} and creates {@code dir/host}. */
  static OciBundle create(Path dir, String... args) {
    try {
      Files.createDirectories(dir.resolve("host"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the bundle " + dir, e);
    }
    OciBundle bundle = new OciBundle(dir, config(dir, List.of(args)));
    bundle.write();
    return bundle;
  }

  /** Sets a top-level field of config.json ({@code hooks}, {@code annotations}) and rewrites it. */
  OciBundle with(String field, Object value) {
    config.put(field, value);
    write();
    return this;
  }

  private void write() {
    try {
      Files.writeString(dir.resolve("config.json"), SpecWriter.json(config), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the bundle " + dir, e);
    }
  }

  Path dir() {
    return dir;
  }

  /** A file in the host directory that the container sees under {@code /mnt}. */
  Path hostFile(String name) {
    return dir.resolve("host").resolve(name);
  }

  private static Map<String, Object> config(Path dir, List<String> args) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("ociVersion", "1.0.2-dev");
    config.put("process", process(args));
    config.put("root", Map.of("path", BusyboxRootfs.path().toString(), "readonly", true));
    config.put("hostname", "rr-lifecycle");
    config.put("mounts", mounts(dir.resolve("host")));
    config.put("linux", linux());
    return config;
  }

  /** Also used for {@code exec --process}: the same object an OCI {@code process} is. */
  static Map<String, Object> process(List<String> args) {
    Map<String, Object> process = new LinkedHashMap<>();
    process.put("terminal", false);
    process.put("user", Map.of("uid", 0, "gid", 0));
    process.put("args", args);
    process.put("env", List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"));
    process.put("cwd", "/");
    List<String> caps = List.of("CAP_AUDIT_WRITE", "CAP_KILL", "CAP_NET_BIND_SERVICE");
    process.put(
        "capabilities",
        Map.of("bounding", caps, "effective", caps, "permitted", caps, "ambient", caps));
    process.put("rlimits", List.of(Map.of("type", "RLIMIT_NOFILE", "hard", 1024, "soft", 1024)));
    process.put("noNewPrivileges", true);
    return process;
  }

  private static List<Map<String, Object>> mounts(Path hostDir) {
    return List.of(
        mount("/proc", "proc", "proc", List.of()),
        mount("/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
        mount("/dev/pts", "devpts", "devpts",
            List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
        mount("/dev/shm", "tmpfs", "shm",
            List.of("nosuid", "noexec", "nodev", "mode=1777", "size=65536k")),
        mount("/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
        mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
        mount(HOST_DIR_IN_CONTAINER, "bind", hostDir.toString(), List.of("rbind", "rw")));
  }

  private static Map<String, Object> mount(
      String destination, String type, String source, List<String> options) {
    Map<String, Object> mount = new LinkedHashMap<>();
    mount.put("destination", destination);
    mount.put("type", type);
    mount.put("source", source);
    mount.put("options", options);
    return mount;
  }

  private static Map<String, Object> linux() {
    Map<String, Object> linux = new LinkedHashMap<>();
    linux.put(
        "namespaces",
        List.of("pid", "network", "ipc", "uts", "mount").stream()
            .map(type -> Map.of("type", type))
            .toList());
    linux.put(
        "maskedPaths",
        List.of("/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/timer_list", "/sys/firmware"));
    linux.put("readonlyPaths", List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys"));
    return linux;
  }
}
